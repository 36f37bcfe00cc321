/**
 * Issue 18, F1: a WebSocket client that sends fast and never reads its replies must not make the
 * server's memory grow without limit, nor starve the other clients. Black box, as the report
 * reproduced it: the built CLI runs the bundled example with its in-process sample back end;
 * one client on the inbound endpoint pauses its reading and sends 16 KiB frames as fast as its
 * socket takes them; another sends a frame every 100 ms and expects its echo each time.
 *
 * Before backpressure (transports/flow-control.ts) the server's RSS grew by about 60 MB a second
 * and the greedy client's writes never slowed. Now its reading is paused once the replies
 * waiting for it pass the high-water mark, so its own writes stall: the server holds a bounded
 * amount for it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildServer, startSeedCli, type Child } from './helpers/child.js';
import { Cleanup, call, until } from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

/** The stated limit: what the server may grow by while one client never reads. */
const RSS_GROWTH_LIMIT = 150 * 1024 * 1024;
const GREEDY_MS = 6000;
const FRAME = Buffer.alloc(16 * 1024, 'x').toString();

let child: Child;
let wsUrl = '';
let admin = '';

/** The server process's resident set size, in bytes (Linux). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) * 1024;
}

async function connect(): Promise<WebSocket> {
  const ws = new WebSocket(wsUrl);
  cleanup.add(() => ws.terminate());
  ws.on('error', () => undefined);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

/** Sends `text` and resolves with the reply's round trip in ms. */
function echo(ws: WebSocket, text: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no echo of ${text} within 2 s`)), 2000);
    const onMessage = (d: Buffer) => {
      if (String(d) !== text) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(performance.now() - started);
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}

beforeAll(async () => {
  buildServer();
  const seed = await startSeedCli(cleanup);
  child = seed.child;
  admin = seed.admin;
  wsUrl = `ws://127.0.0.1:${seed.wsPort}/websocket`;
}, 60_000);

describe('a WebSocket client that never reads (F1)', () => {
  it('holds the server to a bounded amount of memory, stalls that client, and serves the others', async () => {
    const polite = await connect();
    for (let i = 0; i < 20; i++) await echo(polite, `warm-up ${i}`);
    const pid = child.proc.pid!;
    const before = rssOf(pid);

    const greedy = await connect();
    greedy.pause(); // never reads: its socket's receive window fills, then the server's send buffer
    let sent = 0;
    let politeEchoes = 0;
    let peak = before;
    const end = Date.now() + GREEDY_MS;
    const politeLoop = (async () => {
      for (let i = 0; Date.now() < end; i++) {
        await echo(polite, `polite ${i}`);
        politeEchoes++;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    while (Date.now() < end) {
      // As fast as the socket takes frames (the way a real fast producer writes).
      while (greedy.bufferedAmount < 1024 * 1024 && Date.now() < end) {
        greedy.send(FRAME);
        sent += FRAME.length;
      }
      peak = Math.max(peak, rssOf(pid));
      await new Promise((r) => setTimeout(r, 20));
    }
    await politeLoop;
    const written = sent - greedy.bufferedAmount;
    const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
    console.log(
      `never-reading client: ${mb(written)} written in ${GREEDY_MS} ms; server RSS ${mb(before)} → peak ${mb(peak)}; ${politeEchoes} polite echoes`,
    );

    // The server's memory stayed within the stated limit of where it started.
    expect(peak - before).toBeLessThan(RSS_GROWTH_LIMIT);
    // The greedy client was slowed to what the server holds for it: a few MB in all (buffers on
    // each hop), not the hundreds of MB it pushes in these seconds when nothing stops it.
    expect(written).toBeLessThan(64 * 1024 * 1024);
    // Every polite frame got its echo within 2 s while this went on (about one per 100 ms).
    expect(politeEchoes).toBeGreaterThanOrEqual(Math.floor(GREEDY_MS / 400));

    // When it leaves, the others go on, and its connections (with what waited on them) are let go.
    greedy.terminate();
    await echo(polite, 'after');
    await until(
      async () => {
        const r = (await call(admin, 'GET', '/api/runtime')).json as {
          listeners: { kind: string; clients?: number }[];
          backendConnections: number;
        };
        return r.listeners.find((l) => l.kind === 'ws')?.clients === 1 && r.backendConnections === 1;
      },
      10_000,
      'one client and one back-end connection left',
    );
  }, 60_000);
});
