/**
 * `mediate start`: the studio, the admin API and the runtime, with a project deployed.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '@mediate/engine';
import { DeploymentHistory } from '../project-store/deployment-history.js';
import { ProjectLoadError, loadProject } from '../project-store/load-project.js';
import { checkProjectLayout } from '../project-store/project-layout.js';
import { ProjectStore } from '../project-store/project-store.js';
import { readAdminTls } from '../server/admin-tls.js';
import { createAppServer } from '../server/app.js';
import { loadOrCreateToken } from '../server/auth.js';
import { printEvents } from '../server/console-events.js';
import { consoleOut } from '../server/console-out.js';
import type { EventsSocket } from '../server/events-socket.js';
import { DiskWatcher } from '../server/disk-watcher.js';
import { RuntimeHost } from '../server/runtime-host.js';
import { warmUpValidation } from '../server/validate-body.js';
import { watchLauncher } from './launcher-watch.js';

export interface StartOptions {
  readonly project?: string;
  readonly port: number;
  readonly host: string;
  readonly deploy: boolean;
  /**
   * Start the sample back end on `backendPort` (default: only with the bundled example, whose
   * sequences send to ws://localhost:8082/websocket).
   */
  readonly backend?: boolean;
  readonly backendPort?: number;
  /** PEM private key and certificate: serve the studio, API and event stream over HTTPS/wss. */
  readonly tlsKey?: string;
  readonly tlsCert?: string;
  readonly version: string;
  /**
   * Where console output goes (default: stdout). Lets an embedder, such as the in-process API
   * tests, capture the URL, the login link and the event lines instead of printing them.
   */
  readonly write?: (text: string) => void;
}

/** Where Mediate keeps its own files: `$MEDIATE_HOME`, else `~/.mediate`. */
export function mediateHome(): string {
  return process.env.MEDIATE_HOME ?? path.join(homedir(), '.mediate');
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The bundled example project (`examples/websocket-seed` in the repository). */
export const EXAMPLE_PROJECT = path.resolve(here, '../../../../examples/websocket-seed');
/** The built studio (`apps/web/dist`). */
const WEB_DIST = process.env.MEDIATE_WEB_DIST ?? path.resolve(here, '../../../web/dist');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The working copy of the example, made on first start. */
async function exampleWorkingCopy(write: (text: string) => void): Promise<string> {
  const dir = path.join(mediateHome(), 'projects', 'websocket-seed');
  const exists = await stat(dir).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(path.dirname(dir), { recursive: true });
    // Copied beside it, then renamed: a start stopped mid-copy leaves no half working copy.
    const partial = path.join(path.dirname(dir), '.websocket-seed.partial');
    await rm(partial, { recursive: true, force: true });
    await cp(EXAMPLE_PROJECT, partial, { recursive: true });
    await rename(partial, dir);
    write(`Copied the example project to ${dir}\n`);
  }
  return dir;
}

/** Thrown by `runStart` when it was stopped before it finished starting. */
export class StartInterrupted extends Error {
  override readonly name = 'StartInterrupted';
  constructor() {
    super('stopped during start-up');
  }
}

/**
 * What `mediate start` has started so far. `stop()` stops it, in the same order whatever point
 * start-up had reached (a signal may come at any time); once it was called, start-up starts
 * nothing more.
 */
export class Started {
  unprint: (() => void) | undefined;
  events: EventsSocket | undefined;
  server: Server | undefined;
  host: RuntimeHost | undefined;
  watcher: DiskWatcher | undefined;
  stopBackend: (() => Promise<void>) | undefined;
  /** Set while the back end is starting. */
  backendStarting: Promise<unknown> | undefined;
  private stopping: Promise<void> | undefined;

  /** Throws `StartInterrupted` once `stop()` was called (start-up checks after each step). */
  check(): void {
    if (this.stopping) throw new StartInterrupted();
  }

