/**
 * `mediate start` as a process (acceptance 6): on a fresh MEDIATE_HOME the README command
 * (`pnpm start`, i.e. the built `dist/cli.js start`) prints the studio URL and serves the API,
 * the studio and the example project (how fast is measured by `pnpm bench`, not here). Also: the console shows runtime events
 * in MI's log format, a restart deploys the files as saved, SIGTERM stops cleanly, and a busy
 * port or a missing project folder exits 1 with one clear line.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { startSampleBackend } from '@mediate/engine/sample-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildServer, mediate } from './helpers/child.js';
import {
  Cleanup,
  call,
  freePort,
  isPortFree,
  repoRoot,
  seedProject,
  tempDir,
  until,
} from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

const EXAMPLE_ARTIFACTS = [
  'inbound-endpoints/WebSocketInbound',
  'proxy-services/websocketProxy1',
  'sequences/dispatchSeq',
  'sequences/inboundDispatchSeq',
  'sequences/outDispatchSeq',
];
const WEB_INDEX = path.join(repoRoot, 'apps/web/dist/index.html');

describe('mediate start on a fresh MEDIATE_HOME (the README command)', () => {
  beforeAll(() => {
    // `pnpm start` runs the built CLI.
    buildServer();
  }, 180_000);

  it('prints the studio URL and serves the API, the studio and the example project', async () => {
    const home = tempDir('mediate-home-', cleanup);
    const port = await freePort();
    const exampleFree = (await isPortFree(9092)) && (await isPortFree(8290));
    const base = `http://127.0.0.1:${port}`;

    const child = mediate(cleanup, ['start', '--port', String(port)], { MEDIATE_HOME: home }, true);
    const ready = await until(
      async () => {
        if (!child.stdout().includes(`Studio: ${base}/`)) return false;
        // Serving the example project includes running it, when its ports are free.
        if (exampleFree && !child.stdout().includes('Deployed ')) return false;
        const health = await call(base, 'GET', '/api/health');
        const artifacts = await call(base, 'GET', '/api/artifacts');
        const studio = await fetch(`${base}/`);
        const page = await studio.text();
        if (health.status !== 200 || artifacts.status !== 200 || studio.status !== 200) return false;
        return {
          health: health.json,
          artifacts: artifacts.json,
          page,
          type: studio.headers.get('content-type'),
        };
      },
      15_000,
      `the studio URL, /api/health, /api/artifacts and /${exampleFree ? ' and the deploy' : ''}`,
    );
    expect(ready.health).toEqual({ status: 'ok', version: expect.any(String), boot: expect.any(String) });
    expect(ready.artifacts.map((a: { type: string; name: string }) => `${a.type}/${a.name}`).sort()).toEqual(
      EXAMPLE_ARTIFACTS,
    );
    if (existsSync(WEB_INDEX)) {
      expect(ready.type).toMatch(/^text\/html/);
      expect(ready.page).toBe(await readFile(WEB_INDEX, 'utf8'));
    } else expect(ready.page).toContain('the studio is not built');

    // The working copy is made under MEDIATE_HOME and said so.
    const copy = path.join(home, 'projects', 'websocket-seed');
    expect(child.stdout()).toContain(`Copied the example project to ${copy}`);
    expect(existsSync(path.join(copy, 'artifacts/sequences/dispatchSeq.xml'))).toBe(true);

    // The example deploys when its ports (9092, 8290) are free; when they are busy (another
    // Mediate on this machine), the deploy fails with a clear line and the API keeps serving.
    const outcome = await child.waitForOutput(/Deployed \S+|did not deploy/);
    const runtime = (await call(base, 'GET', '/api/runtime')).json;
    if (exampleFree) {
      expect(outcome[0]).toMatch(/^Deployed 000001-/);
      expect(runtime.deployed).toBe(true);
    } else {
      expect(child.stdout()).toMatch(/LISTENER_START .*port (9092|8290)/);
      expect(runtime.deployed).toBe(false);
      expect((await call(base, 'GET', '/api/health')).status).toBe(200);
    }
    expect(await child.kill('SIGTERM')).toBe(0);
  });
});

describe('mediate start (from source)', () => {
  it('prints runtime events in MI\u2019s log format, deploys the saved files on restart, stops on SIGTERM', async () => {
    const home = tempDir('mediate-home-', cleanup);
    const backend = await startSampleBackend({ port: 0 });
    cleanup.add(() => backend.close());
    const wsPort = await freePort();
    // The working copy already exists (with free ports), so start uses it as it is.
    const copy = await seedProject(path.join(home, 'projects', 'websocket-seed'), {
      wsPort,
      httpPort: await freePort(),
      backendUrl: backend.url,
    });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;

    const first = mediate(cleanup, ['start', '--port', String(port)], { MEDIATE_HOME: home });
    await first.waitForOutput(/Deployed 000001-\S+ \(5 artifacts\)/);
    expect(first.stdout()).not.toContain('Copied the example');
    expect(first.stdout()).toContain(`project ${copy}`);
    // The console prints events in batches (at most one write per 50 ms), so the deploy's own
    // lines may come just after the "Deployed" summary.
    await first.waitForOutput(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]\s+INFO \{Deployer\} - Inbound Endpoint named 'WebSocketInbound' has been deployed$/m,
      2000,
    );

    // A message through Example 1: its log line appears on the console.
    const ws = new WebSocket(`ws://127.0.0.1:${wsPort}/websocket`);
    ws.on('error', () => undefined);
    cleanup.add(() => ws.terminate());
    await new Promise((r) => ws.once('open', r));
    const reply = new Promise((r) => ws.once('message', r));
    ws.send('{"hi":1}');
    expect(String(await reply)).toBe('{"hi":1}');
    await first.waitForOutput(/INFO \{LogMediator\} - .*Payload: \{"hi":1\}/);
    ws.close();

    // Save without deploying, stop, restart: the files on disk are the truth, so the saved file is
    // deployed (a new deployment), as MI deploys what is in its folders at start.
    const doc = (await call(base, 'GET', '/api/artifacts/sequences/outDispatchSeq')).json;
    const changed = doc.xml.replace('<log level="full"/>', '<log level="simple"/>');
    expect(
      (await call(base, 'PUT', '/api/artifacts/sequences/outDispatchSeq', { xml: changed, rev: doc.rev }))
        .status,
    ).toBe(200);
    expect(await first.kill('SIGTERM')).toBe(0);
    expect(first.stdout()).toContain('Stopping');

    const second = mediate(cleanup, ['start', '--port', String(port)], { MEDIATE_HOME: home });
    await second.waitForOutput(/Deployed 000002-/);
    const deployments = (await call(base, 'GET', '/api/deployments')).json;
    expect(deployments).toHaveLength(2);
    expect((await call(base, 'GET', '/api/artifacts/sequences/outDispatchSeq')).json.xml).toBe(changed);
    expect(await second.kill('SIGTERM')).toBe(0);
  });

  it('exits 1 with one clear line when the port is busy or the project folder is missing', async () => {
    const home = tempDir('mediate-home-', cleanup);
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    cleanup.add(() => new Promise((r) => blocker.close(r)));
    // An empty project: artifacts/ with nothing in it, and a deployment.toml.
    const project = path.join(home, 'empty');
    await mkdir(path.join(project, 'artifacts'), { recursive: true });
    await writeFile(path.join(project, 'deployment.toml'), '');

    const busy = mediate(cleanup, ['start', '--project', project, '--port', String(port), '--no-deploy'], {
      MEDIATE_HOME: home,
    });
    expect(await busy.exited).toBe(1);
    expect(busy.stderr()).toBe(
      `mediate start: port ${port} is already in use (another mediate start?); choose one with --port\n`,
    );

    const missing = mediate(
      cleanup,
      ['start', '--project', path.join(home, 'nope'), '--port', String(await freePort())],
      { MEDIATE_HOME: home },
    );
    expect(await missing.exited).toBe(1);
    expect(missing.stderr()).toMatch(/^mediate start: project: no such directory: .*nope\n$/);
  });
});
