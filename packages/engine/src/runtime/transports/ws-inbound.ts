/**
 * The WebSocket inbound endpoint (MI's InboundWebsocketListener): one listener per port, any
 * path, `GET /health`, `synapse(contentType=…)` subprotocols, the dispatch sequence run on
 * connect, per frame and on disconnect, broadcast levels (its clients: `ws-inbound-client.ts`).
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../dispatch.js';
import type { EventBus } from '../log/event-bus.js';
import { MessageContext } from '../message/message-context.js';
import { Payload } from '../message/payload.js';
import type { SequenceSlot } from '../mediation/mediation-types.js';
import { handleUpgradeWithSubprotocol } from '../ws/server-upgrade.js';
import type { RuntimeLimits } from '../../model/project/project-config.js';
import { ServerGuard, type ConnectionBudget } from './connection-guard.js';
import type { FlowLimits } from './flow-control.js';
import type { WsSender } from './ws-sender.js';
import { listen, closeServer } from './listen.js';
import { InboundClient, type InboundConfig } from './ws-inbound-client.js';
import { inboundClientProperties } from './ws-inbound-properties.js';

/**
 * The subprotocols MI's inbound endpoint offers: `synapse(contentType='…')` for these three types
 * only (InboundWebsocketSourceHandler's static list, built by SubprotocolBuilderUtil).
 */
const OFFERED_CONTENT_TYPES = ['application/xml', 'application/json', 'text/xml'] as const;

export { InboundClient, type InboundConfig } from './ws-inbound-client.js';

/** What the listener needs from the runtime. */
export interface InboundDeps {
  readonly bus: EventBus;
  readonly sender: WsSender;
  /** Backpressure thresholds, the runtime's (updated by each deploy). */
  readonly flow: Readonly<FlowLimits>;
  /** The file descriptors all of the runtime's connections share. */
  readonly budget: ConnectionBudget;
  /** Runs a client's messages through the dispatch sequence (handshake, frames, disconnect). */
  readonly dispatcher: Pick<Dispatcher, 'dispatch'>;
}

/** A listening WebSocket inbound endpoint. */
export class InboundListener {
  private server: Server | undefined;
  private guard: ServerGuard | undefined;
  private readonly wss: WebSocketServer;
  private readonly byPath = new Map<string, Set<InboundClient>>();
  private readonly clients = new Set<InboundClient>();
  /** One scope object per configuration: counters find it without building a key per frame. */
  private scope: { readonly type: 'inboundEndpoint'; readonly name: string };

