/**
 * Endpoint targets for `send` and `call`: ws/wss through the WebSocket sender, http/https
 * through a keep-alive HTTP client. Built once per deploy per endpoint.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { ProjectConfig } from '../../model/project/project-config.js';
import type { MessageContext } from '../message/message-context.js';
import { Payload } from '../message/payload.js';
import type { EndpointTarget, SendOptions, SequenceSlot } from '../mediation/mediation-types.js';
import type { WsSender } from './ws-sender.js';

/** What HTTP targets need to continue a flow when the response arrives. */
export interface TargetDeps {
  readonly sender: WsSender;
  config(): ProjectConfig;
  /** Runs a step on a context with the fault path around it. */
  continueWith(ctx: MessageContext, run: (ctx: MessageContext) => boolean | Promise<boolean>): void;
  fault(ctx: MessageContext, error: unknown, code?: string): void;
}

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
]);
/** Synapse's error code for a failed connection to an HTTP back end. */
export const CONNECT_FAILED = '101503';
const TIMEOUT_MS = 120_000;

/** A target that always fails (unsupported scheme, sender disabled). */
function failing(label: string, message: string): EndpointTarget {
  return {
    label,
    send: () => {
      throw new Error(message);
    },
    call: () => Promise.reject(new Error(message)),
  };
}

function wsTarget(url: URL, deps: TargetDeps): EndpointTarget {
  const label = url.href;
  const check = () => {
    if (!deps.config().wsSender.enable) {
      throw new Error(`The system cannot infer the transport information from the ${label} URL.`);
    }
  };
  return {
    label,
    send: (ctx) => {
      check();
      deps.sender.send(ctx, url);
    },
    call: (ctx) => {
      check();
      deps.sender.send(ctx, url);
      return Promise.resolve();
    },
  };
}

/** Performs one HTTP exchange with the context's payload. */
function exchange(
  url: URL,
  ctx: MessageContext,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    for (const { name, value } of ctx.transportHeaders())
      if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name] = value;
    const body = ctx.payload.raw;
    if (ctx.payload.contentType) headers['content-type'] = ctx.payload.contentType;
    const method = String(
      ctx.property('axis2', 'HTTP_METHOD') ?? (body === undefined || body.length === 0 ? 'GET' : 'POST'),
    );
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method, headers, agent: url.protocol === 'https:' ? httpsAgent : httpAgent, timeout: TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(
        Object.assign(new Error(`Timed out after ${TIMEOUT_MS} ms waiting for ${url.host}`), {
          code: 'ETIMEDOUT',
        }),
      ),
    );
    req.on('error', reject);
    req.end(body);
  });
}

function applyResponse(
  ctx: MessageContext,
  r: { status: number; headers: IncomingMessage['headers']; body: Buffer },
): void {
  ctx.payload = new Payload(r.body, r.headers['content-type']);
  ctx.response = true;
  ctx.setProperty('axis2', 'HTTP_SC', r.status);
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(r.headers))
    if (v !== undefined && !HOP_BY_HOP.has(k)) pairs.push([k, Array.isArray(v) ? v.join(', ') : v]);
  ctx.setTransportHeaders(pairs);
}

function describe(err: unknown, url: URL): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ECONNREFUSED') return `Error connecting to the back end: connection refused by ${url.host}`;
  if (e.code === 'ETIMEDOUT') return `Error connecting to the back end: ${e.message}`;
  return `Error connecting to the back end ${url.host}: ${e.message}`;
}

function httpTarget(url: URL, deps: TargetDeps): EndpointTarget {
  return {
    label: url.href,
    send: (ctx: MessageContext, options: SendOptions) => {
      ctx.responsePending = true;
      exchange(url, ctx).then(
        (r) => {
          applyResponse(ctx, r);
          const next = responseStep(ctx, options.receive);
          deps.continueWith(ctx, next);
        },
        (err: unknown) => deps.fault(ctx, new Error(describe(err, url)), CONNECT_FAILED),
      );
    },
    call: async (ctx: MessageContext, outOnly: boolean) => {
      if (outOnly) {
        exchange(url, ctx).catch(() => undefined);
        return;
      }
      let r;
      try {
        r = await exchange(url, ctx);
      } catch (err) {
        ctx.setProperty('default', 'ERROR_CODE', CONNECT_FAILED);
        throw new Error(describe(err, url));
      }
      applyResponse(ctx, r);
    },
  };
}

/** Where an HTTP response goes: `receive`, else the out path, else straight back to the client. */
function responseStep(
  ctx: MessageContext,
  receive: SequenceSlot | undefined,
): (ctx: MessageContext) => boolean | Promise<boolean> {
  if (receive) {
    return (c) => {
      const seq = receive.current;
      if (!seq) throw new Error(`Receiving sequence '${receive.name}' does not exist.`);
      return seq.run(c);
    };
  }
  if (ctx.responsePath) return ctx.responsePath;
  return (c) => {
    c.responder?.respond(c);
    c.responded = true;
    return false;
  };
}

/** Builds the target for an address URI. */
export function targetForUri(uri: string, deps: TargetDeps): EndpointTarget {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return failing(uri, `Error parsing the endpoint url ${uri}.`);
  }
  switch (url.protocol) {
    case 'ws:':
    case 'wss:':
      return wsTarget(url, deps);
    case 'http:':
    case 'https:':
      return httpTarget(url, deps);
    default:
      return failing(uri, `The system cannot infer the transport information from the ${uri} URL.`);
  }
}
