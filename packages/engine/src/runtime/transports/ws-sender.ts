/**
 * The WebSocket sender (MI's WebsocketTransportSender): one persistent back-end connection per
 * (client, host+port+path), one shared set for HTTP-originated sends. Back-end frames are
 * injected into the outflow dispatch sequence, where `respond` writes to the originating client.
 */
import type WebSocket from 'ws';
import type { EventBus } from '../log/event-bus.js';
import { MessageContext, type Responder } from '../message/message-context.js';
import { Payload } from '../message/payload.js';
import type { SequenceSlot } from '../mediation/mediation-types.js';
import { connectWebSocket } from '../ws/connect.js';
import { formatSynapseSubprotocol, parseSynapseSubprotocol } from '../ws/subprotocol.js';
import type { ConnectionBudget } from './connection-guard.js';
import { FlowSink, FlowSource, type FlowLimits } from './flow-control.js';

/** A connection's owner: a WebSocket inbound client, or the shared HTTP-side owner. */
export interface BackendOwner {
  readonly backends: Map<string, BackendConnection>;
  /** Where `respond` in the outflow sequence writes; undefined for HTTP-originated sends. */
  readonly responder: Responder | undefined;
  /** The inbound endpoint's outflow sequences, if it names them. */
  readonly outflow: { readonly dispatch?: SequenceSlot; readonly fault?: SequenceSlot };
  /** Closes the client (1014 when its back end is unreachable). */
  close?(code: number, reason: string): void;
  readonly label: string;
}

/** What the sender needs from the runtime. */
export interface WsSenderDeps {
  readonly bus: EventBus;
  /** Backpressure thresholds, the runtime's (updated by each deploy). */
  readonly flow: Readonly<FlowLimits>;
  /** The file descriptors all of the runtime's connections share: a back-end connection takes one. */
  readonly budget: ConnectionBudget;
  /** Transport-level outflow sequences (`[transport.ws] sender.outflow_dispatch_*`). */
  transportOutflow(): { dispatch: SequenceSlot; fault: SequenceSlot };
  readonly main: SequenceSlot;
  /** Injects a context into a sequence with a fault sequence as its handler. */
  inject(ctx: MessageContext, sequence: SequenceSlot, fault: SequenceSlot | undefined): void;
  /** Runs the fault path of a context whose send failed (HTTP origin). */
  fault(ctx: MessageContext, error: unknown): void;
}

type Outgoing = { readonly data: string | Buffer; readonly binary: boolean };

/** One back-end connection. */
export class BackendConnection {
  ws: WebSocket | undefined;
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  /** Frames written while the handshake is in progress, in order. */
  queue: Outgoing[] = [];
  /** Their bytes: bounded like a socket's buffer. */
  private queuedBytes = 0;
  /** Sources held while the queue is over the high-water mark, released once it is sent. */
  private heldWhileConnecting: Set<FlowSource> | undefined;
  /** Contexts waiting on the handshake, for the fault path if it fails. */
  waiting: MessageContext[] = [];
  /** The content type negotiated with `synapse(contentType=…)`, if any. */
  contentType: string | undefined;
  /** Writes to the back end, once open. */
  sink: FlowSink | undefined;
  /** Frames from the back end, once open: paused while the client they go to lags. */
  source: FlowSource | undefined;
  /** Set while this connection holds one of the budget's file descriptors. */
  releaseBudget: (() => void) | undefined;

  constructor(
    readonly key: string,
    readonly url: string,
    readonly owner: BackendOwner,
    private readonly flow: Readonly<FlowLimits>,
  ) {}

  /** Bytes written and not yet sent to the back end. */
  get buffered(): number {
    return this.sink ? this.sink.buffered : this.queuedBytes;
  }

  /**
   * Writes a frame (queued during the handshake). Returns false, writing nothing, when the back
   * end is a hard limit behind; `source` is paused while it is past the high-water mark.
   */
  write(out: Outgoing, source: FlowSource | undefined): boolean {
    if (this.state === 'open' && this.sink) return this.sink.write(out.data, out.binary, source);
    if (this.state !== 'connecting') return true;
    const size = typeof out.data === 'string' ? Buffer.byteLength(out.data) : out.data.length;
    if (this.queuedBytes + size > this.flow.hardLimit) return false;
    this.queue.push(out);
    this.queuedBytes += size;
    if (source && this.queuedBytes > this.flow.highWater && !this.heldWhileConnecting?.has(source)) {
      (this.heldWhileConnecting ??= new Set()).add(source);
      source.hold();
    }
    return true;
  }

