/**
 * The worker thread behind {@link ProjectChecker}: answers `{ id, check, args }` with
 * `{ id, result }`, `{ id, failure }` (an API refusal) or `{ id, error }` (a bug), running the
 * checks of project-checks.ts with a parse cache of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ParseCache } from '@mediate/engine';
import { CHECKS, type CheckName } from './project-checks.js';

interface Request {
  readonly id: number;
  readonly check: CheckName;
  readonly args: readonly unknown[];
}

const root = (workerData as { root: string }).root;
const cache = new ParseCache();
const port = parentPort;
if (!port) throw new Error('check-worker.ts runs as a worker thread (see project-checker.ts)');

port.on('message', (req: Request) => {
  const run = CHECKS[req.check] as (root: string, cache: ParseCache, ...args: unknown[]) => unknown;
  Promise.resolve()
    .then(() => run(root, cache, ...req.args))
    .then(
      (result) => {
        const failure = req.check === 'checkSave' ? result : undefined;
        port.postMessage(failure ? { id: req.id, failure } : { id: req.id, result });
      },
      (e: unknown) => {
        const err = e as Error & { name?: string };
        port.postMessage({ id: req.id, error: { name: err.name, message: err.message ?? String(e) } });
      },
    );
});
