/**
 * Test harness for the runtime: free ports, projects built from fixture text, WebSocket
 * clients that queue what they receive, and an event collector. Real sockets on loopback.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect } from 'vitest';
import WebSocket from 'ws';
import type { RuntimeEvent } from '../../src/model/events.js';
import { buildProject, type Project } from '../../src/model/index.js';
import { createRuntime, type Runtime } from '../../src/runtime/index.js';
import { startSampleBackend, type SampleBackend } from '../../src/sample-backend/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A fixture file's text. */
export function fixture(path: string): string {
  return readFileSync(join(fixtures, path), 'utf8');
}

// Free ports, polling and deployment.toml: the one harness of every suite (src/testing).
import { freePort, tomlFor } from '../../src/testing/index.js';

export { freePort, tomlFor };
export { until } from '../../src/testing/index.js';

/** Builds a project from `path → text`; fails the test on parse errors. */
export function project(files: Record<string, string>, toml = ''): Project {
  const { project, diagnostics } = buildProject(
    toml,
    Object.entries(files).map(([path, text]) => ({ path, text })),
  );
  if (diagnostics.length) throw new Error(`fixture project does not parse: ${JSON.stringify(diagnostics)}`);
  return project;
}

/**
 * The files of seed Example 1 (test/fixtures/seed-example1): the inbound endpoint on `wsPort`
 * (with broadcast `level` and `extraParams` added to its parameters), dispatchSeq sending to
 * `backendUrl`, and outDispatchSeq (or `outDispatchSeq`, a replacement text).
 */
export function example1Files(o: {
  readonly wsPort: number;
  readonly backendUrl: string;
  readonly level?: string;
  readonly extraParams?: string;
  readonly outDispatchSeq?: string;
}): Record<string, string> {
  return {
    'artifacts/inbound-endpoints/WebSocketInbound.xml': fixture('seed-example1/WebSocketInbound.xml')
      .replace('>9092<', `>${o.wsPort}<`)
      .replace('broadcast.level">0<', `broadcast.level">${o.level ?? '0'}<`)
      .replace('</parameters>', `${o.extraParams ?? ''}</parameters>`),
    'artifacts/sequences/dispatchSeq.xml': fixture('seed-example1/dispatchSeq.xml').replace(
      'ws://localhost:8082/websocket',
      o.backendUrl,
    ),
    'artifacts/sequences/outDispatchSeq.xml': o.outDispatchSeq ?? fixture('seed-example1/outDispatchSeq.xml'),
  };
}

/**
 * The files of seed Example 2 (test/fixtures/seed-example2): the proxy websocketProxy1 (its
 * fault sequence `faultSequence`, outDispatchSeq by default), dispatchSeq (or `dispatchSeq`, a
 * replacement text) sending to `backendUrl`, and outDispatchSeq.
 */
export function example2Files(o: {
  readonly backendUrl: string;
  readonly dispatchSeq?: string;
  readonly faultSequence?: string;
}): Record<string, string> {
  return {
    'artifacts/sequences/dispatchSeq.xml': (
      o.dispatchSeq ?? fixture('seed-example2/dispatchSeq.xml')
    ).replace('ws://localhost:8082/websocket', o.backendUrl),
    'artifacts/sequences/outDispatchSeq.xml': fixture('seed-example2/outDispatchSeq.xml'),
    'artifacts/proxy-services/websocketProxy1.xml': fixture('seed-example2/websocketProxy1.xml').replace(
      'faultSequence="outDispatchSeq"',
      `faultSequence="${o.faultSequence ?? 'outDispatchSeq'}"`,
    ),
  };
}

/** Seed Example 1 set up afresh for each test of a file (see {@link example1PerTest}). */
export interface Example1PerTest {
  /** The current test's sample back end. */
  readonly backend: SampleBackend;
  /** The current test's inbound endpoint port. */
  readonly wsPort: number;
  /** The project of Example 1 on them, with `example1Files`'s other options. */
  project(o?: { readonly level?: string; readonly extraParams?: string }): Project;
}

/**
 * Before each test of the calling file, a sample back end and a free inbound port; after it
 * (and after the file's own afterEach, which stops its runtime), the back end is closed.
 */