  /** The handshake ended: the queue is written (or dropped) and its held sources released. */
  takeQueue(): Outgoing[] {
    const queued = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    const held = this.heldWhileConnecting;
    this.heldWhileConnecting = undefined;
    if (held) for (const s of held) s.release();
    return queued;
  }
}

const CUSTOM_HEADER = 'websocket.custom.header.';

/** `host+port+path`, MI's pool key (no query string). */
export function poolKey(url: URL): string {
  const port = url.port || (url.protocol === 'wss:' ? '443' : '80');
  return `${url.hostname || '127.0.0.1'}${port}${url.pathname}`;
}

export class WsSender {
  /** Owner of HTTP-originated connections (MI's "universal.source.identifier"). */
  readonly universal: BackendOwner = {
    backends: new Map(),
    responder: undefined,
    outflow: {},
    label: 'universal',
  };
  private openCount = 0;
  private readonly stopHooks: (() => void)[] = [];

  constructor(private readonly deps: WsSenderDeps) {}

  /** Runs `fn` when the runtime stops: the HTTP targets' connection pools close with it. */
  onStop(fn: () => void): void {
    this.stopHooks.push(fn);
  }

  /** Open back-end connections, all owners. */
  get open(): number {
    return this.openCount;
  }

  /** Sends a context to a ws:// or wss:// URL (see synapse-semantics §4.3). */
  send(ctx: MessageContext, url: URL, key: string = poolKey(url)): void {
    const owner = (ctx.client as BackendOwner | undefined) ?? this.universal;
    let conn = owner.backends.get(key);
    if (ctx.connectionTerminate) {
      if (conn) this.closeConnection(conn);
      return;
    }
    if (!conn) conn = this.connect(owner, key, url, ctx);
    if (ctx.sourceHandshake) return;
    const out = { data: ctx.payload.raw ?? '', binary: ctx.frame === 'binary' };
    if (!conn.write(out, ctx.source)) this.refuse(conn, ctx);
    if (conn.state === 'connecting' && owner === this.universal) conn.waiting.push(ctx);
  }

  /**
   * The back end is a whole hard limit behind: this message cannot be taken. It goes down the
   * fault path; an HTTP client waiting on it gets 503 (the back end does not keep up) unless the
   * fault sequence answers.
   */
  private refuse(conn: BackendConnection, ctx: MessageContext): never {
    ctx.responsePending = true;
    ctx.failStatus = 503;
    throw new Error(
      `Unexpected error during sending message out. The back end ${conn.url} does not keep up: ${conn.buffered} bytes are waiting to be sent to it (limit ${this.deps.flow.hardLimit}).`,
    );
  }

  private connect(owner: BackendOwner, key: string, url: URL, ctx: MessageContext): BackendConnection {
    const conn = new BackendConnection(key, url.href, owner, this.deps.flow);
    owner.backends.set(key, conn);
    const accept =
      ctx.property('axis2', 'websocket.accept.contenType') ??
      ctx.property('axis2', 'websocket.accept.contentType');
    const headers: Record<string, string> = {};
    for (const [name, value] of ctx.axis2Properties()) {
      if (name.startsWith(CUSTOM_HEADER) && name.length > CUSTOM_HEADER.length)
        headers[name.slice(CUSTOM_HEADER.length)] = String(value);
    }
    const subprotocol = typeof accept === 'string' && accept ? formatSynapseSubprotocol(accept) : undefined;
    if (!this.deps.budget.tryTake()) {
      // Failed after the caller has it, as a refused connection would be (1014 to a client).
      queueMicrotask(() =>
        this.failed(
          conn,
          new Error(
            'no file descriptor is left for a back-end connection: the runtime keeps [mediate.limits] reserve_connections free for the admin API',
          ),
        ),
      );
      return conn;
    }
    let held = true;
    conn.releaseBudget = () => {
      if (!held) return;
      held = false;
      this.deps.budget.release();
    };
    connectWebSocket(url, { ...(subprotocol ? { subprotocol } : {}), headers }).then(
      ({ ws, protocol }) => this.opened(conn, ws, protocol),
      (err: Error) => this.failed(conn, err),
    );
    return conn;
  }

