/**
 * Ties the project store, the runtime and the deployment history together: deploy the working
 * project, roll back to a snapshot, and at a restart deploy the project's files as they are on
 * disk (falling back to the last good deployment, loudly, when they do not deploy).
 */
import {
  buildProject,
  hasErrors,
  type DeployResponse,
  type Diagnostic,
  type LeftOutArtifact,
} from '@mediate/engine';
import { randomUUID } from 'node:crypto';
import { createRuntime, type Runtime, type RuntimeOptions } from '@mediate/engine/runtime';
import { SnapshotUnreadable, type DeploymentHistory } from '../project-store/deployment-history.js';
import type { ProjectStore } from '../project-store/project-store.js';
import { ApiFailure } from '../api-failure.js';
import { blockedArtifacts, planExclusion } from './deploy-exclusion.js';

const NO_CHANGES = { added: [], updated: [], removed: [], unchanged: [] };

/** The texts of the deployment running now. */
interface Running {
  readonly id: string;
  readonly configText: string;
  readonly files: ReadonlyMap<string, string>;
  /** The left-out artifacts' keys, sorted and joined. */
  readonly excluded: string;
}

/** How a deploy is asked for. */
interface DeployRun {
  /** A restart redeploying a recorded snapshot: it is that deployment again. */
  readonly existingId?: string;
  /** Artifacts to leave out (`type:name` or a file), with whatever references them. */
  readonly exclude?: readonly string[];
}

/** What `startup` deployed; `fallback` when the files on disk failed and an older deployment runs. */
export interface StartupResult extends DeployResponse {
  readonly fallback?: { readonly files: readonly string[]; readonly diagnostics: readonly Diagnostic[] };
}

const excludedKey = (excluded: readonly LeftOutArtifact[]) =>
  excluded
    .map((e) => e.artifact)
    .sort()
    .join('\n');

function sameTexts(
  a: Pick<Running, 'configText' | 'files'>,
  configText: string,
  files: ReadonlyMap<string, string>,
): boolean {
  if (a.configText !== configText || a.files.size !== files.size) return false;
  for (const [rel, text] of files) if (a.files.get(rel) !== text) return false;
  return true;
}

