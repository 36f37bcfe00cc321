/**
 * Stops `mediate start` when the package manager that launched it goes away.
 *
 * `pnpm start` runs `sh -c "node …/cli.js start"`; a SIGTERM sent to pnpm (by `kill`, a service
 * manager that signals only its main process, a terminal multiplexer) ends pnpm and the shell but
 * is not passed on, so the server lived on, reparented, with its ports held. Node has no
 * `PR_SET_PDEATHSIG`, so we watch our parent: when it changes, we were orphaned.
 *
 * Only when a package manager launched us (`npm_lifecycle_event` is set by npm, pnpm and yarn for
 * every script): a plain `node cli.js start &` whose shell exits must keep running, as daemons do.
 */

/** How often the parent is checked; short enough that ports are free a moment after the stop. */
const INTERVAL_MS = 250;

/**
 * Calls `onOrphaned` once, when this process's parent changes, if a package-manager script
 * started it. Returns a function that stops watching. The timer never keeps the process alive.
 */
export function watchLauncher(onOrphaned: () => void, env: NodeJS.ProcessEnv = process.env): () => void {
  if (!env.npm_lifecycle_event) return () => undefined;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
