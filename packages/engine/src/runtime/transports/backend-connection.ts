/**
 * One back-end WebSocket connection of the sender, and its owner (a WebSocket inbound client, or
 * the shared owner of HTTP-originated sends). Frames written during the handshake are queued,
 * bounded like a socket's buffer.
 */
import type WebSocket from 'ws';
import type { OutflowSequences } from '../dispatch.js';
import type { MessageClient, MessageContext, Responder } from '../message/message-context.js';
import type { FlowLimits, FlowSink, FlowSource } from './flow-control.js';

declare module '../message/message-context.js' {
  /** A message's client owns the back-end connections its sends open (see `BackendOwner`). */
  interface MessageClient {
    readonly backends: Map<string, BackendConnection>;
    /** Where `respond` in the outflow sequence writes; undefined for HTTP-originated sends. */
    readonly responder: Responder | undefined;
    /** The inbound endpoint's outflow sequences, or the transport's for HTTP-originated sends. */
    readonly outflow: OutflowSequences | 'transport';
    /** Closes the client (1014 when its back end is unreachable). */
    close?(code: number, reason: string): void;
  }
}

/**
 * A connection's owner: a WebSocket inbound client (what `ctx.client` is), or the shared owner
 * of HTTP-originated sends.
 */
export type BackendOwner = MessageClient;

/** A frame to write. */
export type Outgoing = { readonly data: string | Buffer; readonly binary: boolean };

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
