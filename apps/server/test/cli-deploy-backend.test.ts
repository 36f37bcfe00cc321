/**
 * `mediate deploy <dir> --url` against a running server (in-process, free port) and
 * `mediate backend --port`, both as child processes from source.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { mediate, mediateRun } from './helpers/child.js';
import {
  Cleanup,
  call,
  freePort,
  sequenceXml,
  smallProject,
  startServer,
  tempDir,
  tomlFor,
  versionProxy,
  writeFiles,
  type TestServer,
  servedVersion,
} from './helpers/server.js';

const cleanup = new Cleanup();
let server: TestServer;
let project: string;
let httpPort: number;
let scratch: string;

beforeAll(async () => {
  scratch = tempDir('mediate-test-', cleanup);
  httpPort = await freePort();
  project = await smallProject(path.join(scratch, 'served'), httpPort);
  server = await startServer(cleanup, { project });
});
afterAll(() => cleanup.run());

/** The server's project as it stands: artifact names and revisions, the config, the deployments. */
async function state() {
  return {
    artifacts: (await call(server.base, 'GET', '/api/artifacts')).json.map(
      (a: { type: string; name: string; rev: string }) => `${a.type}/${a.name}@${a.rev}`,
    ),
    config: (await call(server.base, 'GET', '/api/config')).json.rev,
    deployments: (await call(server.base, 'GET', '/api/deployments')).json.map((d: { id: string }) => d.id),
  };
}

describe('mediate deploy', () => {
  it('makes the server\u2019s project match the folder, deploys, prints the summary, exits 0', async () => {
    const dir = path.join(scratch, 'local');
    await writeFiles(dir, {
      'deployment.toml': tomlFor(httpPort),
      'artifacts/proxy-services/Svc.xml': versionProxy('Svc', 'v2'),
      'artifacts/sequences/added.xml': sequenceXml('added'),
    });
    const r = await mediateRun(cleanup, ['deploy', dir, '--url', server.base]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Deployed 000002-\S+: 1 added, 1 updated, 1 removed, 0 unchanged\.\n$/);
    expect(await servedVersion(httpPort)).toBe('v2');
    expect((await readdir(path.join(project, 'artifacts/sequences'))).sort()).toEqual(['added.xml']);
    expect(await readFile(path.join(project, 'artifacts/proxy-services/Svc.xml'), 'utf8')).toBe(
      versionProxy('Svc', 'v2'),
    );
  });

  it('refuses a bad project before touching the server: diagnostics, exit 1, nothing changed', async () => {
    const before = await state();
    const dir = path.join(scratch, 'bad');
    await writeFiles(dir, {
      'deployment.toml': tomlFor(httpPort),
      'artifacts/proxy-services/Svc.xml': versionProxy('Svc', 'v3'),
      'artifacts/sequences/broken.xml': sequenceXml('broken', '<sequence key="nowhere"/>'),
    });
    const r = await mediateRun(cleanup, ['deploy', dir, '--url', server.base]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^artifacts\/sequences\/broken\.xml:\d+:\d+ error \S+ .*nowhere/m);
    expect(r.stdout).toMatch(/1 error, 0 warnings in 3 files; nothing was deployed\.\n$/);
    expect(await state()).toEqual(before);
    expect(await servedVersion(httpPort)).toBe('v2');
  });

  it('exits 2 with one clear line when no server answers', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = await mediateRun(cleanup, ['deploy', project, '--url', url]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^mediate deploy: cannot reach ${url}.*Is \`mediate start\` running\\?\\n$`),
    );
  });

  it('exits 2 when the URL answers but is not a Mediate server', async () => {
    const other = await startFakeServer();
    const r = await mediateRun(cleanup, ['deploy', project, '--url', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mediate deploy: .*not a Mediate server/);
  });

  it('exits 2 for a missing folder', async () => {
    const r = await mediateRun(cleanup, ['deploy', path.join(scratch, 'nope'), '--url', server.base]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mediate deploy: no such directory/);
  });

  it('asks for a token beyond loopback, and deploys with MEDIATE_TOKEN', async () => {
    const remote = await startServer(cleanup, {
      project: await smallProject(path.join(scratch, 'remote'), await freePort()),
      host: '0.0.0.0',
    });
    const token = (await readFile(path.join(remote.home, 'token'), 'utf8')).trim();
    const dir = await smallProject(path.join(scratch, 'remote-src'), await freePort());
    const without = await mediateRun(cleanup, ['deploy', dir, '--url', remote.base], { MEDIATE_TOKEN: '' });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('the server wants a token');
    const withToken = await mediateRun(cleanup, ['deploy', dir, '--url', remote.base], {
      MEDIATE_TOKEN: token,
    });
    expect(withToken.code).toBe(0);
    expect(withToken.stdout).toMatch(/^Deployed 000002-/);
  });
});

/** An HTTP server that answers everything with an HTML 404, like a web server that is not Mediate. */
async function startFakeServer(): Promise<string> {
  const { createServer } = await import('node:http');
  const s = createServer((_req, res) =>
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>'),
  );
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  cleanup.add(() => new Promise((r) => s.close(r)));
  return `http://127.0.0.1:${(s.address() as { port: number }).port}`;
}

describe('mediate backend', () => {
  it('prints its URL and answers; a second one on the same port exits 1 with "already in use"', async () => {
    const port = await freePort();
    const first = mediate(cleanup, ['backend', '--port', String(port)]);
    const url = (await first.waitForOutput(/ at (ws:\/\/\S+)\n/))[1]!;
    expect(url).toBe(`ws://127.0.0.1:${port}/websocket`);

    const ws = new WebSocket(url);
    ws.on('error', () => undefined);
    cleanup.add(() => ws.terminate());
    await new Promise((r) => ws.once('open', r));
    const echoed = new Promise((r) => ws.once('message', (d) => r(String(d))));
    ws.send('ping');
    expect(await echoed).toBe('ping');
    ws.close();

    const second = await mediateRun(cleanup, ['backend', '--port', String(port)]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^mediate backend: port \d+ is already in use/);

    expect(await first.kill('SIGTERM')).toBe(0);
  });

  it('--uppercase answers like upstream Netty', async () => {
    const port = await freePort();
    const b = mediate(cleanup, ['backend', '--port', String(port), '--uppercase']);
    await b.waitForOutput(/upper-cases text/);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/websocket`);
    ws.on('error', () => undefined);
    cleanup.add(() => ws.terminate());
    await new Promise((r) => ws.once('open', r));
    const reply = new Promise((r) => ws.once('message', (d) => r(String(d))));
    ws.send('hello');
    expect(await reply).toBe('HELLO');
    ws.close();
    expect(await b.kill('SIGTERM')).toBe(0);
  });
});
