/**
 * The event bus: a ring buffer of recent events and a set of subscribers fed in batches off
 * the message path. Emitting costs an object and an array slot; text is rendered only when an
 * event is read. A slow subscriber loses its oldest events (and is told how many); it never
 * slows mediation.
 */
import { EVENT_LEVEL_RANK, type EventKind, type EventLevel, type RuntimeEvent } from '../../model/events.js';

/** An event before its text is rendered. */
export interface EventInput {
  readonly kind: EventKind;
  readonly level: EventLevel;
  readonly category: string;
  /** The text, or a function that renders it (called at most once, off the message path). */
  readonly text: string | (() => string);
  readonly artifact?: { readonly type: string; readonly name: string };
  readonly mediatorPath?: string;
  readonly messageId?: string;
  readonly direction?: 'request' | 'response';
  readonly properties?: Readonly<Record<string, string>>;
  /** The payload, read lazily when the event is rendered: at most `max` characters are needed. */
  readonly payload?: (max: number) => string;
  /** A lower cap than the bus's for this event's payload copy. */
  readonly payloadCap?: number;
}

/** A bus event: renders lazily, serializes to a plain RuntimeEvent. */
class BusEvent {
  private rendered: RuntimeEvent | undefined;
  constructor(
    readonly seq: number,
    readonly time: number,
    private readonly input: EventInput,
    private readonly payloadCap: number,
  ) {}

  get kind(): EventKind {
    return this.input.kind;
  }

  get level(): EventLevel {
    return this.input.level;
  }

  /** The plain event (rendered once). */
  event(): RuntimeEvent {
    if (this.rendered) return this.rendered;
    const { text, payload, payloadCap, ...rest } = this.input;
    const cap = Math.min(payloadCap ?? this.payloadCap, this.payloadCap);
    let copy: string | undefined;
    let truncated = false;
    if (payload) {
      // One character past the cap tells whether anything was cut.
      const text = payload(cap + 1);
      truncated = text.length > cap;
      copy = truncated ? text.slice(0, cap) : text;
    }
    this.rendered = {
      ...rest,
      seq: this.seq,
      time: this.time,
      text: typeof text === 'function' ? text() : text,
      ...(copy !== undefined ? { payload: copy } : {}),
      ...(truncated ? { payloadTruncated: true } : {}),
    };
    return this.rendered;
  }
}

/** Receives events in order. May return a promise: events queue (bounded) until it settles. */
export type EventSubscriber = (events: readonly RuntimeEvent[]) => void | Promise<void>;

export interface SubscribeOptions {
  /** Replay events with seq > since from the ring buffer (default: all it holds). */
  readonly since?: number;
  /** Replay nothing. */
  readonly noReplay?: boolean;
  /** Most events queued for this subscriber before the oldest are dropped (default 10,000). */
  readonly maxQueue?: number;
  /** Skip events below this level (not even rendered): the console skips DEBUG and TRACE. */
  readonly minLevel?: EventLevel;
  /**
   * Deliver at most once per this many milliseconds (default: as soon as the message path
   * yields). Larger batches mean fewer writes for a socket or a terminal.
   */
  readonly batchMs?: number;
}

interface Subscription {
  readonly fn: EventSubscriber;
  readonly maxQueue: number;
  readonly minRank: number;
  readonly batchMs: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  queue: BusEvent[];
  missed: number;
  busy: boolean;
}

export interface EventBusOptions {
  /** Events kept for replay (default 2,000). */
  readonly ringSize?: number;
  /** Payload characters copied into an event (default 64 KiB). */
  readonly payloadCap?: number;
}

/** The runtime's event bus. */
export class EventBus {
  private readonly ring: (BusEvent | undefined)[];
  private ringNext = 0;
  private seq = 0;
  private readonly subs = new Set<Subscription>();
  private scheduled = false;
  payloadCap: number;

  constructor(options: EventBusOptions = {}) {
    this.ring = new Array(options.ringSize ?? 2000);
    this.payloadCap = options.payloadCap ?? 65536;
  }

