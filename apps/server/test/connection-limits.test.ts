/**
 * Issue 18, F7: connection limits. Before them, 20,000 slow connections to the HTTP listener used
 * up every file descriptor, after which the inbound endpoint and the admin API refused
 * connections too, and slow clients were dropped only after Node's defaults (tens of seconds).
 *
 * The built CLI runs with a small open-file limit (`ulimit -n`, as a container or a service
 * manager may set) and `[mediate.limits]` from the project's deployment.toml; connections are
 * real sockets that send nothing (the slowest client there is).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wsOpens } from '@mediate/engine/testing';
import { buildServer } from './helpers/child.js';
import {
  Cleanup,
  NS,
  call,
  freePort,
  serverDir,
  tempDir,
  tomlFor,
  until,
  writeFiles,
} from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

beforeAll(() => buildServer(), 120_000);

interface Started {
  readonly admin: string;
  readonly httpPort: number;
  readonly wsPort: number;
  output(): string;
}

/** `mediate start` (built) on a project with an inbound endpoint and a proxy, under `ulimit -n`. */
async function start(limits: string, openFiles: number): Promise<Started> {
  const project = path.join(tempDir('mediate-test-', cleanup), 'p');
  const [httpPort, wsPort, adminPort] = [await freePort(), await freePort(), await freePort()];
  await writeFiles(project, {
    'deployment.toml': tomlFor(httpPort, `[mediate.limits]\n${limits}\n`, await freePort()),
    'artifacts/proxy-services/Echo.xml': `<proxy name="Echo" ${NS}><target><inSequence><respond/></inSequence></target></proxy>`,
    'artifacts/sequences/drop.xml': `<sequence name="drop" ${NS}><drop/></sequence>`,
    'artifacts/inbound-endpoints/In.xml': `<inboundEndpoint name="In" protocol="ws" sequence="drop" ${NS}><parameters><parameter name="inbound.ws.port">${wsPort}</parameter></parameters></inboundEndpoint>`,
  });
  const cli = path.join(serverDir, 'dist/cli.js');
  const child: ChildProcess = spawn(
    'sh',
    [
      '-c',
      `ulimit -n ${openFiles} && exec "${process.execPath}" "${cli}" start --project "${project}" --port ${adminPort} --no-backend`,
    ],
    {
      env: { ...process.env, MEDIATE_HOME: path.join(project, '..', 'home'), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));
  cleanup.add(() => child.kill('SIGKILL'));
  await until(
    () => /Deployed \S+/.test(out) || /did not deploy/.test(out),
    20_000,
    `the deploy; output:\n${out}`,
  );
  expect(out).toMatch(/Deployed \S+ \(3 artifacts\)/);
  return { admin: `http://127.0.0.1:${adminPort}`, httpPort, wsPort, output: () => out };
}

/** Opens `n` TCP connections that never send a byte; resolves when all are open or refused. */
async function slowClients(port: number, n: number): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  cleanup.add(() => sockets.forEach((s) => s.destroy()));
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve) => {
          const s = net.connect(port, '127.0.0.1', () => resolve());
          s.on('error', () => resolve());
          sockets.push(s);
        }),
    ),
  );
  return sockets;
}

/** How many of the sockets the server has closed (so far, after a moment). */
async function closedByServer(sockets: net.Socket[], settleMs = 1500): Promise<number> {
  await new Promise((r) => setTimeout(r, settleMs));
  return sockets.filter((s) => s.destroyed || s.readableEnded).length;
}

describe('connection limits', () => {
  it('refuses HTTP connections past http_max_connections; the inbound endpoint and the admin API go on', async () => {
    const m = await start('http_max_connections = 100\nheaders_timeout_ms = 60000', 4096);
    const sockets = await slowClients(m.httpPort, 150);
    expect(await closedByServer(sockets)).toBe(50);
    expect(await wsOpens(`ws://127.0.0.1:${m.wsPort}/`)).toBe(true);
    expect((await call(m.admin, 'GET', '/api/health')).status).toBe(200);
    await until(
      () =>
        /The HTTP listener on port \d+ refused connections: it has 100 open, its limit \(\[mediate\.limits\]\) is 100/.test(
          m.output(),
        ),
      5000,
      'the warning on the console',
    );
  }, 60_000);

  it('keeps reserve_connections of the open-file limit free, so the admin API answers when clients take the rest', async () => {
    const m = await start(
      'http_max_connections = 100000\nreserve_connections = 100\nheaders_timeout_ms = 60000',
      400,
    );
    const sockets = await slowClients(m.httpPort, 600);
    // Of 400 descriptors, the runtime's connections take 300; the reserve of 100 holds the
    // process's own (listeners, files, the admin API and its clients).
    expect(await closedByServer(sockets)).toBe(300);
    expect((await call(m.admin, 'GET', '/api/health')).status).toBe(200);
    expect((await call(m.admin, 'GET', '/api/artifacts')).status).toBe(200);
    // The inbound endpoint shares the runtime's budget: it is full too, and says why.
    expect(await wsOpens(`ws://127.0.0.1:${m.wsPort}/`)).toBe(false);
    await until(
      () =>
        /refused connections: the runtime's connections use every file descriptor but the reserve/.test(
          m.output(),
        ),
      5000,
      'the warning',
    );
    // When the slow clients go, the ports take connections again.
    sockets.forEach((s) => s.destroy());
    await until(
      async () => wsOpens(`ws://127.0.0.1:${m.wsPort}/`),
      10_000,
      'the inbound endpoint to take a connection again',
    );
  }, 60_000);

  it('answers a client that sends no request within headers_timeout_ms with 408 and closes it', async () => {
    const m = await start('headers_timeout_ms = 1000\nrequest_timeout_ms = 2000', 4096);
    const [s] = await slowClients(m.httpPort, 1);
    let answer = '';
    s!.on('data', (d: Buffer) => (answer += d.toString()));
    await until(() => s!.readableEnded || s!.destroyed, 10_000, 'the server to close the slow connection');
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  }, 30_000);
});
