/**
 * The retry buffer of HTTP-originated WebSocket sends (`[mediate.retry]`, off by default; MI has
 * none). An HTTP client got its 202 before its message reached the back end; when the back end
 * cannot take it (connection refused, dropped, closing), the message waits here, per back end,
 * and is sent in order once a reconnection succeeds. Bounded by count, bytes and age; what is
 * pushed out is counted by reason and reported in a WARN event at most once a second.
 *
 * Only connections created while the buffer is enabled are {@link RetryingConnection}s, so with it
 * off the message path is exactly the plain sender's: no check per message.
 *
 * A frame already handed to an open socket is the operating system's: if the connection then
 * drops, whether the back end read it is unknown (WebSocket has no acknowledgements), so it is not
 * sent again. What the buffer keeps is every frame Mediate itself could not write.
 */
import WebSocket from 'ws';
import type { RetryBackendDto, RetryDrops, RetryInfo } from '../../model/api-types.js';
import type { RetrySettings } from '../../model/project/project-config.js';
import type { EventBus } from '../log/event-bus.js';
import type { ConnectWebSocketOptions } from '../ws/connect.js';
import { BackendConnection, type BackendOwner, type Outgoing } from './backend-connection.js';
import type { FlowLimits, FlowSource } from './flow-control.js';
import { Fifo } from './fifo.js';

/** First reconnection delay after a failure, doubled on each failure up to the cap. */
const BACKOFF_FIRST_MS = 100;
const BACKOFF_CAP_MS = 1000;
/** At most one WARN about drops per back end per this many milliseconds. */
const WARN_INTERVAL_MS = 1000;

type DropReason = keyof RetryDrops;

/** One back end's buffer (by the sender's pool key), its counters and its reconnection state. */
export class RetryLine {
  readonly frames = new Fifo<{ readonly out: Outgoing; readonly size: number; readonly at: number }>();
  bytes = 0;
  buffered = 0;
  delivered = 0;
  readonly dropped: Record<DropReason, number> = { maxMessages: 0, maxBytes: 0, maxAge: 0, stopped: 0 };
  /** The connection now in the owner's map for this key (open, connecting, or closed). */
  conn: RetryingConnection | undefined;
  /** Consecutive failed attempts, for the backoff. */
  attempt = 0;
  timer: NodeJS.Timeout | undefined;
  /** True from the first failure until a connection opens: the WARN is said once per outage. */
  down = false;
  /** Drops not yet reported in a WARN, and when the last WARN was. */
  readonly unreported: Record<DropReason, number> = { maxMessages: 0, maxBytes: 0, maxAge: 0, stopped: 0 };
  lastWarn = 0;
  warnTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly key: string,
    readonly url: URL,
    /** The handshake of the first send (subprotocol, custom headers), reused by reconnections. */
    public options: ConnectWebSocketOptions,
  ) {}
}

/**
 * A back-end connection of the HTTP side while the buffer is enabled: a frame it cannot write
 * (the connection failed, closed or is closing, or earlier frames still wait) goes to its line's
 * buffer instead of being lost. During a first handshake frames queue as on any connection, and
 * move to the buffer only if it fails.
 */
export class RetryingConnection extends BackendConnection {
  constructor(
    key: string,
    url: string,
    owner: BackendOwner,
    flow: Readonly<FlowLimits>,
    readonly line: RetryLine,
    private readonly buffers: RetryBuffers,
  ) {
    super(key, url, owner, flow);
  }

  override write(out: Outgoing, source: FlowSource | undefined): boolean {
    if (this.line.frames.length === 0) {
      if (this.state === 'open' && this.ws?.readyState === WebSocket.OPEN) return super.write(out, source);
      if (this.state === 'connecting') return super.write(out, source);
    }
    this.buffers.keep(this.line, out);
    return true;
  }
}