  /** Stops everything started; the same promise on every call. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    this.events?.close();
    this.unprint?.();
    const server = this.server;
    if (server)
      await new Promise<void>((r) => {
        // Called with an error when the server was not listening yet: nothing to wait for then.
        server.close(() => r());
        server.closeAllConnections();
      });
    await this.watcher?.close();
    await this.host?.stop();
    // Start-up may still be starting the back end: wait for that step to end (it sets
    // `stopBackend`, or gives up) before stopping it.
    await this.backendStarting;
    await this.stopBackend?.();
  }
}

/**
 * Starts everything; resolves once listening (and, with `deploy`, deployed), with a function that
 * stops it all. `started` records each part as it starts, so a caller can stop a start-up that is
 * still under way (`startCommand` on SIGINT/SIGTERM); a start-up stopped that way, or one that
 * fails, stops what it had started and rejects.
 */
export async function runStart(
  options: StartOptions,
  started: Started = new Started(),
): Promise<{ url: string; stop: () => Promise<void> }> {
  try {
    return await startParts(options, started);
  } catch (e) {
    await started.stop().catch(() => undefined);
    throw e;
  }
}

async function startParts(
  options: StartOptions,
  started: Started,
): Promise<{ url: string; stop: () => Promise<void> }> {
  // Standard output is written off the event loop (console-out.ts), unless a caller takes it.
  const stdout = options.write ? undefined : consoleOut();
  const write = options.write ?? ((text: string) => stdout?.write(text));
  // Checked before anything starts: a bad key or certificate is one line and exit 1.
  const tls = readAdminTls(options.tlsKey, options.tlsCert);
  const projectDir = options.project ? path.resolve(options.project) : await exampleWorkingCopy(write);
  // Fails early and clearly on an MI project, a CApp, an empty or a missing folder.
  await checkProjectLayout(options.project ?? projectDir);
  await loadProject(projectDir);
  const store = new ProjectStore(projectDir);
  // The thread that parses and validates for the API loads the engine while the rest starts, so
  // the studio's first artifact list does not wait for it.
  store.checker.warmUp();
  const restored = await store.recover();
  if (restored.length)
    write(`Restored ${restored.join(', ')}: a rename was cut short by a server that did not stop cleanly\n`);
  const history = new DeploymentHistory(projectDir);
  // Leftovers of a killed server: temporary files and half-written snapshots.
  const swept = (await store.sweep()) + (await history.sweep());
  if (swept) write(`Removed ${swept} temporary file(s) left by a server that did not stop cleanly\n`);
  started.check();
  const host = new RuntimeHost(store, history, { host: options.host });
  started.host = host;
  started.unprint = printEvents(host.runtime, stdout ?? write);
  const token = LOOPBACK.has(options.host) ? undefined : await loadOrCreateToken(mediateHome());
  started.check();
  const loginCode = token ? randomBytes(18).toString('base64url') : undefined;
  const { server, events } = createAppServer({
    host,
    version: options.version,
    token,
    loginCode,
    webDist: WEB_DIST,
    ...(tls ? { tls } : {}),
  });
  started.server = server;
  started.events = events;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `port ${options.port} is already in use (another mediate start?); choose one with --port`
            : e.message,
        ),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  started.check();
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `${tls ? 'https' : 'http'}://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${options.port}/`;
  write(`Mediate ${options.version}: project ${projectDir}\n`);
  write(`Studio: ${url}\n`);
  if (token)
    write(
      `Listening beyond loopback: API calls need the token (in ${path.join(mediateHome(), 'token')}). Log in once with ${url}login?code=${loginCode}\n`,
    );
  if (token && !tls)
    write(
      'Warning: the admin port is reachable beyond loopback over plain HTTP, so the API token and the login cookie travel unencrypted; serve it over HTTPS with --tls-key FILE --tls-cert FILE (PEM)\n',
    );
  if (tls && tls.validTo.getTime() < Date.now())
    write(
      `Warning: the certificate in --tls-cert expired on ${tls.validTo.toISOString()}; browsers and mediate deploy will refuse it\n`,
    );
  if (options.backend ?? !options.project) {
    const port = options.backendPort ?? 8082;
    const starting = (async () => {
      try {
        // Loaded only when the back end runs (it is the engine's testing entry).
        const { runBackend } = await import('./backend.js');
        // The example's back-end URL is ws://localhost:8082: loopback, whatever --host is.
        started.stopBackend = await runBackend({ port, host: '127.0.0.1', uppercase: false }, (line) =>
          write(`${line}\n`),
        );
      } catch (e) {
        write(`The sample back end did not start: ${(e as Error).message} (use --no-backend to skip it)\n`);
      }
    })();
    started.backendStarting = starting;
    await starting;
    started.backendStarting = undefined;
    started.check();
  }
  // Edits by other editors from now on (a change made while the start-up deploy runs included):
  // told to the studio, and deployed with hot deployment on.
  const watcher = new DiskWatcher(host);
  started.watcher = watcher;
  await watcher.start();
  started.check();
  if (options.deploy) {
    started.check();
    const result = await host.startup((id, e) =>
      write(`Skipped deployment ${id}, which cannot be read (${e.message})\n`),
    );
    started.check();
    if (result.ok && result.fallback) {
      // Loud: the runtime is not running what the files say.
      write(`WARN: the project's files on disk do not deploy: ${result.fallback.files.join(', ')}\n`);
      for (const d of result.fallback.diagnostics) write(`  ${formatDiagnostic(d)}\n`);
      write(
        `WARN: running the last good deployment ${result.deploymentId ?? ''} instead; fix the files listed above and deploy again\n`,
      );
    } else if (result.ok) {
      const { added, updated, unchanged } = result.changes;
      const count = added.length + updated.length + unchanged.length;
      write(`Deployed ${result.deploymentId ?? ''} (${count} artifact${count === 1 ? '' : 's'})\n`);
    } else {
      write('The project did not deploy; fix it in the studio and deploy again:\n');
      for (const d of result.diagnostics.filter((x) => x.severity === 'error'))
        write(`  ${formatDiagnostic(d)}\n`);
    }
  }
  // Off the start-up path: the request-body validator's library, before the first save needs it.
  warmUpValidation();
  return { url, stop: () => started.stop() };
}

