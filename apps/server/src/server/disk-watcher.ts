/**
 * Notices edits made to the project's files by another editor (a `git pull`, VS Code) while the
 * server runs, as MI's hot deployment notices changes in its deployment folders (MI polls every
 * 15 s, `CarbonAxisConfigurator.startSearch`; Mediate watches the folder and checks after a
 * short quiet time). Each change to
 * `artifacts/**` or `deployment.toml` is told to the studio as a `disk.changed` event (it offers
 * a reload); when `deployment.toml` has `[server] hot_deployment = true` (MI's key), the project
 * is also deployed, and a refused deploy leaves the running deployment as it is and says why.
 *
 * Mediate's own writes are not changes: the project store calls `afterWrite` in its write queue
 * after each write, and the watcher takes the files as they are then as known. A check runs in
 * the same queue, so it never sees a write half done.
 */
import { watch, type FSWatcher } from 'node:fs';
import { formatDiagnostic } from '@mediate/engine';
import { CONFIG_FILE, loadProject } from '../project-store/load-project.js';
import { revisionOf } from '../project-store/revision.js';
import type { RuntimeHost } from './runtime-host.js';

/** Quiet time after the last file event before the project is compared (an editor writes in bursts). */
export const DISK_DEBOUNCE_MS = 300;
/** How often the files are compared when the platform cannot watch a folder tree. */
export const DISK_POLL_MS = 2000;

/**
 * Whether `deployment.toml` turns hot deployment on: `[server] hot_deployment = true`, the key MI
 * reads (`server.hot_deployment`, axis2's `hotdeployment` parameter), also written dotted at the
 * top level. Off when absent (MI's config tool defaults it to true; Mediate deploys outside edits
 * only when asked, since the studio is where deploys usually start). A line reader, not a TOML
 * parser: only this one boolean is needed, and a file that is not valid TOML fails the deploy.
 */
export function hotDeploymentEnabled(toml: string): boolean {
  let table = '';
  for (const raw of toml.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      table = header[1] ?? '';
      continue;
    }
    const m = /^([\w.]+)\s*=\s*(\S+)$/.exec(line);
    if (!m) continue;
    const key = table ? `${table}.${m[1]}` : m[1];
    // MI: `"true".equalsIgnoreCase(value)` (CarbonAxisConfigurator.updateHotDeploymentParameter),
    // so a quoted "true" counts too.
    if (key === 'server.hot_deployment') return /^(["']?)true\1$/i.test(m[2] ?? '');
  }
  return false;
}

/** Project-relative path → revision of every file the watcher cares about. */
async function revisions(root: string): Promise<Map<string, string>> {
  const loaded = await loadProject(root);
  const out = new Map(loaded.files.map((f) => [f.path, revisionOf(f.text)]));
  if (loaded.hasConfig) out.set(CONFIG_FILE, revisionOf(loaded.configText));
  return out;
}

/** The paths added, changed or removed between two states, sorted. */
function changedPaths(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  for (const [p, rev] of after) if (before.get(p) !== rev) out.add(p);
  for (const p of before.keys()) if (!after.has(p)) out.add(p);
  return [...out].sort();
}

/** A path from `fs.watch` (relative to the project) that may be a project file. */
function relevant(name: string | null): boolean {
  if (name === null) return true;
  const rel = name.replace(/\\/g, '/');
  return rel === CONFIG_FILE || rel === 'artifacts' || rel.startsWith('artifacts/');
}

/** Internal settings (tests shorten them; the product uses the defaults). */
export interface DiskWatcherOptions {
  readonly debounceMs?: number;
  /** Compare by polling at this interval instead of watching (also the fallback). */
  readonly pollMs?: number;
  readonly poll?: boolean;
}

export class DiskWatcher {
  private known = new Map<string, string>();
  private watcher: FSWatcher | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly host: RuntimeHost,
    private readonly options: DiskWatcherOptions = {},
  ) {}

  /** Takes the files as they are now as known, then watches for changes. */
  async start(): Promise<void> {
    const store = this.host.store;
    this.known = await revisions(store.root);
    // Stopped while reading (a signal during start-up): watch nothing.
    if (this.closed) return;
    store.afterWrite = async () => {
      this.known = await revisions(store.root);
    };
    if (this.options.poll) return this.startPolling();
    try {
      // Recursive watching of a folder tree works on Linux from Node 20 (on macOS and Windows too).
      this.watcher = watch(store.root, { recursive: true, persistent: false }, (_event, name) => {
        if (relevant(name)) this.schedule();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
        this.startPolling();
      });
    } catch {
      this.startPolling();
    }
  }

  private startPolling(): void {
    if (this.closed || this.pollTimer) return;
    this.pollTimer = setInterval(() => this.schedule(0), this.options.pollMs ?? DISK_POLL_MS);
    this.pollTimer.unref();
  }

  private schedule(ms = this.options.debounceMs ?? DISK_DEBOUNCE_MS): void {
    if (this.closed) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.checking = this.checking.then(() => this.check()).catch(() => undefined);
    }, ms);
    this.debounce.unref();
  }

  /** Compares the files with the known ones (in the store's write queue); reports a change. */
  private async check(): Promise<void> {
    if (this.closed) return;
    const store = this.host.store;
    const changed = await store.exclusive(async () => {
      // A file caught half written by another editor fails to read: the next event rechecks.
      const now = await revisions(store.root).catch(() => undefined);
      if (!now) return [];
      const paths = changedPaths(this.known, now);
      this.known = now;
      return paths;
    });
    if (!changed.length || this.closed) return;
    this.host.runtime.events.bus.emit({
      kind: 'disk.changed',
      level: 'WARN',
      category: 'ProjectWatcher',
      text: `Changed on disk: ${changed.join(', ')}`,
      properties: { files: changed.join(',') },
    });
    const config = await store.getConfig();
    if (hotDeploymentEnabled(config.toml)) await this.hotDeploy();
  }

  /** Deploys the project as it is on disk; a refused deploy leaves the running one. */
  private async hotDeploy(): Promise<void> {
    const events = this.host.runtime.events.bus;
    try {
      const r = await this.host.deploy();
      if (r.ok)
        events.emit({
          kind: 'deployed',
          level: 'INFO',
          category: 'ProjectWatcher',
          text: `Hot deployment: deployed the files changed on disk as deployment ${r.deploymentId ?? ''}`,
        });
      else
        events.emit({
          kind: 'deploy.failed',
          level: 'ERROR',
          category: 'ProjectWatcher',
          text: `Hot deployment refused; deployment ${this.host.currentId ?? '(none)'} keeps running: ${r.diagnostics
            .filter((d) => d.severity === 'error')
            .map(formatDiagnostic)
            .join('; ')}`,
        });
    } catch (e) {
      events.emit({
        kind: 'deploy.failed',
        level: 'ERROR',
        category: 'ProjectWatcher',
        text: `Hot deployment failed; the running deployment keeps running: ${(e as Error).message}`,
      });
    }
  }

  /** Stops watching. */
  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    clearInterval(this.pollTimer);
    clearTimeout(this.debounce);
    if (this.host.store.afterWrite) this.host.store.afterWrite = undefined;
    await this.checking;
  }
}
