/**
 * Console output never blocks the event loop and never grows without bound (issue 15). Node writes
 * stdout to a file synchronously on Linux (a slow disk would stall mediation); `ConsoleOut` writes
 * files from libuv's thread pool. A pipe is written asynchronously but queues without limit;
 * `ConsoleOut` says when its reader lags, log lines then wait in the event bus (bounded), and they
 * reach the console in order once it reads again.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startSampleBackend } from '@mediate/engine/sample-backend';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConsoleOut } from '../src/server/console-out.js';
import { Cleanup, call, freePort, seedProject, serverDir, tempDir, until } from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

/** A child that reads nothing from its stdin until told (on its IPC channel), then echoes it. */
function slowReader() {
  const child = spawn(
    process.execPath,
    ['-e', "process.once('message', () => { process.stdin.pipe(process.stdout); process.disconnect(); })"],
    { stdio: ['pipe', 'pipe', 'inherit', 'ipc'] },
  );
  cleanup.add(() => void child.kill('SIGKILL'));
  let received = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (received += s));
  return { pipe: child.stdin!, received: () => received, startReading: () => child.send('read') };
}

const manyLines = () => Array.from({ length: 2000 }, (_, i) => `line ${i} ${'x'.repeat(1000)}\n`);

describe('ConsoleOut', () => {
  it('on a pipe nobody reads: says it is backed up, the loop turns, and everything follows in order', async () => {
    const reader = slowReader();
    const out = new ConsoleOut(reader.pipe);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    cleanup.add(() => clearInterval(ticker));
    // Far more than a pipe holds (64 KiB).
    const lines = manyLines();
    for (const line of lines) out.write(line);
    expect(out.backedUp).toBe(true);
    let drained = false;
    void out.drained().then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 300));
    // The loop ran (about 60 ticks in 300 ms) while nothing was read; the writer still waits.
    expect(ticks).toBeGreaterThan(10);
    expect(drained).toBe(false);
    reader.startReading();
    await until(async () => drained, 10000, 'the console drained');
    await until(async () => reader.received().length === lines.join('').length, 10000, 'every line echoed');
    expect(reader.received()).toBe(lines.join(''));
    expect(out.backedUp).toBe(false);
    clearInterval(ticker);
  });

  it('on a file (written by Node synchronously, here from the thread pool): everything, in order', async () => {
    const file = path.join(tempDir('mediate-console-file-', cleanup), 'out.log');
    const fd = openSync(file, 'w');
    cleanup.add(() => closeSync(fd));
    const out = new ConsoleOut(fd);
    const lines = manyLines();
    for (const line of lines) out.write(line);
    await out.drained();
    await out.finish(5000);
    expect(await readFile(file, 'utf8')).toBe(lines.join(''));
  });
});

describe('mediate start with a console nobody reads', () => {
  it('goes on relaying WebSocket frames and answering the API; the log lines follow once read', async () => {
    // Replies as large as the requests, so every `log level="full"` line is about 8 KiB.
    const backend = await startSampleBackend({
      port: 0,
      onMessage: (data, isBinary) => (isBinary ? undefined : data.toString().toUpperCase()),
    });
    cleanup.add(() => backend.close());
    const wsPort = await freePort();
    const adminPort = await freePort();
    const project = await seedProject(path.join(tempDir('mediate-console-', cleanup), 'seed'), {
      wsPort,
      httpPort: await freePort(),
      backendUrl: backend.url,
    });
    const proc = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@mediate/source',
        'src/cli.ts',
        'start',
        '--project',
        project,
        '--port',
        String(adminPort),
      ],
      {
        cwd: serverDir,
        env: { ...process.env, NO_COLOR: '1', MEDIATE_HOME: tempDir('mediate-home-', cleanup) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    cleanup.add(() => void proc.kill('SIGKILL'));
    let stdout = '';
    proc.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    await until(async () => stdout.includes('Deployed '), 30000, 'the seed deployed');
    // From now on nothing reads the server's standard output: the pipe fills after 64 KiB.
    proc.stdout!.pause();
    const before = stdout.length;

    const ws = new WebSocket(`ws://127.0.0.1:${wsPort}/websocket`);
    cleanup.add(() => ws.terminate());
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const frames = 100;
    const frame = (i: number) => `{"n":${i},"pad":"${'a'.repeat(8000)}"}`;
    const echoes: string[] = [];
    ws.on('message', (data) => echoes.push(String(data)));
    for (let i = 0; i < frames; i++) ws.send(frame(i));
    // 100 lines of 8 KiB are more than ten pipes' worth: a blocking console stops here.
    await until(async () => echoes.length === frames, 15000, 'every frame relayed');
    expect(echoes[frames - 1]).toBe(frame(frames - 1).toUpperCase());
    expect(stdout.length).toBe(before);
    const health = await call(`http://127.0.0.1:${adminPort}`, 'GET', '/api/health');
    expect(health.status).toBe(200);

    proc.stdout!.resume();
    // The seed's outDispatchSeq logs each reply in full (MI marks it `Direction: request`).
    const logged = () => stdout.slice(before).match(/Payload: \{"N":\d+/g) ?? [];
    await until(async () => logged().length === frames, 15000, 'every log line printed');
    expect(logged()).toEqual(Array.from({ length: frames }, (_, i) => `Payload: {"N":${i}`));
    expect(stdout).not.toMatch(/dropped/);
  }, 60_000);
});