  /** The last sequence number handed out. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Records an event and schedules delivery. */
  emit(input: EventInput): void {
    const e = new BusEvent(++this.seq, Date.now(), input, this.payloadCap);
    this.ring[this.ringNext] = e;
    this.ringNext = (this.ringNext + 1) % this.ring.length;
    if (this.subs.size === 0) return;
    for (const s of this.subs) this.enqueue(s, e);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Recent events in order (for replay and tests). */
  recent(since = 0): RuntimeEvent[] {
    const out: RuntimeEvent[] = [];
    for (let i = 0; i < this.ring.length; i++) {
      const e = this.ring[(this.ringNext + i) % this.ring.length];
      if (e && e.seq > since) out.push(e.event());
    }
    return out;
  }

  /** Subscribes; replays recent events first. Returns the unsubscribe function. */
  subscribe(fn: EventSubscriber, options: SubscribeOptions = {}): () => void {
    const sub: Subscription = {
      fn,
      maxQueue: options.maxQueue ?? 10000,
      minRank: options.minLevel ? EVENT_LEVEL_RANK[options.minLevel] : 0,
      batchMs: options.batchMs ?? 0,
      timer: undefined,
      queue: [],
      missed: 0,
      busy: false,
    };
    if (!options.noReplay) {
      const since = options.since ?? 0;
      const oldest = this.oldestSeq();
      // Asked to resume from before what the ring still holds: say how much is gone.
      if (options.since !== undefined && oldest !== undefined && since < oldest - 1)
        sub.missed = oldest - 1 - since;
      for (let i = 0; i < this.ring.length; i++) {
        const e = this.ring[(this.ringNext + i) % this.ring.length];
        if (e && e.seq > since) this.enqueue(sub, e);
      }
    }
    this.subs.add(sub);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return () => {
      if (sub.timer) clearTimeout(sub.timer);
      this.subs.delete(sub);
    };
  }

  private oldestSeq(): number | undefined {
    for (let i = 0; i < this.ring.length; i++) {
      const e = this.ring[(this.ringNext + i) % this.ring.length];
      if (e) return e.seq;
    }
    return undefined;
  }

  private enqueue(s: Subscription, e: BusEvent): void {
    if (s.minRank && EVENT_LEVEL_RANK[e.level] < s.minRank) return;
    s.queue.push(e);
    if (s.queue.length > s.maxQueue) {
      const over = s.queue.length - s.maxQueue;
      s.queue.splice(0, over);
      s.missed += over;
    }
  }

  private flush(): void {
    this.scheduled = false;
    for (const s of this.subs) {
      if (s.batchMs === 0) this.deliver(s);
      else if (!s.timer && s.queue.length) {
        s.timer = setTimeout(() => {
          s.timer = undefined;
          if (this.subs.has(s)) this.deliver(s);
        }, s.batchMs);
      }
    }
  }

  private deliver(s: Subscription): void {
    if (s.busy || (s.queue.length === 0 && s.missed === 0)) return;
    const batch: RuntimeEvent[] = [];
    if (s.missed > 0) {
      batch.push({
        seq: 0,
        time: Date.now(),
        kind: 'dropped',
        level: 'WARN',
        category: 'EventBus',
        text: `${s.missed} events were dropped because this subscriber was too slow.`,
        missed: s.missed,
      });
      s.missed = 0;
    }
    for (const e of s.queue) batch.push(e.event());
    s.queue = [];
    let result: void | Promise<void>;
    try {
      result = s.fn(batch);
    } catch {
      // A subscriber that throws loses this batch; mediation must not see its error.
      return;
    }
    if (result && typeof (result as Promise<void>).then === 'function') {
      s.busy = true;
      (result as Promise<void>).then(
        () => this.resume(s),
        () => this.resume(s),
      );
    }
  }

  private resume(s: Subscription): void {
    s.busy = false;
    if (this.subs.has(s)) this.deliver(s);
  }
}