/**
 * The CLI action: start, print, stop on SIGINT/SIGTERM. Returns an exit code on failure.
 *
 * The signal handlers (and the launcher watch, see launcher-watch.ts) are installed before anything starts, so a signal during start-up (while
 * the first deploy runs, say) stops whatever has started and exits normally, as it does later.
 */
export async function startCommand(options: StartOptions): Promise<number | undefined> {
  const started = new Started();
  let signalled = false;
  const shutdown = (why?: string) => {
    if (signalled) return;
    signalled = true;
    const out = consoleOut();
    out.write(why ? `Stopping: ${why}…\n` : 'Stopping…\n');
    // What the console still holds is written first (a pipe's reader gets a second at most).
    const exit = (code: number) => void out.finish(1000).then(() => process.exit(code));
    const force = setTimeout(() => exit(0), 3000);
    force.unref();
    started.stop().then(
      () => exit(0),
      () => exit(1),
    );
  };
  const onSignal = () => shutdown();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // `pnpm start` does not pass SIGTERM on to us: stop when it is gone.
  const unwatch = watchLauncher(() => {
    // Our stdout was a pipe to the launcher, which is gone: writes now fail with EPIPE.
    const ignore = () => undefined;
    process.stdout.on('error', ignore);
    process.stderr.on('error', ignore);
    shutdown('the package manager that started Mediate exited');
  });
  try {
    await runStart(options, started);
  } catch (e) {
    // Stopped by a signal: `shutdown` exits once everything is stopped.
    if (signalled) return undefined;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    unwatch();
    const message = e instanceof ProjectLoadError ? `project: ${e.message}` : (e as Error).message;
    process.stderr.write(`mediate start: ${message}\n`);
    return 1;
  }
  return undefined;
}
