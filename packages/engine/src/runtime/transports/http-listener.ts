/**
 * The HTTP(S) listener (MI's pass-through on 8290/8253): runs proxies and APIs, answers
 * `202 Accepted` when a flow writes no response, and `respond` writes the payload back.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Dispatcher } from '../dispatch.js';
import type { EventBus } from '../log/event-bus.js';
import { MessageContext, type Responder } from '../message/message-context.js';
import { Payload } from '../message/payload.js';
import { faultStatus } from '../message/fault-status.js';
import { requestFormat } from '../message/message-format.js';
import type { SequenceSlot, Step } from '../mediation/mediation-types.js';
import type { Socket } from 'node:net';
import type { RuntimeLimits } from '../../model/project/project-config.js';
import { ServerGuard, type ConnectionBudget } from './connection-guard.js';
import { FlowSource } from './flow-control.js';
import { applyUrlParams, route, type HttpRoutes, type HttpScheme } from './http-routes.js';
import { closeServer, listen } from './listen.js';

/** Largest request body accepted (bytes). */
export const MAX_BODY = 10 * 1024 * 1024;

export interface HttpListenerDeps {
  readonly bus: EventBus;
  /** The file descriptors all of the runtime's connections share. */
  readonly budget: ConnectionBudget;
  /** Runs a request through its proxy, API resource or main; resolves when mediation ends. */
  readonly dispatcher: Pick<Dispatcher, 'dispatch'>;
}

/**
 * Headers of the message that never go back on a response: they describe one connection or
 * one framing of the body. The rest of the transport headers go back as MI's pass-through sends
 * them (a request-path `respond` echoes the request's headers, as in MI); the body is sent as
 * received, so its Content-Encoding goes with it.
 */
const NOT_ECHOED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'host',
  'expect',
  'te',
  'trailer',
]);

/** Writes an HTTP response from a context (`respond`, or a back end's reply). */
class HttpResponder implements Responder {
  readonly kind = 'http' as const;
  constructor(
    private readonly res: ServerResponse,
    private readonly bus: EventBus,
  ) {}

  respond(ctx: MessageContext): void {
    if (this.res.headersSent) {
      this.bus.emit({
        kind: 'warning',
        level: 'WARN',
        category: 'PassThroughHttpListener',
        text: 'Trying to send a response to an already responded client request; the response was dropped.',
        messageId: ctx.messageId,
      });
      return;
    }
    const sc = Number(ctx.property('axis2', 'HTTP_SC') ?? faultStatus(ctx) ?? 200);
    const status = Number.isInteger(sc) && sc >= 100 && sc <= 599 ? sc : 200;
    const noBody = ctx.isTrue('axis2', 'NO_ENTITY_BODY');
    const body = noBody ? undefined : ctx.payload.raw;
    const headers: Record<string, string | number> = {};
    if (ctx.response)
      for (const { name, value } of ctx.transportHeaders()) {
        const lower = name.toLowerCase();
        if (!NOT_ECHOED.has(lower) && lower !== 'content-type') headers[lower] = value;
      }
    if (!noBody && ctx.payload.contentType) headers['content-type'] = ctx.payload.contentType;
    headers['content-length'] = body === undefined ? 0 : Buffer.byteLength(body);
    this.res.writeHead(status, headers);
    this.res.end(body);
  }

  onFinished(done: () => void): void {
    // 'close' follows the end of the response, or the client going away before it.
    if (this.res.closed) done();
    else this.res.once('close', done);
  }
}

/** What a connection's requests share (a keep-alive connection carries many). */
interface Connection {
  /** A WebSocket back end that backs up pauses the connection its messages came from. */
  readonly source: FlowSource;
  /**
   * MI's ServerWorker: the client's address (an IPv4-mapped one as Java gives it), which MI
   * also takes as the host, without a name lookup. (`remoteAddress` asks the kernel each time.)
   */
  readonly remote: string | undefined;
}
/** Where a socket keeps its Connection (a property reads faster than a WeakMap lookup). */
const CONNECTION = Symbol('mediate.connection');
function connectionOf(socket: Socket): Connection {
  const holder = socket as Socket & { [CONNECTION]?: Connection };
  let c = holder[CONNECTION];
  if (!c) {
    const address = socket.remoteAddress;
    const remote = address?.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
    holder[CONNECTION] = c = { source: FlowSource.ofSocket(socket), remote };
  }
  return c;
}