export function example1PerTest(): Example1PerTest {
  let backend: SampleBackend | undefined;
  let wsPort = 0;
  beforeEach(async () => {
    backend = await startSampleBackend({ port: 0 });
    wsPort = await freePort();
  });
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });
  const current = (): SampleBackend => {
    if (!backend) throw new Error('example1PerTest: used outside a test');
    return backend;
  };
  return {
    get backend() {
      return current();
    },
    get wsPort() {
      return wsPort;
    },
    project: (o = {}) => project(example1Files({ wsPort, backendUrl: current().url, ...o }), tomlFor(0)),
  };
}

/** A runtime, stopped after the test by the returned cleanup. */
export async function runtimeWith(p: Project): Promise<{ runtime: Runtime; events: EventLog }> {
  const runtime = createRuntime();
  const events = new EventLog(runtime);
  const result = await runtime.deploy(p);
  if (!result.ok) {
    await runtime.stop();
    throw new Error(`deploy failed: ${JSON.stringify(result.diagnostics)}`);
  }
  return { runtime, events };
}

/**
 * A runtime serving `files` with its HTTP listener on a free port: the common start of the HTTP
 * tests. `base` is `http://127.0.0.1:<port>`.
 */
export async function httpRuntime(
  files: Record<string, string>,
  extraToml = '',
): Promise<{ runtime: Runtime; events: EventLog; base: string; port: number }> {
  const port = await freePort();
  const started = await runtimeWith(project(files, tomlFor(port, extraToml)));
  return { ...started, base: `http://127.0.0.1:${port}`, port };
}

/** Collects every runtime event and waits for ones that match. */
export class EventLog {
  readonly all: RuntimeEvent[] = [];
  private waiters: { test: (e: RuntimeEvent) => boolean; resolve: (e: RuntimeEvent) => void }[] = [];

  constructor(runtime: Runtime) {
    runtime.events.subscribe((batch) => {
      for (const e of batch) {
        this.all.push(e);
        this.waiters = this.waiters.filter((w) => {
          if (!w.test(e)) return true;
          w.resolve(e);
          return false;
        });
      }
    });
  }

  /** Resolves with the first event (past or future) matching `test`. */
  waitFor(test: (e: RuntimeEvent) => boolean, timeoutMs = 5000): Promise<RuntimeEvent> {
    const seen = this.all.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching event within ${timeoutMs} ms; saw:\n${this.all.map((e) => `${e.kind} ${e.text}`).join('\n')}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  logs(): RuntimeEvent[] {
    return this.all.filter((e) => e.kind === 'log');
  }

  /** The log lines of one artifact so far. */
  logsOf(artifact: string): RuntimeEvent[] {
    return this.all.filter((e) => e.kind === 'log' && e.artifact?.name === artifact);
  }
}

/** A WebSocket client that queues messages and remembers how it was closed. */
export class Client {
  readonly ws: WebSocket;
  private readonly inbox: string[] = [];
  private readonly wanted: ((m: string) => void)[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, protocols?: string | string[]) {
    this.ws = new WebSocket(url, protocols);
    this.ws.on('message', (data: Buffer) => {
      const m = data.toString();
      const w = this.wanted.shift();
      if (w) w(m);
      else this.inbox.push(m);
    });
    this.ws.on('error', () => undefined);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** The next message received. */
  next(timeoutMs = 5000): Promise<string> {
    const m = this.inbox.shift();
    if (m !== undefined) return Promise.resolve(m);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
      this.wanted.push((msg) => {
        clearTimeout(timer);
        resolve(msg);
      });
    });
  }

  /** Messages received and not yet read. */
  pending(): string[] {
    return [...this.inbox];
  }

  send(text: string): void {
    this.ws.send(text);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    await this.closed;
  }
}

/**
 * Asserts the texts of one message's log lines: `«id»` in `expected` stands for the message id,
 * which the first line's id must match `idPattern`.
 */
export function expectLogTexts(lines: RuntimeEvent[], expected: string[], idPattern: RegExp): void {
  const id = lines[0]?.messageId ?? '';
  expect(id).toMatch(idPattern);
  expect(lines.map((e) => e.text)).toEqual(expected.map((t) => t.replaceAll('«id»', id)));
}

/** A POST with curl's defaults. */
export async function post(
  url: string,
  body: string,
  contentType = 'text/xml',
): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': contentType } });
  return { status: res.status, body: await res.text(), headers: res.headers };
}
