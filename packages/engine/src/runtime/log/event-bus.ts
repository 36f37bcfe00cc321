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
  readonly artifact?: { readonly type: string; readonly name: string } | undefined;
  readonly mediatorPath?: string | undefined;
  readonly messageId?: string;
  readonly direction?: 'request' | 'response';
  readonly properties?: Readonly<Record<string, string>> | undefined;
  /** The payload, read lazily when the event is rendered: at most `max` characters are needed. */
  readonly payload?: ((max: number) => string) | undefined;
  /** A lower cap than the bus's for this event's payload copy. */
  readonly payloadCap?: number;
  /** For `dropped`: how many events were lost. */
  readonly missed?: number;
}

/**
 * A bus event: renders lazily, serializes to a plain RuntimeEvent. What it was built from is let
 * go once rendered, so the replay ring holds only the rendered strings, never a message's payload
 * or the snapshot a log mediator took.
 */
class BusEvent {
  private input: EventInput | undefined;
  private rendered: RuntimeEvent | undefined;
  private jsonText: string | undefined;
  readonly kind: EventKind;
  readonly level: EventLevel;
  constructor(
    readonly seq: number,
    readonly time: number,
    input: EventInput,
    private readonly payloadCap: number,
  ) {
    this.input = input;
    this.kind = input.kind;
    this.level = input.level;
  }

  /** The plain event (rendered once). */
  event(): RuntimeEvent {
    if (this.rendered) return this.rendered;
    const input = this.input as EventInput;
    this.input = undefined;
    // Built field by field (not by spreading the input): this runs for every logged message.
    const e: { -readonly [K in keyof RuntimeEvent]: RuntimeEvent[K] } = {
      seq: this.seq,
      time: this.time,
      kind: input.kind,
      level: input.level,
      category: input.category,
      text: typeof input.text === 'function' ? input.text() : input.text,
    };
    if (input.artifact) e.artifact = input.artifact;
    if (input.mediatorPath !== undefined) e.mediatorPath = input.mediatorPath;
    if (input.messageId !== undefined) e.messageId = input.messageId;
    if (input.direction !== undefined) e.direction = input.direction;
    if (input.properties) e.properties = input.properties;
    if (input.missed !== undefined) e.missed = input.missed;
    if (input.payload) {
      const cap = Math.min(input.payloadCap ?? this.payloadCap, this.payloadCap);
      // One character past the cap tells whether anything was cut.
      const text = input.payload(cap + 1);
      if (text.length > cap) {
        e.payload = text.slice(0, cap);
        e.payloadTruncated = true;
      } else e.payload = text;
    }
    this.rendered = e;
    return e;
  }

  /** The event as JSON, serialized once however many subscribers and replays read it. */
  json(): string {
    return (this.jsonText ??= JSON.stringify(this.event()));
  }
}

/**
 * Receives events in order. May return a promise: events queue (bounded) until it settles. With
 * the `json` option, `json` is the batch as a JSON array, made of each event's cached JSON.
 */
export type EventSubscriber = (events: readonly RuntimeEvent[], json?: string) => void | Promise<void>;

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
  /** Also pass the batch as JSON text (each event serialized once, whoever reads it). */
  readonly json?: boolean;
}

interface Subscription {
  readonly fn: EventSubscriber;
  readonly maxQueue: number;
  readonly minRank: number;
  readonly batchMs: number;
  readonly json: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  queue: BusEvent[];
  /** Where the queue starts: the oldest are dropped by moving this, not by shifting the array. */
  head: number;
  /** The rest of a long queue is delivered on the next turn. */
  more: boolean;
  missed: number;
  busy: boolean;
}

export interface EventBusOptions {
  /** Events kept for replay (default 2,000). */
  readonly ringSize?: number;
  /** Payload characters copied into an event (default 64 KiB). */
  readonly payloadCap?: number;
}

/**
 * Most events rendered and handed over in one go: a long queue goes out over several turns, so
 * rendering a busy moment's lines never holds up the message path for more than about a
 * millisecond at a time.
 */
const MAX_BATCH = 256;

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
      json: options.json ?? false,
      timer: undefined,
      queue: [],
      head: 0,
      more: false,
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
    if (s.queue.length - s.head > s.maxQueue) {
      s.head++;
      s.missed++;
      // Compacted now and then, so a subscriber that stays slow costs O(1) per event.
      if (s.head >= s.maxQueue) {
        s.queue = s.queue.slice(s.head);
        s.head = 0;
      }
    }
  }

  private flush(): void {
    this.scheduled = false;
    for (const s of this.subs) {
      if (s.batchMs === 0) this.deliver(s);
      else if (!s.timer && s.queue.length > s.head) {
        s.timer = setTimeout(() => {
          s.timer = undefined;
          if (this.subs.has(s)) this.deliver(s);
        }, s.batchMs);
      }
    }
  }

  private deliver(s: Subscription): void {
    if (s.busy || (s.queue.length === s.head && s.missed === 0)) return;
    const batch: RuntimeEvent[] = [];
    const json: string[] | undefined = s.json ? [] : undefined;
    if (s.missed > 0) {
      const dropped: RuntimeEvent = {
        seq: 0,
        time: Date.now(),
        kind: 'dropped',
        level: 'WARN',
        category: 'EventBus',
        text: `${s.missed} events were dropped because this subscriber was too slow.`,
        missed: s.missed,
      };
      batch.push(dropped);
      json?.push(JSON.stringify(dropped));
      s.missed = 0;
    }
    const end = Math.min(s.queue.length, s.head + MAX_BATCH);
    for (let i = s.head; i < end; i++) {
      const e = s.queue[i] as BusEvent;
      batch.push(e.event());
      json?.push(e.json());
    }
    if (end === s.queue.length) {
      s.queue = [];
      s.head = 0;
    } else {
      s.head = end;
      if (!s.more) {
        s.more = true;
        setImmediate(() => {
          s.more = false;
          if (this.subs.has(s)) this.deliver(s);
        });
      }
    }
    let result: void | Promise<void>;
    try {
      result = json ? s.fn(batch, `[${json.join(',')}]`) : s.fn(batch);
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
