/**
 * One client of a WebSocket inbound endpoint (InboundWebsocketSourceHandler's per-channel side):
 * it owns its back-end connections, carries the properties MI sets on its messages, and is where
 * `respond` writes (InboundWebsocketResponseSender.sendBack), to itself or to its broadcast group.
 */
import type { WebSocket } from 'ws';
import type { OutflowSequences } from '../dispatch.js';
import type { EventBus } from '../log/event-bus.js';
import type { MessageContext, Responder } from '../message/message-context.js';
import type { SequenceSlot } from '../mediation/mediation-types.js';
import { framePresent } from '../message/special-properties.js';
import { parseSynapseSubprotocol } from '../ws/subprotocol.js';
import type { RuntimeLimits } from '../../model/project/project-config.js';
import { FlowSink, FlowSource, type FlowLimits } from './flow-control.js';
import type { BackendConnection, BackendOwner } from './ws-sender.js';
import { broadcastGroup, type InboundClientProperties } from './ws-inbound-properties.js';

/** An inbound endpoint's settings, resolved at deploy time. */
export interface InboundConfig {
  readonly name: string;
  readonly port: number;
  readonly protocol: 'ws' | 'wss';
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer; readonly passphrase?: string };
  readonly sequence: SequenceSlot;
  /** dispatch.custom.sequence: the sequence named after a client's path, used when it exists. */
  readonly pathSequence?: (path: string) => SequenceSlot;
  /** `onError`, else the global fault sequence. */
  readonly fault: SequenceSlot;
  readonly broadcastLevel: 0 | 1 | 2;
  readonly outflow: OutflowSequences;
  readonly defaultContentType?: string;
  readonly shutdownCode: number;
  readonly shutdownMessage: string;
  readonly maxFrameSize: number;
  /** The project's `[mediate.limits]`: connections, handshake timeout. */
  readonly limits: RuntimeLimits;
}

/** What a client needs of the listener that accepted it. */
export interface ClientListener {
  readonly config: InboundConfig;
  /** The hard limit of a client's send buffer, for messages. */
  readonly flowLimit: number;
  /** Emits an event of the listener's. */
  said(event: Parameters<EventBus['emit']>[0]): void;
  /** Clients of a broadcast group (a path without its query). */
  clientsOn(group: string): Iterable<InboundClient>;
}

/** One connected client: it owns its back-end connections and is where `respond` writes. */
export class InboundClient implements BackendOwner, Responder {
  readonly kind = 'ws' as const;
  readonly backends = new Map<string, BackendConnection>();
  readonly label: string;
  /** The content type of a negotiated `synapse(contentType=…)`, if any. */
  readonly synapseType: string | undefined;
  /** What the client sends: paused while its back ends are backed up. */
  readonly source: FlowSource;
  /** What the client is sent: pauses the back ends it comes from while the client lags. */
  readonly sink: FlowSink;
  /** The clients a broadcast reaches: the same path, whatever the query. */
  readonly group: string;
  private overflowed = false;

  constructor(
    readonly ws: WebSocket,
    readonly path: string,
    readonly subprotocol: string | undefined,
    readonly listener: ClientListener,
    remote: string,
    flow: Readonly<FlowLimits>,
    private readonly properties: InboundClientProperties,
  ) {
    this.label = `client ${remote} on ${listener.config.name}${path}`;
    this.group = broadcastGroup(path);
    this.synapseType = subprotocol ? parseSynapseSubprotocol(subprotocol) : undefined;
    this.source = FlowSource.ofWebSocket(ws);
    this.sink = new FlowSink(ws, flow);
  }

  get outflow(): OutflowSequences {
    return this.listener.config.outflow;
  }

  get responder(): Responder {
    return this;
  }

  inboundProperty(scope: 'default' | 'axis2', name: string): unknown {
    return this.properties[scope].get(name);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(code, reason);
  }

  /** InboundWebsocketResponseSender.sendBack (synapse-semantics §3.7). */
  respond(ctx: MessageContext): void {
    const errorCode = ctx.property('default', 'errorCode');
    const errorMessage = ctx.property('default', 'ERROR_MESSAGE');
    if (errorCode !== undefined && errorMessage !== undefined && Number.isInteger(Number(errorCode))) {
      this.close(Number(errorCode), String(errorMessage));
      return;
    }
    if (ctx.sourceHandshake || ctx.targetHandshake) return;
    let data: string | Buffer;
    let binary = false;
    const binaryFrame = framePresent(ctx, 'binary');
    if (binaryFrame || framePresent(ctx, 'text')) {
      // A frame present is relayed as it was received, whatever the payload became.
      data = ctx.frameData ?? ctx.payload.raw ?? '';
      binary = binaryFrame;
    } else {
      // A close code and a reason together close the client; MI casts the code to an int (a
      // STRING code throws there), Mediate also takes a code written as a STRING.
      const code = closeCode(ctx.property('default', 'websocket.close.frame.status.code'));
      const reason = ctx.property('default', 'websocket.close.frame.reason.text');
      if (code !== undefined && reason !== undefined && reason !== null) {
        this.close(code, String(reason));
        return;
      }
      data = ctx.payload.raw ?? '';
    }
    const level = this.listener.config.broadcastLevel;
    if (level === 0) {
      // The message's source (this client's back end) waits while this client lags.
      if (this.ws.readyState === this.ws.OPEN && !this.sink.write(data, binary, ctx.source)) this.overflow();
      return;
    }
    // A broadcast does not hold its source for one slow peer (every other peer would wait too):
    // a peer that falls a whole hard limit behind is closed instead.
    for (const peer of this.listener.clientsOn(this.group)) {
      if (level === 2 && peer === this) continue;
      if (peer.ws.readyState === peer.ws.OPEN && !peer.sink.write(data, binary)) peer.overflow();
    }
  }

  /**
   * The client is a hard limit behind (it does not read what it is sent): close it with 1008,
   * say so, and cut the connection a moment later, since a client that does not read will not
   * read the close frame either, and what waits for it holds memory.
   */
  overflow(): void {
    if (this.overflowed) return;
    this.overflowed = true;
    const waiting = this.sink.buffered;
    this.listener.said({
      kind: 'warning',
      level: 'WARN',
      category: 'InboundEndpoint',
      text: `WebSocket ${this.label} does not read what it is sent: ${waiting} bytes are waiting (limit ${this.listener.flowLimit}); closed with 1008`,
      artifact: { type: 'inboundEndpoint', name: this.listener.config.name },
    });
    this.close(1008, 'Send buffer full: the client does not read');
    setTimeout(() => this.ws.terminate(), 1000).unref();
  }
}

/** A close status code as a number, from an INTEGER property or a STRING of digits. */
function closeCode(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}
