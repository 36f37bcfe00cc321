/**
 * Ties the project store, the runtime and the deployment history together: deploy the working
 * project, roll back to a snapshot, and come back after a restart with the last deployment.
 */
import { buildProject, hasErrors, type DeployResponse, type Diagnostic } from '@mediate/engine';
import { createRuntime, type Runtime, type RuntimeOptions } from '@mediate/engine/runtime';
import type { DeploymentHistory } from '../project-store/deployment-history.js';
import type { ProjectStore } from '../project-store/project-store.js';
import { ApiFailure } from './api-failure.js';

const NO_CHANGES = { added: [], updated: [], removed: [], unchanged: [] };

export class RuntimeHost {
  readonly runtime: Runtime;
  currentId: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: ProjectStore,
    readonly history: DeploymentHistory,
    options: RuntimeOptions = {},
  ) {
    this.runtime = createRuntime({ baseDir: store.root, ...options });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async deployTexts(
    configText: string,
    files: ReadonlyMap<string, string>,
    existingId?: string,
  ): Promise<DeployResponse> {
    const { project, diagnostics } = buildProject(
      configText,
      [...files].map(([path, text]) => ({ path, text })),
    );
    if (hasErrors(diagnostics)) return { ok: false, changes: NO_CHANGES, diagnostics };
    const result = await this.runtime.deploy(project);
    const all: Diagnostic[] = [...diagnostics, ...result.diagnostics];
    // The runtime reports what the deploy *would* have changed; nothing did (the old deployment
    // keeps running), and `changes` on a refused deploy must say so, as it does above when the
    // project does not even build.
    if (!result.ok) return { ok: false, changes: NO_CHANGES, diagnostics: all };
    // A restart redeploys a recorded snapshot: it is not a new deployment.
    const deploymentId = existingId ?? (await this.history.record(configText, files, result.changes));
    this.currentId = deploymentId;
    return { ok: true, deploymentId, changes: result.changes, diagnostics: all };
  }

  /** Deploys the project as it is on disk now. */
  deploy(): Promise<DeployResponse> {
    return this.serial(async () => {
      const { files, configText } = await this.store.load();
      return this.deployTexts(configText, files);
    });
  }

  /** Deploys an earlier snapshot and restores the project files to it. */
  rollback(id: string): Promise<DeployResponse> {
    return this.serial(async () => {
      if (!(await this.history.has(id)))
        throw new ApiFailure(404, 'NOT_FOUND', `There is no deployment '${id}'.`);
      const snap = await this.history.load(id);
      const result = await this.deployTexts(snap.configText, snap.files);
      if (result.ok) await this.store.restore(snap.configText, snap.files);
      return result;
    });
  }

  /** At start: the last successful deployment, or the project itself the first time. */
  startup(): Promise<DeployResponse> {
    return this.serial(async () => {
      const latest = await this.history.latest();
      if (latest) {
        const snap = await this.history.load(latest);
        return this.deployTexts(snap.configText, snap.files, latest);
      }
      const { files, configText } = await this.store.load();
      return this.deployTexts(configText, files);
    });
  }

  async stop(): Promise<void> {
    await this.queue;
    await this.runtime.stop();
  }
}
