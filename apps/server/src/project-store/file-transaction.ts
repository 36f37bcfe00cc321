/**
 * Several file changes as one: either all of them are made, or the project is left exactly as it
 * was. Each file is written atomically (atomic-write.ts); before the first, the original bytes
 * of every file to touch are read, and written to a journal (`.mediate/transaction.json`).
 *
 * - A write that fails half way: the files already changed get their original bytes back (files
 *   that did not exist are removed), then the journal goes, and the error is reported.
 * - A process killed half way: the journal is still there, and `recoverTransaction` (called at
 *   start) puts the originals back, so a crash cannot leave a rename half done either.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { removeFileDurable, writeFileAtomic } from './atomic-write.js';

/** The journal's name in `.mediate/`. */
const JOURNAL = 'transaction.json';

/** How the transaction writes and removes files; tests pass one that fails on purpose. */
export interface FileWriter {
  write(file: string, data: string | Uint8Array): Promise<void>;
  remove(file: string): Promise<void>;
}

/** The real one: atomic writes, durable removals. */
export const DISK_WRITER: FileWriter = {
  write: (file, data) => writeFileAtomic(file, data),
  remove: (file) => removeFileDurable(file),
};

/** One change: write `data` to `file` (project-relative, `/`), or remove it (`data` undefined). */
export interface FileChange {
  readonly file: string;
  readonly data?: string | Uint8Array;
}

/** A change that could not be undone: the project is not as it was, and says where. */
export class TransactionRestoreError extends Error {
  constructor(
    readonly failure: unknown,
    readonly unrestored: readonly string[],
  ) {
    super(
      `${(failure as Error)?.message ?? String(failure)}; restoring the files changed before that failed too, so ${unrestored.join(', ')} may not be as they were (the originals are in .mediate/${JOURNAL}, put back at the next start).`,
    );
    this.name = 'TransactionRestoreError';
  }
}

interface Journal {
  /** Project-relative path → original bytes (base64), or null when the file did not exist. */
  readonly originals: Record<string, string | null>;
}

function journalPath(root: string): string {
  return path.join(root, '.mediate', JOURNAL);
}

/** Puts back the originals; returns the files it could not. */
async function restore(root: string, originals: Journal['originals'], writer: FileWriter): Promise<string[]> {
  const failed: string[] = [];
  for (const [rel, b64] of Object.entries(originals)) {
    const file = path.join(root, rel);
    try {
      if (b64 === null) await writer.remove(file);
      else await writer.write(file, Buffer.from(b64, 'base64'));
    } catch {
      failed.push(rel);
    }
  }
  return failed;
}

/**
 * Makes every change in order, or none: on a failure the files are restored and the failure is
 * rethrown (a TransactionRestoreError when restoring failed too).
 */
export async function writeTogether(
  root: string,
  changes: readonly FileChange[],
  writer: FileWriter = DISK_WRITER,
): Promise<void> {
  const originals: Record<string, string | null> = {};
  for (const { file } of changes) {
    const bytes = await readFile(path.join(root, file)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    originals[file] = bytes === null ? null : bytes.toString('base64');
  }
  await writeFileAtomic(journalPath(root), JSON.stringify({ originals } satisfies Journal));
  const touched: Record<string, string | null> = {};
  try {
    for (const change of changes) {
      // Restored if this one fails too: an atomic write leaves the old file, but say so anyway.
      touched[change.file] = originals[change.file] ?? null;
      const file = path.join(root, change.file);
      if (change.data === undefined) await writer.remove(file);
      else await writer.write(file, change.data);
    }
  } catch (e) {
    const unrestored = await restore(root, touched, writer);
    if (unrestored.length) throw new TransactionRestoreError(e, unrestored);
    await removeFileDurable(journalPath(root));
    throw e;
  }
  await removeFileDurable(journalPath(root));
}

/**
 * Puts back the files of a transaction a killed process left half done; returns them (none when
 * there was no journal). Call at start, before anything reads the project.
 */
export async function recoverTransaction(root: string): Promise<string[]> {
  let journal: Journal;
  try {
    journal = JSON.parse(await readFile(journalPath(root), 'utf8')) as Journal;
  } catch (e) {
    // No journal: nothing was interrupted. One cut short is never used (it is written atomically).
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`.mediate/${JOURNAL} cannot be read: ${(e as Error).message}`);
  }
  const files = Object.keys(journal.originals);
  const failed = await restore(root, journal.originals, DISK_WRITER);
  if (failed.length)
    throw new Error(`could not restore ${failed.join(', ')} from .mediate/${JOURNAL}; the journal is kept`);
  await removeFileDurable(journalPath(root));
  return files;
}
