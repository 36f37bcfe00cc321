/**
 * `/api/health`, `/api/runtime` and `/api/try/http`.
 */
import { isIP } from 'node:net';
import { Router } from 'express';
import type { HealthResponse, RuntimeInfo, TryHttpResponse } from '@mediate/engine';
import { ApiFailure } from '../../api-failure.js';
import type { RuntimeHost } from '../runtime-host.js';
import { lazySchema, parseBody } from '../validate-body.js';

const TryHttp = lazySchema((z) =>
  z.object({
    method: z.string().regex(/^[A-Za-z]+$/, 'must be an HTTP method such as GET or POST'),
    url: z.string().url(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().optional(),
  }),
);

/** Most bytes of a try-it response body returned to the studio. */
const MAX_TRY_BODY = 1024 * 1024;
const TRY_TIMEOUT_MS = 30_000;

/** Only the machine's own addresses: the try-it client is not a proxy to elsewhere. */
function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1';
}

export function runtimeRoutes(host: RuntimeHost, version: string): Router {
  const r = Router();
  r.get('/health', (_req, res) => {
    const health: HealthResponse = {
      status: 'ok',
      version,
      boot: host.bootId,
      ...(host.startupWarning ? { warning: host.startupWarning } : {}),
    };
    res.json(health);
  });
  r.get('/runtime', (_req, res) => {
    const s = host.runtime.status();
    const info: RuntimeInfo = {
      deployed: s.deployed,
      ...(host.currentId ? { deploymentId: host.currentId } : {}),
      listeners: s.listeners,
      backendConnections: s.backendConnections,
      retry: s.retry,
      artifacts: s.counters.artifacts,
      mediators: s.counters.mediators,
    };
    res.json(info);
  });
  r.post('/try/http', async (req, res) => {
    const body = await parseBody(TryHttp, req.body);
    const url = new URL(body.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ApiFailure(400, 'BAD_REQUEST', 'Try-it sends to http:// or https:// URLs only.');
    if (!isLoopback(url.hostname))
      throw new ApiFailure(
        400,
        'NOT_LOOPBACK',
        `Try-it only sends to this machine (localhost, 127.0.0.1, ::1), not ${url.hostname}.`,
      );
    const method = body.method.toUpperCase();
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body.headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : body.body,
        signal: AbortSignal.timeout(TRY_TIMEOUT_MS),
        redirect: 'manual',
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      const why =
        cause === 'ECONNREFUSED'
          ? `nothing is listening on ${url.host}`
          : (e as Error).name === 'TimeoutError'
            ? `no answer within ${TRY_TIMEOUT_MS / 1000} s`
            : (e as Error).message;
      throw new ApiFailure(502, 'TRY_FAILED', `The request to ${url.href} failed: ${why}.`);
    }
    const buf = Buffer.from(await response.arrayBuffer());
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const headers: Record<string, string> = {};
    response.headers.forEach((v, k) => (headers[k] = v));
    const out: TryHttpResponse = {
      status: response.status,
      headers,
      body: buf.subarray(0, MAX_TRY_BODY).toString('utf8'),
      ms,
    };
    res.json(out);
  });
  return r;
}
