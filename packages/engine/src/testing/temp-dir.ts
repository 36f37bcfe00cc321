/**
 * Temporary folders and their removal, for every suite: the server's tests register each
 * folder with a {@link Cleanup} run after the file; the journeys remove theirs with
 * {@link removeTemp} in their own teardown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Whatever removes a test's resources afterwards (a test file's {@link Cleanup}). */
export interface CleanupRegistry {
  add(fn: () => unknown): void;
}

/** Cleanup actions, run last-in first-out; a test file runs it in `afterEach`/`afterAll`. */
export class Cleanup implements CleanupRegistry {
  private readonly actions: (() => unknown)[] = [];

  add(fn: () => unknown): void {
    this.actions.push(fn);
  }

  async run(): Promise<void> {
    while (this.actions.length) {
      const fn = this.actions.pop()!;
      try {
        await fn();
      } catch {
        // Keep cleaning up; a failed stop must not leave the rest behind.
      }
    }
  }
}

/**
 * A new empty folder in the system's temporary folder, named `<prefix>` and six random
 * characters. With `cleanup`, its removal is registered there; without, the caller removes it
 * ({@link removeTemp}).
 */
export function tempDir(prefix: string, cleanup?: CleanupRegistry): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanup?.add(() => removeTemp(dir));
  return dir;
}

/** Removes a folder made by {@link tempDir} and everything in it; nothing when `dir` is unset. */
export function removeTemp(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
