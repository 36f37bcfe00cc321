/**
 * `pnpm start`, stopped the way a service manager or `kill` stops it: SIGTERM to the pnpm
 * process only. pnpm does not pass the signal on to the server it runs (through `sh -c`), so
 * before launcher-watch.ts the server lived on, reparented, holding its ports. Now it notices that
 * its launcher is gone and stops: the admin port and the HTTP listener's port are free again.
 *
 * Runs the README's own command (pnpm on PATH, as `npm run setup` installs it) against the built
 * CLI (`pnpm build`, as in CI).
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Cleanup,
  call,
  freePort,
  isPortFree,
  repoRoot,
  smallProject,
  tempDir,
  until,
} from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

describe('pnpm start', () => {
  it('stops the server when pnpm itself gets SIGTERM: its ports are free again', async () => {
    const work = tempDir('mediate-pnpm-start-', cleanup);
    const httpPort = await freePort();
    const project = await smallProject(path.join(work, 'project'), httpPort);
    const port = await freePort();
    const pnpm = spawn('pnpm', ['start', '--project', project, '--port', String(port), '--no-backend'], {
      cwd: repoRoot,
      env: { ...process.env, MEDIATE_HOME: path.join(work, 'home'), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    pnpm.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    pnpm.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
    // 'exit', not 'close': an orphaned server would keep the output pipes open.
    const exited = new Promise((r) => pnpm.once('exit', r));
    // If the test fails half way: kill whatever runs with this test's own project folder.
    cleanup.add(() => {
      pnpm.kill('SIGKILL');
      spawnSync('pkill', ['-KILL', '-f', project]);
    });

    await until(
      () => /Deployed \S+ \(2 artifacts\)/.test(out),
      30_000,
      `the deploy line; output so far:\n${out}`,
    );
    expect((await call(`http://127.0.0.1:${port}`, 'GET', '/api/health')).status).toBe(200);
    expect(await isPortFree(httpPort)).toBe(false);

    pnpm.kill('SIGTERM');
    await exited;
    await until(
      async () => (await isPortFree(port)) && (await isPortFree(httpPort)),
      5000,
      'the admin and HTTP ports to be released after pnpm got SIGTERM',
    );
  }, 60_000);
});
