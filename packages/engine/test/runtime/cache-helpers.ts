/**
 * What the cache tests share: a back end that numbers its answers (so a cached answer is told
 * apart from a fresh one), APIs that find, call, collect and respond, and a runtime running them.
 */
import type { Project } from '../../src/model/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, type EventLog } from './harness.js';
import { apiXml, send, startBackend, type Backend, type Reply } from './http-helpers.js';

/** A finder with `<protocol type="HTTP">` built from `protocol` (its inside) and `attrs`. */
export const finder = (attrs: string, protocol: string, rest = ''): string =>
  `<cache collector="false" ${attrs}><protocol type="HTTP">${protocol}</protocol>${rest}</cache>`;

/** Cache-Control honoured (MI resets it unless includeAgeHeader is given too). */
export const CACHE_CONTROL =
  '<enableCacheControl>true</enableCacheControl><includeAgeHeader>true</includeAgeHeader>';

/** A running runtime with its numbering back end. */
export interface CacheBench {
  readonly runtime: Runtime;
  readonly events: EventLog;
  readonly backend: Backend;
  readonly base: string;
  /** The project deployed, to deploy again. */
  readonly deployed: Project;
  /** How many requests the back end got on a path. */
  hits(path: string): number;
  /** POSTs `body` as text/plain to the API at `/name`. */
  post(name: string, body: string, headers?: Record<string, string>): Promise<Reply>;
  stop(): Promise<void>;
}

/** An API at `/name` whose POST and GET resource runs `cache`, calls `/name` on the back end, collects and responds. */
export function cachedApi(backendUrl: string, name: string, cache: string): string {
  return apiXml(
    name,
    `/${name}`,
    `<resource methods="POST GET"><inSequence>${cache}
       <call><endpoint><address uri="${backendUrl}/${name}"/></endpoint></call>
       <cache collector="true"/>
       <respond/>
     </inSequence></resource>`,
  );
}

/**
 * Starts the back end and a runtime with the artifacts `files` gives for its URL. The back end
 * answers 201 `n:body` (n counts its requests) with `x-backend: n`; on `/nostore` with
 * Cache-Control no-store, on `/maxage` with max-age=1, on `/etag` with no-cache and ETag "v1"
 * (304 to If-None-Match "v1"), and on `/codes` with 500 when the body starts with `fail`.
 */
export async function startCacheBench(
  files: (backendUrl: string) => Record<string, string>,
): Promise<CacheBench> {
  const backend: Backend = await startBackend((req, res) => {
    const n = backend.received.length;
    const headers: Record<string, string> = { 'content-type': 'text/plain', 'x-backend': String(n) };
    if (req.url.startsWith('/nostore')) headers['cache-control'] = 'no-store';
    if (req.url.startsWith('/maxage')) headers['cache-control'] = 'max-age=1';
    if (req.url.startsWith('/etag')) {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      Object.assign(headers, { 'cache-control': 'no-cache', etag: '"v1"' });
    }
    const status = req.url.startsWith('/codes') && req.body.startsWith('fail') ? 500 : 201;
    res.writeHead(status, headers).end(`${n}:${req.body}`);
  });
  const http = await freePort();
  const base = `http://127.0.0.1:${http}`;
  const deployed = project(files(backend.url), tomlFor(http));
  const { runtime, events } = await runtimeWith(deployed);
  return {
    runtime,
    events,
    backend,
    base,
    deployed,
    hits: (path) => backend.received.filter((r) => r.url === path).length,
    post: (name, body, headers = {}) => send(`${base}/${name}`, { body, type: 'text/plain', headers }),
    stop: async () => {
      await runtime.stop();
      await backend.close();
    },
  };
}
