/**
 * `mediate start`: the studio, the admin API and the runtime, with a project deployed.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '@mediate/engine';
import { DeploymentHistory } from '../project-store/deployment-history.js';
import { ProjectLoadError, loadProject } from '../project-store/load-project.js';
import { ProjectStore } from '../project-store/project-store.js';
import { createAppServer } from '../server/app.js';
import { loadOrCreateToken } from '../server/auth.js';
import { printEvents } from '../server/console-events.js';
import { runBackend } from './backend.js';
import { RuntimeHost } from '../server/runtime-host.js';

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
    await cp(EXAMPLE_PROJECT, dir, { recursive: true });
    write(`Copied the example project to ${dir}\n`);
  }
  return dir;
}

/** Starts everything; resolves once listening, with a function that stops it all. */
export async function runStart(options: StartOptions): Promise<{ url: string; stop: () => Promise<void> }> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const projectDir = options.project ? path.resolve(options.project) : await exampleWorkingCopy(write);
  await loadProject(projectDir); // fails early and clearly on a missing folder
  const store = new ProjectStore(projectDir);
  const history = new DeploymentHistory(projectDir);
  // Leftovers of a killed server: temporary files and half-written snapshots.
  const swept = (await store.sweep()) + (await history.sweep());
  if (swept) write(`Removed ${swept} temporary file(s) left by a server that did not stop cleanly\n`);
  const host = new RuntimeHost(store, history, { host: options.host });
  const unprint = printEvents(host.runtime, write);
  const token = LOOPBACK.has(options.host) ? undefined : await loadOrCreateToken(mediateHome());
  const loginCode = token ? randomBytes(18).toString('base64url') : undefined;
  const { server, events } = createAppServer({
    host,
    version: options.version,
    token,
    loginCode,
    webDist: WEB_DIST,
  });
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
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${options.port}/`;
  write(`Mediate ${options.version}: project ${projectDir}\n`);
  write(`Studio: ${url}\n`);
  if (token)
    write(
      `Listening beyond loopback: API calls need the token (in ${path.join(mediateHome(), 'token')}). Log in once with ${url}login?code=${loginCode}\n`,
    );
  let stopBackend: (() => Promise<void>) | undefined;
  if (options.backend ?? !options.project) {
    const port = options.backendPort ?? 8082;
    try {
      // The example's back-end URL is ws://localhost:8082: loopback, whatever --host is.
      stopBackend = await runBackend({ port, host: '127.0.0.1', uppercase: false }, (line) =>
        write(`${line}\n`),
      );
    } catch (e) {
      write(`The sample back end did not start: ${(e as Error).message} (use --no-backend to skip it)\n`);
    }
  }
  if (options.deploy) {
    const result = await host.startup();
    if (result.ok)
      write(
        `Deployed ${result.deploymentId ?? ''} (${result.changes.added.length + result.changes.updated.length + result.changes.unchanged.length} artifacts)\n`,
      );
    else {
      write('The project did not deploy; fix it in the studio and deploy again:\n');
      for (const d of result.diagnostics.filter((x) => x.severity === 'error'))
        write(`  ${formatDiagnostic(d)}\n`);
    }
  }
  return {
    url,
    stop: async () => {
      events.close();
      unprint();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await host.stop();
      await stopBackend?.();
    },
  };
}

/** The CLI action: start, print, stop on SIGINT/SIGTERM. Returns an exit code on failure. */
export async function startCommand(options: StartOptions): Promise<number | undefined> {
  let running: Awaited<ReturnType<typeof runStart>>;
  try {
    running = await runStart(options);
  } catch (e) {
    const message = e instanceof ProjectLoadError ? `project: ${e.message}` : (e as Error).message;
    process.stderr.write(`mediate start: ${message}\n`);
    return 1;
  }
  const shutdown = () => {
    process.stdout.write('Stopping…\n');
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return undefined;
}