/** The SOAP 1.1 fault Axis2 answers with when it rejects a request before mediation. */
function soapFault(reason: string): string {
  const text = reason.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
  return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${text}</faultstring><detail/></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
}

/** The listener; `routes` is swapped by each deploy. */
export class HttpListener {
  private server: Server | undefined;
  private guard: ServerGuard | undefined;
  /** `http` or `https`: decides which proxies and APIs this listener exposes. */
  readonly scheme: HttpScheme;

  constructor(
    public routes: HttpRoutes,
    private readonly deps: HttpListenerDeps,
    readonly port: number,
    private limits: RuntimeLimits,
    private readonly tls?: { readonly key: Buffer; readonly cert: Buffer; readonly passphrase?: string },
    /** The HTTP(S) inbound endpoint this listener is, for its messages; absent: the main one. */
    private readonly inbound?: string,
  ) {
    this.scheme = tls ? 'https' : 'http';
  }

  async start(host: string): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse) => this.handle(req, res);
    // Slow clients are timed out within a second of their limit, not Node's default 30 s sweep.
    const options = { connectionsCheckingInterval: 1000 };
    if (this.tls) {
      try {
        this.server = createHttpsServer({ ...options, ...this.tls }, handler);
      } catch (e) {
        const files = this.inbound
          ? 'https.ssl.key.file, https.ssl.cert.file'
          : '[transport.https] key_file, cert_file';
        throw new Error(
          `${this.inbound ? `Inbound endpoint ${this.inbound}` : 'The HTTPS listener'} cannot use its key and certificate (${files} must be a PEM private key and its certificate): ${(e as Error).message}`,
        );
      }
    } else this.server = createHttpServer(options, handler);
    const label = this.inbound
      ? `Inbound endpoint ${this.inbound}`
      : this.tls
        ? 'The HTTPS listener'
        : 'The HTTP listener';
    this.guard = new ServerGuard(
      this.server,
      this.limits.httpMaxConnections,
      this.deps.budget,
      this.deps.bus,
      `${label} on port ${this.port}`,
    );
    this.applyLimits(this.limits);
    await listen(this.server, this.port, host, label);
    this.deps.bus.emit({
      kind: 'listener.started',
      level: 'INFO',
      category: 'PassThroughHttpListener',
      text: this.inbound
        ? `${this.tls ? 'HTTPS' : 'HTTP'} inbound endpoint ${this.inbound} started on ${host}:${this.port}`
        : `Pass-through ${this.tls ? 'HTTPS' : 'HTTP'} Listener started on ${host}:${this.port}`,
    });
  }

  /** Timeouts and the connection limit of `[mediate.limits]` (a deploy may change them). */
  applyLimits(limits: RuntimeLimits): void {
    this.limits = limits;
    const server = this.server;
    if (!server) return;
    server.headersTimeout = limits.headersTimeoutMs;
    server.requestTimeout = limits.requestTimeoutMs;
    server.keepAliveTimeout = limits.keepAliveTimeoutMs;
    this.guard?.setMax(limits.httpMaxConnections);
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.guard?.stop();
    await closeServer(this.server);
    this.deps.bus.emit({
      kind: 'listener.stopped',
      level: 'INFO',
      category: 'PassThroughHttpListener',
      text: this.inbound
        ? `${this.tls ? 'HTTPS' : 'HTTP'} inbound endpoint ${this.inbound} on port ${this.port} stopped`
        : `Pass-through ${this.tls ? 'HTTPS' : 'HTTP'} Listener on port ${this.port} stopped`,
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        tooBig = true;
        return;
      }
      chunks.push(c);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (tooBig) {
        res.writeHead(413, { 'content-type': 'text/plain' }).end(`Request body over ${MAX_BODY} bytes.\n`);
        return;
      }
      this.mediate(req, res, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
  }

  private mediate(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    // The path and query split by hand: a URL object per request costs more than the routing.
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const url = { pathname: q === -1 ? raw : raw.slice(0, q), search: q === -1 ? '' : raw.slice(q) };
    const method = (req.method ?? 'GET').toUpperCase();
    const filter = this.routes.dispatchFilter;
    const routes = filter?.pattern.test(raw) ? filter.routes : this.routes;
    const match = route(routes, method, url.pathname, this.scheme);
    if (match.kind === 'method-not-allowed') {
      // MI answers 405 with no body; the Allow header is Mediate's addition (RFC 9110 wants it).
      res.writeHead(405, { allow: match.allowed.join(', '), 'content-length': 0 }).end();
      return;
    }
    if (match.kind === 'transport-not-allowed') {
      // Axis2's DispatchPhase.validateTransport: the service exists but is not exposed here.
      const reason = `The service cannot be found for the endpoint reference (EPR) ${url.pathname}`;
      this.deps.bus.emit({
        kind: 'error',
        level: 'ERROR',
        category: 'ServerWorker',
        text: `Error processing ${method} request for : ${url.pathname}. ${reason} (proxy '${match.entry.name}' is not exposed on the ${this.scheme} transport)`,
        artifact: { type: 'proxy', name: match.entry.name },
      });
      const fault = soapFault(reason);
      res
        .writeHead(500, {
          'content-type': 'text/xml; charset=UTF-8',
          'content-length': Buffer.byteLength(fault),
        })
        .end(fault);
      return;
    }
    const mismatch = match.kind === 'no-resource' ? match.api.mismatch?.current : undefined;
    if (match.kind === 'no-resource' && !mismatch) {
      res.writeHead(404, { 'content-length': 0 }).end();
      return;
    }
    const entry = match.kind === 'entry' ? match.entry : undefined;
    // A route entry is its own (stable) artifact scope, so counters find it without a key.
    const scope =
      entry !== undefined
        ? entry
        : match.kind === 'no-resource'
          ? { type: 'api' as const, name: match.api.name }
          : routes.inbound;
    const ctx = new MessageContext(
      new Payload(body.length ? body : undefined, req.headers['content-type']),
      new HttpResponder(res, this.deps.bus),
      scope,
    );
    // Message and correlation ids are made when first read (a UUID each, in MI's HTTP form).
    ctx.httpIds = true;
    const connection = connectionOf(req.socket);
    ctx.source = connection.source;
    ctx.to = url.pathname + url.search;
    ctx.setRawTransportHeaders(req.rawHeaders);
    ctx.messageFormat = requestFormat(req.headers);
    // Axis2SynapseEnvironment.injectMessage names the transport; an inbound endpoint's
    // InboundHttpServerWorker injects without it.
    if (!routes.inbound) ctx.transportIn = this.scheme;
    const activity = req.headers['activityid'];
    if (activity !== undefined) ctx.setProperty('axis2', 'correlation_id', activity);
    ctx.setProperty('axis2', 'HTTP_METHOD', method);
    ctx.setProperty('axis2', 'REMOTE_ADDR', connection.remote);
    ctx.setProperty('axis2', 'REMOTE_HOST', connection.remote);
    // What an address endpoint appends to its URI for a REST request (NhttpUtil.getRestUrlPostfix
    // and API.process): the rest of the path after the proxy or API context, with the query.
    ctx.setProperty(
      'axis2',
      'REST_URL_POSTFIX',
      (match.kind === 'entry' ? match.postfix : url.pathname) + url.search,
    );
    if (match.kind === 'entry') {
      applyUrlParams(ctx, match.params, url.search ? new URLSearchParams(url.search) : undefined);
      ctx.responsePath = match.entry.responsePath;
    }
    const flow: Step | SequenceSlot = entry ? entry.run : mismatch ? mismatch.run : routes.main;
    // InboundHttpServerWorker.injectToSequence names the endpoint (SynapseConstants.INBOUND_ENDPOINT_NAME).
    if (!entry && !mismatch && routes.inbound)
      ctx.setProperty('default', 'inbound.endpoint.name', routes.inbound.name);
    const done = () => {
      if (res.headersSent || ctx.responded) return;
      if (ctx.isTrue('axis2', 'FORCE_SC_ACCEPTED') || !ctx.responsePending) {
        res.writeHead(202, { 'content-length': 0 }).end();
      }
    };
    const r = this.deps.dispatcher.dispatch(ctx, flow, entry ? entry.fault : routes.fault);
    if (r) r.then(done, done);
    else done();
  }
}
