/**
 * Test helpers: temporary folders, free ports, project folders, the real server in-process (via
 * `runStart`) and a small JSON client. Every resource a helper creates is registered with
 * `cleanup`, which a test file runs in `afterEach`/`afterAll`.
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { runStart } from '../../src/commands/start.js';

export const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repoRoot = path.resolve(serverDir, '../..');
export const EXAMPLE = path.join(repoRoot, 'examples', 'websocket-seed');

// Free ports, polling, temporary folders and deployment.toml: the one harness of every suite
// (@mediate/engine/testing).
import { Cleanup, freePort, isPortFree, sequenceXml, tempDir, tomlFor, until } from '@mediate/engine/testing';

export { Cleanup, freePort, isPortFree, sequenceXml, tempDir, tomlFor, until };

/** Writes `{ relative path: text }` under `root`. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  await mkdir(root, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
}

export const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** A proxy that answers every request itself with header `X-Version: <version>` and the request body. */
export function versionProxy(name: string, version: string): string {
  return `<proxy name="${name}" transports="http" startOnLoad="true" ${NS}>
  <target>
    <inSequence>
      <property name="X-Version" value="${version}" scope="transport"/>
      <respond/>
    </inSequence>
  </target>
</proxy>
`;
}

/** The texts of deployment `id`'s snapshot (`.mediate/deployments/<id>/snapshot.json`). */
export async function snapshotFiles(
  project: string,
  id: string,
): Promise<{ configText: string; files: Record<string, string> }> {
  const file = path.join(project, '.mediate', 'deployments', id, 'snapshot.json');
  return JSON.parse(await readFile(file, 'utf8')) as { configText: string; files: Record<string, string> };
}

/** Every file under `dir`, relative path → bytes (base64): to show a tree is exactly as before. */
export async function treeBytes(dir: string, rel = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, await treeBytes(dir, r));
    else out[r] = (await readFile(path.join(dir, r))).toString('base64');
  }
  return out;
}

/** A small project: proxy `Svc` answering `v1` on `httpPort`, and sequence `helper`. */
export async function smallProject(root: string, httpPort: number): Promise<string> {
  await writeFiles(root, {
    'deployment.toml': tomlFor(httpPort),
    'artifacts/proxy-services/Svc.xml': versionProxy('Svc', 'v1'),
    'artifacts/sequences/helper.xml': sequenceXml('helper'),
  });
  return root;
}

/**
 * A working copy of the bundled example with its ports rewritten: the inbound endpoint on
 * `wsPort`, the HTTP listener on `httpPort` (through `[server] offset`), both dispatch sequences
 * (inboundDispatchSeq for Example 1, dispatchSeq for Example 2) sending to `backendUrl`.
 */
export async function seedProject(
  root: string,
  ports: { wsPort: number; httpPort: number; backendUrl: string },
): Promise<string> {
  await cp(EXAMPLE, root, { recursive: true });
  const edit = async (rel: string, fn: (text: string) => string) => {
    const file = path.join(root, rel);
    const before = await readFile(file, 'utf8');
    const after = fn(before);
    if (after === before) throw new Error(`seedProject: nothing to rewrite in ${rel}`);
    await writeFile(file, after);
  };
  await edit('artifacts/inbound-endpoints/WebSocketInbound.xml', (t) =>
    t.replace('>9092<', `>${ports.wsPort}<`),
  );
  await edit('deployment.toml', (t) => t.replace(/^offset = 10$/m, `offset = ${ports.httpPort - 8280}`));
  for (const sequence of ['dispatchSeq', 'inboundDispatchSeq'])
    await edit(`artifacts/sequences/${sequence}.xml`, (t) =>
      t.replace('ws://localhost:8082/websocket', ports.backendUrl),
    );
  return root;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` (`https://` with TLS) without the trailing slash. */
  readonly base: string;
  readonly port: number;
  readonly home: string;
  /** Everything the server printed. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the real server in-process on a free port with `MEDIATE_HOME` set to a fresh temp dir. */
export async function startServer(
  cleanup: Cleanup,
  options: {
    project: string;
    host?: string;
    deploy?: boolean;
    home?: string;
    /** PEM files: the admin port serves HTTPS. */
    tls?: { keyFile: string; certFile: string };
  },
): Promise<TestServer> {
  const home = options.home ?? tempDir('mediate-home-', cleanup);
  const before = process.env.MEDIATE_HOME;
  process.env.MEDIATE_HOME = home;
  const port = await freePort();
  let out = '';
  let running;
  try {
    running = await runStart({
      project: options.project,
      port,
      host: options.host ?? '127.0.0.1',
      deploy: options.deploy ?? true,
      version: '0.0.0-test',
      write: (t) => (out += t),
      ...(options.tls ? { tlsKey: options.tls.keyFile, tlsCert: options.tls.certFile } : {}),
    });
  } finally {
    if (before === undefined) delete process.env.MEDIATE_HOME;
    else process.env.MEDIATE_HOME = before;
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await running.stop();
  };
  cleanup.add(stop);
  const scheme = options.tls ? 'https' : 'http';
  return { base: `${scheme}://127.0.0.1:${port}`, port, home, output: () => out, stop };
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reads arbitrary JSON
  readonly json: any;
}

/**
 * One HTTP call. An object body is sent as JSON; a string body as it is (with content-type JSON
 * unless `headers` says otherwise).
 */
export async function call(
  base: string,
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const init: RequestInit = {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    redirect: 'manual',
  };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${base}${urlPath}`, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Asserts that `r` is the API error `code` with `status`, as JSON `{ code, message, details? }`. */
export function expectApiError(r: Reply, status: number, code: string): void {
  expect({ status: r.status, code: r.json?.code }).toEqual({ status, code });
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  expect(isApiError(r.json)).toBe(true);
}

/** Asserts nothing; returns true when `body` is an API error `{ code, message, details? }`. */
export function isApiError(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const keys = Object.keys(body);
  const b = body as Record<string, unknown>;
  return (
    typeof b.code === 'string' &&
    typeof b.message === 'string' &&
    b.message.length > 0 &&
    keys.every((k) => k === 'code' || k === 'message' || k === 'details')
  );
}

/** The version the proxy `Svc` of {@link smallProject} answers on `httpPort` (its X-Version header). */
export async function servedVersion(httpPort: number): Promise<string | null> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/services/Svc`, {
    method: 'POST',
    body: '<a/>',
    headers: { 'content-type': 'application/xml' },
  });
  await res.text();
  return res.headers.get('x-version');
}

/** The HTTP status of an `/api/events` upgrade with `headers` (101 when it opens). */
export function eventsUpgradeStatus(
  cleanup: Cleanup,
  port: number,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers });
    ws.on('error', () => undefined);
    cleanup.add(() => ws.terminate());
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => {
      resolve(101);
      ws.close();
    });
  });
}
