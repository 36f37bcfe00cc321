/**
 * Starts the built CLI (`node apps/server/dist/cli.js start …`) as a child process, as a user
 * would, waits for the `Studio: <url>` line, and stops it with everything it started.
 *
 * The child gets its own process group (`detached`), so `stop()` signals the whole group: the
 * server and anything it may have spawned. It sends SIGTERM (the CLI's clean shutdown), then
 * SIGKILL if the group is still there after a few seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(REPO_ROOT, 'apps/server/dist/cli.js');
export const EXAMPLE = path.join(REPO_ROOT, 'examples/websocket-seed');

export interface Mediate {
  /** The studio URL the CLI printed, e.g. `http://127.0.0.1:9164/`. */
  readonly url: string;
  /** Its origin, e.g. `http://127.0.0.1:9164`. */
  readonly origin: string;
  readonly pid: number;
  /** Everything printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** Waits until the output matches `re`; resolves with the match. */
  waitForOutput(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Stops the process group; resolves when the server process has exited. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// Last resort if the runner exits without the spec's teardown (a crash): leave nothing running.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

// Temporary folders: the one harness of every suite (@mediate/engine/testing).
export { removeTemp, tempDir } from '@mediate/engine/testing';

/**
 * Runs `node apps/server/dist/cli.js start <args>` with `env` added to this process's
 * environment; resolves once the studio URL is printed.
 */
export async function startMediate(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  timeoutMs = 20_000,
): Promise<Mediate> {
  if (!existsSync(CLI) || !existsSync(path.join(REPO_ROOT, 'apps/web/dist/index.html')))
    throw new Error(
      `${path.relative(REPO_ROOT, CLI)} or apps/web/dist is missing: run \`pnpm build\` first.`,
    );
  const child = spawn(process.execPath, [CLI, 'start', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString('utf8');
    for (const w of waiters) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited: string | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${code}`}`;
      running.delete(child);
      for (const w of waiters) w();
      resolve();
    }),
  );

  const waitForOutput = (re: RegExp, ms = timeoutMs) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = out.match(re);
        if (m) done(() => resolve(m));
        else if (exited)
          done(() => reject(new Error(`mediate start ${exited} before printing ${re}:\n${out}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`mediate start did not print ${re} within ${ms} ms:\n${out}`))),
        ms,
      );
      const done = (f: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        f();
      };
      waiters.add(check);
      check();
    });

  const stop = async () => {
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    // Whatever the server left in its group (nothing, normally) goes too.
    killGroup(child, 'SIGKILL');
  };

  let url: string;
  try {
    url = (await waitForOutput(/^Studio: (\S+)$/m))[1] as string;
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    origin: new URL(url).origin,
    pid: child.pid as number,
    output: () => out,
    waitForOutput,
    stop,
  };
}