  private opened(conn: BackendConnection, ws: WebSocket, protocol: string | undefined): void {
    if (conn.state === 'closed') {
      // Closed while connecting: the descriptor is free once this socket is.
      ws.once('close', () => conn.releaseBudget?.());
      ws.close();
      return;
    }
    conn.ws = ws;
    conn.state = 'open';
    conn.contentType = protocol ? parseSynapseSubprotocol(protocol) : undefined;
    conn.sink = new FlowSink(ws, this.deps.flow);
    conn.source = FlowSource.ofWebSocket(ws);
    this.openCount++;
    ws.on('message', (data: Buffer, isBinary: boolean) => this.fromBackend(conn, data, isBinary));
    ws.on('error', () => undefined);
    ws.on('close', (code: number) => this.closed(conn, code));
    conn.waiting = [];
    // The queue was bounded by the hard limit as it filled, so it all fits.
    for (const out of conn.takeQueue()) ws.send(out.data, { binary: out.binary });
    this.deps.bus.emit({
      kind: 'backend.connected',
      level: 'INFO',
      category: 'WebsocketTransportSender',
      text: `Connected to back end ${conn.url} for ${conn.owner.label}${protocol ? ` (subprotocol ${protocol})` : ''}`,
    });
    // MI's acknowledgeHandshake: an inbound client's outflow sequence sees the handshake once.
    if (conn.owner.responder) {
      const hs = this.contextFor(conn, Payload.empty());
      hs.targetHandshake = true;
      this.dispatch(conn, hs);
    }
  }

  private failed(conn: BackendConnection, err: Error): void {
    conn.releaseBudget?.();
    conn.state = 'closed';
    if (conn.owner.backends.get(conn.key) === conn) conn.owner.backends.delete(conn.key);
    const waiting = conn.waiting;
    conn.takeQueue();
    conn.waiting = [];
    this.deps.bus.emit({
      kind: 'error',
      level: 'ERROR',
      category: 'WebsocketTransportSender',
      text: `Error writing to the websocket channel: ${err.message}`,
    });
    if (conn.owner.close) conn.owner.close(1014, err.message.slice(0, 120));
    for (const ctx of waiting)
      this.deps.fault(ctx, new Error(`Unexpected error during sending message out. ${err.message}`));
  }

  private closed(conn: BackendConnection, code: number): void {
    conn.releaseBudget?.();
    if (conn.state === 'open') this.openCount--;
    conn.state = 'closed';
    if (conn.owner.backends.get(conn.key) === conn) conn.owner.backends.delete(conn.key);
    this.deps.bus.emit({
      kind: 'backend.closed',
      level: 'INFO',
      category: 'WebsocketTransportSender',
      text: `Back-end connection ${conn.url} for ${conn.owner.label} closed (${code})`,
    });
  }

  private contextFor(conn: BackendConnection, payload: Payload): MessageContext {
    const ctx = new MessageContext(payload, conn.owner.responder, undefined);
    ctx.client = conn.owner === this.universal ? undefined : conn.owner;
    ctx.source = conn.source;
    ctx.setProperty('default', 'websocket.subscriber.path', conn.url);
    return ctx;
  }

  private fromBackend(conn: BackendConnection, data: Buffer, isBinary: boolean): void {
    if (conn.contentType !== undefined) {
      // A synapse subprotocol: the frame is built with the negotiated content type (text only).
      if (isBinary) return;
      this.dispatch(conn, this.contextFor(conn, new Payload(data, conn.contentType)));
      return;
    }
    const ctx = this.contextFor(conn, new Payload(data, undefined, isBinary));
    ctx.frame = isBinary ? 'binary' : 'text';
    this.dispatch(conn, ctx);
  }

  private dispatch(conn: BackendConnection, ctx: MessageContext): void {
    const own = conn.owner.outflow;
    const transport = own.dispatch ? undefined : this.deps.transportOutflow();
    const seq = own.dispatch ?? transport?.dispatch;
    const fault = own.dispatch ? own.fault : transport?.fault;
    // A missing outflow sequence falls back to main, as MI's injectToSequence does.
    this.deps.inject(ctx, seq?.current ? seq : this.deps.main, fault);
  }

  /** Closes one back-end connection (a Close frame without a status code, as MI sends). */
  closeConnection(conn: BackendConnection): void {
    if (conn.owner.backends.get(conn.key) === conn) conn.owner.backends.delete(conn.key);
    if (conn.state === 'open' && conn.ws) conn.ws.close();
    conn.state = conn.state === 'open' ? 'open' : 'closed';
    conn.takeQueue();
  }

  /** Closes every back-end connection of an owner (its client went away). */
  closeAll(owner: BackendOwner): void {
    for (const conn of [...owner.backends.values()]) this.closeConnection(conn);
  }

  /** Closes everything (runtime stop). */
  stop(): void {
    this.closeAll(this.universal);
    for (const fn of this.stopHooks.splice(0)) fn();
  }
}
