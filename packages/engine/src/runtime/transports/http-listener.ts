/**
 * The HTTP(S) listener (MI's pass-through on 8290/8253): runs proxies and APIs, answers
 * `202 Accepted` when a flow writes no response, and `respond` writes the payload back.
 */
import { randomUUID } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { EventBus } from '../log/event-bus.js';
import { MessageContext, type Responder } from '../message/message-context.js';
import { httpMessageId } from '../message/message-id.js';
import { Payload } from '../message/payload.js';
import type { SequenceSlot, Step } from '../mediation/mediation-types.js';
import { applyUrlParams, route, type HttpRoutes } from './http-routes.js';
import { closeServer, listen } from './listen.js';

/** Largest request body accepted (bytes). */
export const MAX_BODY = 10 * 1024 * 1024;

export interface HttpListenerDeps {
  readonly bus: EventBus;
  /** Runs a step with a fault sequence around it; resolves when mediation ends. */
  run(ctx: MessageContext, step: Step, fault: SequenceSlot): void | Promise<void>;
}

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
    const sc = Number(ctx.property('axis2', 'HTTP_SC') ?? 200);
    const status = Number.isInteger(sc) && sc >= 100 && sc <= 599 ? sc : 200;
    const noBody = ctx.isTrue('axis2', 'NO_ENTITY_BODY');
    const body = noBody ? undefined : ctx.payload.raw;
    const headers: Record<string, string | number> = {};
    if (ctx.response) for (const { name, value } of ctx.transportHeaders()) headers[name] = value;
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    if (!noBody && ctx.payload.contentType) headers['content-type'] = ctx.payload.contentType;
    headers['content-length'] = body === undefined ? 0 : Buffer.byteLength(body);
    this.res.writeHead(status, headers);
    this.res.end(body);
  }
}

/** The listener; `routes` is swapped by each deploy. */
export class HttpListener {
  private server: Server | undefined;

  constructor(
    public routes: HttpRoutes,
    private readonly deps: HttpListenerDeps,
    readonly port: number,
    private readonly tls?: { readonly key: Buffer; readonly cert: Buffer },
  ) {}

  async start(host: string): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse) => this.handle(req, res);
    this.server = this.tls
      ? createHttpsServer({ key: this.tls.key, cert: this.tls.cert }, handler)
      : createHttpServer(handler);
    this.server.keepAliveTimeout = 65_000;
    const label = this.tls ? 'The HTTPS listener' : 'The HTTP listener';
    await listen(this.server, this.port, host, label);
    this.deps.bus.emit({
      kind: 'listener.started',
      level: 'INFO',
      category: 'PassThroughHttpListener',
      text: `Pass-through ${this.tls ? 'HTTPS' : 'HTTP'} Listener started on ${host}:${this.port}`,
    });
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await closeServer(this.server);
    this.deps.bus.emit({
      kind: 'listener.stopped',
      level: 'INFO',
      category: 'PassThroughHttpListener',
      text: `Pass-through ${this.tls ? 'HTTPS' : 'HTTP'} Listener on port ${this.port} stopped`,
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
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const routes = this.routes;
    const match = route(routes, method, url.pathname);
    if (match.kind === 'method-not-allowed') {
      res.writeHead(405, { allow: match.allowed.join(', '), 'content-length': 0 }).end();
      return;
    }
    const entry = match.kind === 'entry' ? match.entry : undefined;
    const ctx = new MessageContext(
      new Payload(body.length ? body : undefined, req.headers['content-type']),
      new HttpResponder(res, this.deps.bus),
      entry ? { type: entry.type, name: entry.name } : undefined,
    );
    ctx.messageId = httpMessageId();
    ctx.to = url.pathname + url.search;
    const headers: [string, string][] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
      headers.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
    ctx.setTransportHeaders(headers);
    ctx.setProperty('axis2', 'correlation_id', req.headers['activityid'] ?? randomUUID());
    ctx.setProperty('axis2', 'HTTP_METHOD', method);
    if (entry) {
      applyUrlParams(ctx, match.kind === 'entry' ? match.params : undefined, url.searchParams);
      ctx.responsePath = entry.responsePath;
    }
    const step: Step = entry ? entry.run : (c) => (routes.main.current ? routes.main.current.run(c) : true);
    const done = () => {
      if (res.headersSent || ctx.responded) return;
      if (ctx.isTrue('axis2', 'FORCE_SC_ACCEPTED') || !ctx.responsePending) {
        res.writeHead(202, { 'content-length': 0 }).end();
      }
    };
    const r = this.deps.run(ctx, step, entry ? entry.fault : routes.fault);
    if (r) r.then(done, done);
    else done();
  }
}
