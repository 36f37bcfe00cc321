/**
 * Endpoint targets for `send` and `call`: ws/wss through the WebSocket sender, http/https
 * through a keep-alive HTTP client. Built once per deploy per endpoint.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ProjectConfig } from '../../model/project/project-config.js';
import type { Dispatcher } from '../dispatch.js';
import type { MessageContext } from '../message/message-context.js';
import { mediaType, Payload } from '../message/payload.js';
import type { EndpointTarget, SendOptions, SequenceSlot } from '../mediation/mediation-types.js';
import type { HttpPools } from './http-pools.js';
import { poolKey, type WsSender } from './ws-sender.js';

/** What targets need: the senders, and the dispatcher to go on when an HTTP response arrives. */
export interface TargetDeps {
  readonly sender: WsSender;
  /** The runtime's keep-alive pools of HTTP back ends. */
  readonly pools: HttpPools;
  config(): ProjectConfig;
  readonly dispatcher: Pick<Dispatcher, 'resume' | 'fault'>;
}
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
/** A target that faults every message sent to it with `message` (MI fails such a send at run time). */
export function failingTarget(label: string, message: string): EndpointTarget {
  return {
    label,
    send: () => {
      throw new Error(message);
    },
    call: () => Promise.reject(new Error(message)),
  };
}

function wsTarget(uri: string, url: URL, deps: TargetDeps): EndpointTarget {
  const label = url.href;
  // The pool key of a fixed address is computed once, not per message.
  const key = poolKey(url);
  const check = () => {
    if (!deps.config().wsSender.enable) {
      // Axis2's cannotInferTransport, with the address as written in the endpoint.
      throw new Error(`The system cannot infer the transport information from the ${uri} URL.`);
    }
  };
  return {
    label,
    send: (ctx) => {
      check();
      deps.sender.send(ctx, url, key);
    },
    call: (ctx) => {
      check();
      deps.sender.send(ctx, url, key);
      return Promise.resolve();
    },
  };
}

/** Methods sent without a body whatever the payload (MI's pass-through: NO_ENTITY_BODY). */
const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The address a REST request goes to: the endpoint URI with REST_URL_POSTFIX appended, joined as
 * Axis2FlexibleMEPClient does. SOAP requests (text/xml, application/soap+xml) go to the URI as is.
 */
export function restAddress(uri: string, ctx: MessageContext): string {
  const postfix = ctx.property('axis2', 'REST_URL_POSTFIX');
  if (typeof postfix !== 'string' || postfix === '') return uri;
  const type = mediaType(ctx.payload.contentType);
  if (type === 'text/xml' || type === 'application/soap+xml') return uri;
  const slash = uri.endsWith('/');
  if (!slash && !postfix.startsWith('/') && !postfix.startsWith('?')) return `${uri}/${postfix}`;
  if (slash && postfix.startsWith('/')) return uri + postfix.slice(1);
  if (slash && postfix.startsWith('?')) return uri.slice(0, -1) + postfix;
  return uri + postfix;
}

/** Performs one HTTP exchange with the context's payload. */
function exchange(
  uri: string,
  ctx: MessageContext,
  pools: HttpPools,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(restAddress(uri, ctx));
    } catch (e) {
      reject(e as Error);
      return;
    }
    const headers: Record<string, string> = {};
    for (const { name, value } of ctx.transportHeaders()) {
      const lower = name.toLowerCase();
      if (!HOP_BY_HOP.has(lower) && lower !== 'content-type') headers[lower] = value;
    }
    const raw = ctx.payload.raw;
    const method = String(
      ctx.property('axis2', 'HTTP_METHOD') ?? (raw === undefined || raw.length === 0 ? 'GET' : 'POST'),
    ).toUpperCase();
    // The method decides whether a body goes out: a GET carries none even when the flow left a
    // payload, nor does any request flagged NO_ENTITY_BODY.
    const withBody =
      raw !== undefined &&
      raw.length > 0 &&
      !ctx.isTrue('axis2', 'NO_ENTITY_BODY') &&
      !NO_BODY_METHODS.has(method);
    const body = withBody ? raw : undefined;
    if (body !== undefined && ctx.payload.contentType) headers['content-type'] = ctx.payload.contentType;
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method, headers, agent: secure ? pools.https : pools.http, timeout: TIMEOUT_MS },
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
  // The response has its own Axis2 context in MI: what the request flow set for its own
  // response or request (no body, a message type) does not carry over.
  ctx.setProperty('axis2', 'NO_ENTITY_BODY', undefined);
  ctx.setProperty('axis2', 'messageType', undefined);
  ctx.payload = new Payload(r.body.length ? r.body : undefined, r.headers['content-type']);
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

/**
 * The error of a failed exchange, with the properties MI's TargetErrorHandler sets (it sets them
 * whatever an earlier, handled error left there).
 */
function connectFailed(ctx: MessageContext, err: unknown, url: URL): Error {
  const error = new Error(describe(err, url));
  ctx.setProperty('default', 'ERROR_CODE', CONNECT_FAILED);
  ctx.setProperty('default', 'ERROR_MESSAGE', error.message);
  ctx.setProperty('default', 'ERROR_DETAIL', error.stack ?? error.message);
  return error;
}

function httpTarget(uri: string, url: URL, deps: TargetDeps): EndpointTarget {
  const pools = deps.pools;
  return {
    label: url.href,
    send: (ctx: MessageContext, options: SendOptions) => {
      ctx.responsePending = true;
      exchange(uri, ctx, pools).then(
        (r) => {
          applyResponse(ctx, r);
          const next = responseStep(ctx, options.receive);
          void deps.dispatcher.resume(ctx, next);
        },
        (err: unknown) => deps.dispatcher.fault(ctx, connectFailed(ctx, err, url), CONNECT_FAILED),
      );
    },
    call: async (ctx: MessageContext, outOnly: boolean) => {
      if (outOnly) {
        exchange(uri, ctx, pools).catch(() => undefined);
        return;
      }
      // While the call waits, the client's answer depends on the back end: if it fails and the
      // fault sequence writes nothing, the client gets 502 (as after a failed send), not 202.
      const pending = ctx.responsePending;
      ctx.responsePending = true;
      let r;
      try {
        r = await exchange(uri, ctx, pools);
      } catch (err) {
        throw connectFailed(ctx, err, url);
      }
      ctx.responsePending = pending;
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
export function targetForUri(written: string, deps: TargetDeps): EndpointTarget {
  const uri = written.trim();
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return failingTarget(uri, `Error parsing the endpoint url ${uri}.`);
  }
  switch (url.protocol) {
    case 'ws:':
    case 'wss:':
      return wsTarget(uri, url, deps);
    case 'http:':
    case 'https:':
      return httpTarget(uri, url, deps);
    default:
      return failingTarget(uri, `The system cannot infer the transport information from the ${uri} URL.`);
  }
}