/** What the buffers need from the sender. */
export interface RetryDeps {
  readonly bus: EventBus;
  /** `[mediate.retry]` of the running deployment (updated in place by each deploy). */
  readonly settings: Readonly<RetrySettings>;
  readonly flow: Readonly<FlowLimits>;
  /** Opens a new connection for a line and puts it in the owner's map. */
  redial(line: RetryLine): void;
}

function sizeOf(data: string | Buffer): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}

const REASON_TEXT: Record<DropReason, (s: RetrySettings) => string> = {
  maxMessages: (s) => `over [mediate.retry] max_messages (${s.maxMessages})`,
  maxBytes: (s) => `over [mediate.retry] max_bytes (${s.maxBytes})`,
  maxAge: (s) => `older than [mediate.retry] max_age_ms (${s.maxAgeMs})`,
  stopped: () => 'the runtime stopped',
};

/** Every back end's retry buffer. */
export class RetryBuffers {
  private readonly lines = new Map<string, RetryLine>();
  private stopped = false;

  constructor(private readonly deps: RetryDeps) {}

  /** A new connection for `key`, attached to its line (made on first use). */
  connection(
    owner: BackendOwner,
    key: string,
    url: URL,
    options: ConnectWebSocketOptions,
  ): RetryingConnection {
    let line = this.lines.get(key);
    if (!line) this.lines.set(key, (line = new RetryLine(key, url, options)));
    else line.options = options;
    if (line.timer) clearTimeout(line.timer);
    line.timer = undefined;
    const conn = new RetryingConnection(key, url.href, owner, this.deps.flow, line, this);
    line.conn = conn;
    return conn;
  }

  /** Buffers a frame, pushing out the oldest past the limits; makes sure a reconnection is due. */
  keep(line: RetryLine, out: Outgoing): void {
    const s = this.deps.settings;
    const now = Date.now();
    const size = sizeOf(out.data);
    line.buffered++;
    if (this.stopped) {
      this.drop(line, 'stopped', 1);
      return;
    }
    this.expire(line, now);
    if (size > s.maxBytes) {
      this.drop(line, 'maxBytes', 1);
    } else {
      while (line.frames.length >= s.maxMessages) this.dropOldest(line, 'maxMessages');
      while (line.bytes + size > s.maxBytes) this.dropOldest(line, 'maxBytes');
      line.frames.push({ out, size, at: now });
      line.bytes += size;
    }
    this.schedule(line);
  }

  /** A connection of the line opened: what waits is sent, in order, before anything newer. */
  opened(conn: RetryingConnection, ws: WebSocket): void {
    const line = conn.line;
    this.expire(line, Date.now());
    let sent = 0;
    for (let k = line.frames.shift(); k; k = line.frames.shift()) {
      ws.send(k.out.data, { binary: k.out.binary });
      sent++;
    }
    line.bytes = 0;
    line.delivered += sent;
    line.attempt = 0;
    if (line.down) {
      line.down = false;
      this.deps.bus.emit({
        kind: 'backend.connected',
        level: 'INFO',
        category: 'WebsocketTransportSender',
        text: `Back end ${line.url.href} is reachable again: sent ${sent} buffered message${sent === 1 ? '' : 's'} from HTTP clients`,
      });
    }
  }

  /**
   * A connection attempt of the line failed: what it queued joins the buffer (after what already
   * waited, which is older), and it is tried again after the backoff.
   */
  failed(conn: RetryingConnection, err: Error): void {
    const line = conn.line;
    const current = line.conn === conn && !this.stopped;
    if (current) line.attempt++;
    for (const out of conn.takeQueue()) this.keep(line, out);
    if (!current) return;
    if (!line.down) {
      line.down = true;
      this.deps.bus.emit({
        kind: 'warning',
        level: 'WARN',
        category: 'WebsocketTransportSender',
        text: `Cannot reach back end ${line.url.href} (${err.message}): messages from HTTP clients wait in the retry buffer and are sent when it is back; retrying`,
      });
    }
    this.schedule(line);
  }