export class RuntimeHost {
  readonly runtime: Runtime;
  /**
   * This process's id (`HealthResponse.boot`): the runtime's event numbers start at 1 in every
   * process, so a client resuming the event stream needs to know whether it still talks to the
   * process whose numbers it holds.
   */
  readonly bootId = randomUUID();
  private running: Running | undefined;
  /**
   * Set when the files on disk did not deploy at start and the last good deployment runs
   * instead: says so, naming the failing files, until a deploy of the project succeeds.
   */
  startupWarning: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: ProjectStore,
    readonly history: DeploymentHistory,
    options: RuntimeOptions = {},
  ) {
    this.runtime = createRuntime({ baseDir: store.root, ...options });
  }

  /** The id of the deployment running now, if any. */
  get currentId(): string | undefined {
    return this.running?.id;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Deploys the texts. A successful deploy is recorded as a new deployment, except:
   * - `existingId` (a restart redeploying a recorded snapshot): it is that deployment again;
   * - a deploy that changed nothing (no artifact added, updated or removed) of exactly the texts
   *   of the running deployment: that deployment keeps running, and its id is returned.
   * So `deploymentId` in the response is always the deployment running after the call.
   *
   * With `exclude`, the deploy leaves those artifacts out, and any that reference them; the
   * response and the recorded deployment list them all. A refused deploy lists in `blocked` the
   * artifacts that leaving out would deploy without.
   */
  private async deployTexts(
    configText: string,
    files: ReadonlyMap<string, string>,
    run: DeployRun = {},
  ): Promise<DeployResponse> {
    // The store's parse cache: files unchanged since the last build are not parsed again.
    const cache = this.store.cache;
    const built = buildProject(
      configText,
      [...files].map(([path, text]) => ({ path, text })),
      { cache },
    );
    cache.sweep();
    const plan = run.exclude?.length
      ? planExclusion(built.project, built.diagnostics, run.exclude)
      : undefined;
    const project = plan?.project ?? built.project;
    const diagnostics = plan?.diagnostics ?? built.diagnostics;
    const excluded = plan?.excluded ?? [];
    const left = excluded.length ? { excluded } : {};
    const refused = (all: Diagnostic[]): DeployResponse => {
      const blocked = blockedArtifacts(built.project, built.diagnostics);
      return { ok: false, changes: NO_CHANGES, diagnostics: all, ...left, ...(blocked ? { blocked } : {}) };
    };
    if (hasErrors(diagnostics)) return refused(diagnostics);
    const result = await this.runtime.deploy(project);
    const all: Diagnostic[] = [...diagnostics, ...result.diagnostics];
    // The runtime reports what the deploy *would* have changed; nothing did (the old deployment
    // keeps running), and `changes` on a refused deploy must say so, as it does above when the
    // project does not even build.
    if (!result.ok) return refused(all);
    const c = result.changes;
    const nothingChanged =
      c.added.length === 0 &&
      c.updated.length === 0 &&
      c.removed.length === 0 &&
      this.running !== undefined &&
      this.running.excluded === excludedKey(excluded) &&
      sameTexts(this.running, configText, files);
    const deploymentId =
      run.existingId ??
      (nothingChanged && this.running
        ? this.running.id
        : await this.history.record(configText, files, result.changes, excluded));
    this.running = { id: deploymentId, configText, files: new Map(files), excluded: excludedKey(excluded) };
    if (!run.existingId) this.startupWarning = undefined;
    return { ok: true, deploymentId, changes: result.changes, diagnostics: all, ...left };
  }

  /**
   * Deploys the project as it is on disk now, leaving out `exclude` (see `deployTexts`).
   * `deploymentId` is the deployment running afterwards: a new one, or the current one when
   * nothing changed (no new snapshot is recorded then). Naming an artifact the project does not
   * have is a 422 `EXCLUDE_UNKNOWN`.
   */
  deploy(exclude: readonly string[] = []): Promise<DeployResponse> {
    return this.serial(async () => {
      const { files, configText, project, diagnostics } = await this.store.load();
      if (exclude.length) {
        const { unknown } = planExclusion(project, diagnostics, exclude);
        if (unknown.length)
          throw new ApiFailure(
            422,
            'EXCLUDE_UNKNOWN',
            `Cannot leave out ${unknown.join(', ')}: the project has no such artifact (use type:name, e.g. sequence:foo).`,
          );
      }
      return this.deployTexts(configText, files, { exclude });
    });
  }

  /** Deploys an earlier snapshot and restores the project files to it. */
  rollback(id: string): Promise<DeployResponse> {
    return this.serial(async () => {
      if (!(await this.history.has(id)))
        throw new ApiFailure(404, 'NOT_FOUND', `There is no deployment '${id}'.`);
      let snap;
      try {
        snap = await this.history.load(id);
      } catch (e) {
        if (e instanceof SnapshotUnreadable)
          throw new ApiFailure(500, 'SNAPSHOT_UNREADABLE', `Deployment '${id}' cannot be read: ${e.message}`);
        throw e;
      }
      const result = await this.deployTexts(snap.configText, snap.files, { exclude: snap.excluded });
      if (result.ok) await this.store.restore(snap.configText, snap.files);
      return result;
    });
  }

  /**
   * At start the project's files on disk are the truth (as MI deploys what is in its folders):
   * they are loaded, validated and deployed. When they are exactly the newest recorded deployment
   * (a plain restart), that deployment runs again under its id, with what it left out. When they
   * do not deploy, the newest recorded deployment runs instead and `fallback` names the files
   * that failed (also kept in `startupWarning` for `/api/health`); with no recorded deployment,
   * the refused result is returned. `onSkip` hears of snapshots that could not be read.
   */
  startup(onSkip?: (id: string, error: Error) => void): Promise<StartupResult> {
    return this.serial(async () => {
      const { files, configText } = await this.store.load();
      const snap = await this.history.latestReadable(onSkip);
      if (snap && sameTexts(snap, configText, files))
        return this.deployTexts(snap.configText, snap.files, { existingId: snap.id, exclude: snap.excluded });
      let fresh = await this.deployTexts(configText, files);
      // Artifacts the last deployment left out (still broken, say) are left out again.
      if (!fresh.ok && snap?.excluded.length) {
        const known = snap.excluded.filter((k) => fresh.blocked?.some((b) => b.artifact === k) ?? false);
        if (known.length) fresh = await this.deployTexts(configText, files, { exclude: known });
      }
      if (fresh.ok || !snap) return fresh;
      const failed = fresh.diagnostics.filter((d) => d.severity === 'error');
      const failing = [...new Set(failed.map((d) => d.artifact || 'the project'))].sort();
      const previous = await this.deployTexts(snap.configText, snap.files, {
        existingId: snap.id,
        exclude: snap.excluded,
      });
      if (!previous.ok) return fresh;
      this.startupWarning = `The project's files on disk did not deploy (${failing.join(', ')}); running the last good deployment ${snap.id} instead.`;
      return { ...previous, fallback: { files: failing, diagnostics: failed } };
    });
  }

  async stop(): Promise<void> {
    await this.queue;
    await this.runtime.stop();
    await this.store.checker.close();
  }
}