  constructor(
    public config: InboundConfig,
    private readonly deps: InboundDeps,
  ) {
    this.scope = { type: 'inboundEndpoint', name: config.name };
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxFrameSize,
      perMessageDeflate: false,
    });
  }

  /** Connected clients. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** The hard limit of a client's send buffer, for messages. */
  get flowLimit(): number {
    return this.deps.flow.hardLimit;
  }

  /** Emits an event of this listener's. */
  said(event: Parameters<EventBus['emit']>[0]): void {
    this.deps.bus.emit(event);
  }

  /** Clients of a broadcast group (a path without its query). */
  clientsOn(group: string): Iterable<InboundClient> {
    return this.byPath.get(group) ?? [];
  }

  /** True when a new configuration needs a new socket (port, protocol or TLS changed). */
  needsRebind(next: InboundConfig): boolean {
    return (
      next.port !== this.config.port ||
      next.protocol !== this.config.protocol ||
      next.tls?.key.toString() !== this.config.tls?.key.toString() ||
      next.tls?.cert.toString() !== this.config.tls?.cert.toString() ||
      next.maxFrameSize !== this.config.maxFrameSize
    );
  }

  /** Binds the port. Rejects with a clear message (port in use, bad TLS material). */
  async start(host = '0.0.0.0'): Promise<void> {
    const c = this.config;
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/health') {
        res.writeHead(200, { 'content-length': '0' }).end();
        return;
      }
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end(`Inbound endpoint ${c.name} accepts WebSocket upgrades only.\n`);
    };
    // A slow handshake is timed out within a second of its limit, not Node's default 30 s sweep.
    const options = { connectionsCheckingInterval: 1000 };
    if (c.protocol === 'wss' && c.tls) {
      try {
        this.server = createHttpsServer(
          { ...options, key: c.tls.key, cert: c.tls.cert, passphrase: c.tls.passphrase },
          onRequest,
        );
      } catch (e) {
        throw new Error(
          `Inbound endpoint ${c.name} cannot use its key and certificate (wss.ssl.key.file, wss.ssl.cert.file must be a PEM private key and its certificate): ${(e as Error).message}`,
        );
      }
    } else this.server = createHttpServer(options, onRequest);
    this.guard = new ServerGuard(
      this.server,
      c.limits.wsMaxConnections,
      this.deps.budget,
      this.deps.bus,
      `Inbound endpoint ${c.name} on port ${c.port}`,
    );
    this.applyLimits(c.limits);
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => undefined);
      handleUpgradeWithSubprotocol(
        this.wss,
        req,
        socket,
        head,
        { synapseContentTypes: OFFERED_CONTENT_TYPES },
        (ws, request, protocol) => this.accept(ws, request, protocol),
      );
    });
    await listen(this.server, c.port, host, `Inbound endpoint ${c.name}`);
    this.deps.bus.emit({
      kind: 'listener.started',
      level: 'INFO',
      category: 'InboundEndpoint',
      text: `${c.protocol === 'wss' ? 'Netty SSL Listener' : 'Netty Listener'} starting on port ${c.port} (inbound endpoint ${c.name})`,
      artifact: { type: 'inboundEndpoint', name: c.name },
    });
  }

  /** Swaps in a configuration that keeps the socket; clients stay connected. */
  update(next: InboundConfig): void {
    this.config = next;
    if (next.name !== this.scope.name) this.scope = { type: 'inboundEndpoint', name: next.name };
    this.applyLimits(next.limits);
  }

  /**
   * The connection limit and the handshake timeout (the upgrade request's headers). Once
   * upgraded, a WebSocket may stay idle as long as it likes, as in MI.
   */
  private applyLimits(limits: RuntimeLimits): void {
    if (!this.server) return;
    this.server.headersTimeout = limits.headersTimeoutMs;
    this.server.requestTimeout = limits.requestTimeoutMs;
    this.guard?.setMax(limits.wsMaxConnections);
  }

  /** Closes every client with the shutdown code and stops listening. */
  async stop(): Promise<void> {
    const { shutdownCode, shutdownMessage, name, port } = this.config;
    this.guard?.stop();
    for (const client of this.clients) client.close(shutdownCode, shutdownMessage);
    if (this.server)
      await closeServer(
        this.server,
        [...this.clients].map((c) => c.ws),
      );
    this.deps.bus.emit({
      kind: 'listener.stopped',
      level: 'INFO',
      category: 'InboundEndpoint',
      text: `Inbound endpoint ${name} stopped listening on port ${port}`,
      artifact: { type: 'inboundEndpoint', name },
    });
  }

  private accept(ws: WebSocket, req: IncomingMessage, protocol: string | undefined): void {
    const path = req.url ?? '/';
    const s = req.socket;
    const remote = `${s.remoteAddress ?? '?'}:${s.remotePort ?? '?'}`;
    const properties = inboundClientProperties({
      requestUri: path,
      endpointName: this.config.name,
      local: { address: s.localAddress, port: s.localPort },
      remote: { address: s.remoteAddress, port: s.remotePort },
      outflowSequence: this.config.outflow.dispatch?.name,
      outflowFaultSequence: this.config.outflow.fault?.name,
    });
    const client = new InboundClient(ws, path, protocol, this, remote, this.deps.flow, properties);
    this.clients.add(client);
    let group = this.byPath.get(client.group);
    if (!group) this.byPath.set(client.group, (group = new Set()));
    group.add(client);
    const artifact = { type: 'inboundEndpoint', name: this.config.name };
    this.deps.bus.emit({
      kind: 'client.connected',
      level: 'INFO',
      category: 'InboundEndpoint',
      text: `WebSocket ${client.label} connected${protocol ? ` with subprotocol ${protocol}` : ''}`,
      artifact,
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => this.frame(client, data, isBinary));
    ws.on('error', () => undefined);
    ws.on('close', (code: number) => this.closed(client, code));
    const hs = this.context(client, Payload.empty());
    hs.sourceHandshake = true;
    const headers = pairs(req.rawHeaders);
    hs.setTransportHeaders(headers);
    // handleHandshake: every handshake header is also a default- and an axis2-scope property.
    for (const [name, value] of headers) {
      hs.setProperty('default', name, value);
      hs.setProperty('axis2', name, value);
    }
    void this.deps.dispatcher.dispatch(hs, this.sequenceFor(client), this.config.fault);
  }

  /** The dispatch sequence for a client: its path's sequence if configured and defined. */
  private sequenceFor(client: InboundClient): SequenceSlot {
    const own = this.config.pathSequence?.(client.path);
    return own?.current ? own : this.config.sequence;
  }

  private context(client: InboundClient, payload: Payload): MessageContext {
    const ctx = new MessageContext(payload, client, this.scope);
    ctx.client = client;
    ctx.source = client.source;
    ctx.to = '';
    return ctx;
  }

  private frame(client: InboundClient, data: Buffer, isBinary: boolean): void {
    let ctx: MessageContext;
    if (client.synapseType !== undefined) {
      if (isBinary) return; // MI ignores binary frames on a synapse subprotocol.
      ctx = this.context(client, new Payload(data, client.synapseType));
    } else {
      const type = this.config.defaultContentType;
      ctx = this.context(client, new Payload(data, type, isBinary));
      if (!type || type.startsWith('text/plain') || (isBinary && type === 'application/octet-stream'))
        ctx.frame = isBinary ? 'binary' : 'text';
      ctx.frameData = data;
    }
    void this.deps.dispatcher.dispatch(ctx, this.sequenceFor(client), this.config.fault);
  }

  private closed(client: InboundClient, code: number): void {
    this.clients.delete(client);
    const group = this.byPath.get(client.group);
    group?.delete(client);
    if (group && group.size === 0) this.byPath.delete(client.group);
    const bye = this.context(client, Payload.empty());
    bye.connectionTerminate = true;
    const done = () => this.deps.sender.closeAll(client);
    const r = this.deps.dispatcher.dispatch(bye, this.sequenceFor(client), this.config.fault);
    if (r) r.then(done, done);
    else done();
    this.deps.bus.emit({
      kind: 'client.closed',
      level: 'INFO',
      category: 'InboundEndpoint',
      text: `WebSocket ${client.label} closed (${code})`,
      artifact: { type: 'inboundEndpoint', name: this.config.name },
    });
  }
}

function pairs(raw: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}