  /** An open connection of the line closed: reconnect at once if messages wait. */
  closed(conn: RetryingConnection): void {
    if (conn.line.conn === conn) this.schedule(conn.line);
  }

  /** Drops everything still waiting (counted as `stopped`) and cancels every timer. */
  stop(): void {
    this.stopped = true;
    for (const line of this.lines.values()) {
      if (line.timer) clearTimeout(line.timer);
      line.timer = undefined;
      const n = line.frames.length;
      while (line.frames.shift());
      line.bytes = 0;
      if (n) this.drop(line, 'stopped', n);
      if (line.warnTimer) clearTimeout(line.warnTimer);
      line.warnTimer = undefined;
      this.warn(line);
    }
  }

  status(): RetryInfo {
    const now = Date.now();
    const backends: RetryBackendDto[] = [];
    for (const line of this.lines.values()) {
      if (!this.stopped) this.expire(line, now);
      backends.push({
        url: line.url.href,
        buffered: line.buffered,
        delivered: line.delivered,
        dropped: { ...line.dropped },
        waiting: line.frames.length,
        waitingBytes: line.bytes,
      });
    }
    return { enabled: this.deps.settings.enable, backends };
  }

  /** A reconnection is due while frames wait and no connection is open or opening. */
  private schedule(line: RetryLine): void {
    if (this.stopped || line.timer || line.frames.length === 0) return;
    if (line.conn && line.conn.state !== 'closed') return;
    const delay =
      line.attempt === 0 ? 0 : Math.min(BACKOFF_FIRST_MS * 2 ** (line.attempt - 1), BACKOFF_CAP_MS);
    line.timer = setTimeout(() => {
      line.timer = undefined;
      this.expire(line, Date.now());
      if (this.stopped) return;
      if (line.frames.length) this.deps.redial(line);
      // Nothing left to send (it aged out): the next message tries at once.
      else line.attempt = 0;
    }, delay);
    line.timer.unref();
  }

  /** Drops the frames older than `max_age_ms`, oldest first. */
  private expire(line: RetryLine, now: number): void {
    const oldest = now - this.deps.settings.maxAgeMs;
    let n = 0;
    for (let k = line.frames.peek(); k && k.at < oldest; k = line.frames.peek()) {
      line.frames.shift();
      line.bytes -= k.size;
      n++;
    }
    if (n) this.drop(line, 'maxAge', n);
  }

  private dropOldest(line: RetryLine, reason: DropReason): void {
    const k = line.frames.shift();
    if (!k) return;
    line.bytes -= k.size;
    this.drop(line, reason, 1);
  }

  /** Counts drops and reports them: at once if no WARN was said this second, else a second later. */
  private drop(line: RetryLine, reason: DropReason, n: number): void {
    line.dropped[reason] += n;
    line.unreported[reason] += n;
    if (line.warnTimer || this.stopped) return;
    const wait = line.lastWarn + WARN_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.warn(line);
      return;
    }
    line.warnTimer = setTimeout(() => {
      line.warnTimer = undefined;
      this.warn(line);
    }, wait);
    line.warnTimer.unref();
  }

  private warn(line: RetryLine): void {
    const parts: string[] = [];
    let total = 0;
    for (const reason of Object.keys(line.unreported) as DropReason[]) {
      const n = line.unreported[reason];
      if (!n) continue;
      total += n;
      parts.push(`${n} ${REASON_TEXT[reason](this.deps.settings)}`);
      line.unreported[reason] = 0;
    }
    if (!total) return;
    line.lastWarn = Date.now();
    this.deps.bus.emit({
      kind: 'warning',
      level: 'WARN',
      category: 'WebsocketTransportSender',
      text: `Dropped ${total} message${total === 1 ? '' : 's'} from HTTP clients for back end ${line.url.href} from the retry buffer: ${parts.join(', ')}`,
    });
  }
}
