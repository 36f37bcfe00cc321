/**
 * Runs the admin API's parsing and validation (project-checks.ts) in a worker thread, so a large
 * save or a big project never stalls the thread that mediates messages: a 1 MB file takes a few
 * hundred milliseconds to parse and validate, which on the main thread every connection would
 * wait for.
 *
 * One worker per project, started on first use; it does not keep the process alive, and a worker
 * that dies is replaced at the next call (the calls in flight fail with a 500).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ArtifactFolder, ArtifactSummary, Diagnostic } from '@mediate/engine';
import { ApiFailure } from '../api-failure.js';
import { ProjectLoadError } from './load-project.js';
import type { CheckFailure, CheckName, RenamePlanResult } from './project-checks.js';

/** A rename the worker planned: the files to write and remove. */
export type RenamePlan = Exclude<RenamePlanResult, { refused: unknown }>;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The worker: the built `check-worker.js` beside this file, or, when this file is the TypeScript
 * source (tests, `pnpm dev`), `check-worker.ts` through tsx's loader with the engine's source
 * condition, as the main thread runs.
 */
function startWorker(root: string): Worker {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js'))
    return new Worker(new URL('./check-worker.js', import.meta.url), { workerData: { root } });
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./check-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: { root }, execArgv: ['--conditions=@mediate/source'] });
}

export class ProjectChecker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(readonly root: string) {}

  /** Every artifact file with its revision and diagnostics. */
  list(): Promise<ArtifactSummary[]> {
    return this.call('list') as Promise<ArtifactSummary[]>;
  }

  /** Throws the API's refusal when `xml` may not be saved as `type/name`. */
  async checkSave(type: ArtifactFolder, name: string, xml: string): Promise<void> {
    await this.call('checkSave', type, name, xml);
  }

  /** The diagnostics of one artifact of the project on disk. */
  diagnosticsOf(name: string): Promise<Diagnostic[]> {
    return this.call('diagnosticsOf', name) as Promise<Diagnostic[]>;
  }

  /** What renaming `type/from` to `to` writes, planned on the project on disk (throws a refusal). */
  async planRename(type: ArtifactFolder, from: string, to: string): Promise<RenamePlan> {
    const r = (await this.call('planRename', type, from, to)) as RenamePlanResult;
    if ('refused' in r) throw new ApiFailure(r.refused.status, r.refused.code, r.refused.message);
    return r;
  }

  /** The diagnostics of `xml` checked against the project on disk. */
  validate(xml: string): Promise<Diagnostic[]> {
    return this.call('validate', xml) as Promise<Diagnostic[]>;
  }

  /**
   * Starts the worker now, so the first API call does not wait for it (it loads the engine).
   * It starts on its own thread: this does not delay the caller.
   */
  warmUp(): void {
    if (!this.closed) this.worker ??= this.spawn();
  }

  /** Stops the worker; later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private call(check: CheckName, ...args: unknown[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new ApiFailure(503, 'STOPPING', 'The server is stopping.'));
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, check, args });
    });
  }

  private spawn(): Worker {
    const worker = startWorker(this.root);
    worker.unref();
    worker.on(
      'message',
      (m: {
        id: number;
        result?: unknown;
        failure?: CheckFailure;
        error?: { name: string; message: string };
      }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.failure)
          p.reject(new ApiFailure(m.failure.status, m.failure.code, m.failure.message, m.failure.details));
        else if (m.error)
          p.reject(
            m.error.name === 'ProjectLoadError'
              ? new ProjectLoadError(m.error.message)
              : new Error(m.error.message),
          );
        else p.resolve(m.result);
      },
    );
    const lost = (why: string) => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values())
        p.reject(new ApiFailure(500, 'CHECKER_FAILED', `Project checks failed: ${why}`));
      this.pending.clear();
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => {
      if (!this.closed) lost(`the worker exited with code ${code}`);
    });
    return worker;
  }
}
