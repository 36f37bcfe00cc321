/**
 * `mediate` as a child process: from the TypeScript source through tsx (no build needed), or the
 * built `dist/cli.js` (what `pnpm start` runs). Output is collected; every process is killed by
 * `cleanup`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort, seedProject, serverDir, tempDir, type Cleanup } from './server.js';

export interface Child {
  readonly proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** Resolves when stdout matches `re` (with the match); rejects if the process exits first or after `ms`. */
  waitForOutput(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
  kill(signal?: NodeJS.Signals): Promise<number | string>;
}

/** Runs `mediate <args>` with `env` added; `built` runs dist/cli.js instead of the source. */
export function mediate(
  cleanup: Cleanup,
  args: string[],
  env: Record<string, string> = {},
  built = false,
): Child {
  const argv = built
    ? ['dist/cli.js', ...args]
    : ['--import', 'tsx', '--conditions=@mediate/source', 'src/cli.ts', ...args];
  const proc = spawn(process.execPath, argv, {
    cwd: serverDir,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  proc.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    for (const w of waiters) w();
  });
  proc.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<number | string>((resolve) => {
    // 'close', not 'exit': by then stdout and stderr have been read to the end.
    proc.on('close', (code, signal) => {
      resolve(code ?? signal ?? 'unknown');
      for (const w of waiters) w();
    });
  });
  let done = false;
  void exited.then(() => (done = true));
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (!done) proc.kill(signal);
    return exited;
  };
  cleanup.add(() => kill('SIGKILL'));
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill,
    waitForOutput(re, ms = 20000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(re);
          if (m) return finish(() => resolve(m));
          if (done) return finish(() => reject(new Error(`exited before printing ${re}:\n${out}\n${err}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no ${re} within ${ms} ms:\n${out}\n${err}`))),
          ms,
        );
        const finish = (fn: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          fn();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs `mediate <args>` to completion. */
export async function mediateRun(
  cleanup: Cleanup,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const c = mediate(cleanup, args, env);
  const code = await c.exited;
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

/**
 * Builds the server as `pnpm build` does (`tsc -b`, incremental: nearly a no-op when dist is
 * current, as in CI after `pnpm build`), for tests that run what `pnpm start` runs, the built CLI.
 */
export function buildServer(): void {
  const tsc = createRequire(path.join(serverDir, 'package.json')).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.json'], { cwd: serverDir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the server does not build:\n${r.stdout}${r.stderr}`);
}

/** The built CLI running a copy of the bundled example on free ports, with its sample back end. */
export interface SeedCli {
  readonly child: Child;
  /** `http://127.0.0.1:<admin port>` */
  readonly admin: string;
  readonly adminPort: number;
  readonly wsPort: number;
  readonly httpPort: number;
}

/** Starts the built `mediate start` on a seed copy (see `seedProject`) and waits for the deploy. */
export async function startSeedCli(cleanup: Cleanup): Promise<SeedCli> {
  const [wsPort, httpPort, backendPort, adminPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const project = await seedProject(tempDir('mediate-test-', cleanup), {
    wsPort,
    httpPort,
    backendUrl: `ws://localhost:${backendPort}/websocket`,
  });
  const args = ['start', '--project', project, '--port', String(adminPort), '--backend'];
  const child = mediate(
    cleanup,
    [...args, '--backend-port', String(backendPort)],
    {
      MEDIATE_HOME: tempDir('mediate-home-', cleanup),
    },
    true,
  );
  await child.waitForOutput(/Deployed \S+/, 15_000);
  return { child, admin: `http://127.0.0.1:${adminPort}`, adminPort, wsPort, httpPort };
}
