/**
 * Atomic file writes: write a temporary file beside the target, fsync it, rename it over the
 * target, fsync the folder. A crash leaves either the old file or the new one, never half.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Makes a folder's entries (creations, renames, removals) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The temporary files `writeFileAtomic` makes: `.<name>.<12 hex>.tmp`. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Removes the temporary files a killed process left in `dir` (their targets are intact: the
 * rename never happened). The loader never reads them (they do not end in `.xml`), but they
 * would pile up; called at start, before anything writes. Returns how many were removed.
 */
export async function removeTempFiles(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => TEMP_FILE.test(n));
  for (const n of stale) await rm(path.join(dir, n), { force: true });
  return stale.length;
}

/** Writes `data` to `file` atomically (creating its folder). */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = tempName(file);
  const handle = await open(tmp, 'w', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    // A full disk or a failed rename: the target is as it was, and no temporary file stays.
    await rm(tmp, { force: true });
    throw e;
  }
  await fsyncDir(dir);
}

/** Removes a file and makes the removal durable. Missing files are fine. */
export async function removeFileDurable(file: string): Promise<void> {
  await rm(file, { force: true });
  await fsyncDir(path.dirname(file)).catch(() => undefined);
}
