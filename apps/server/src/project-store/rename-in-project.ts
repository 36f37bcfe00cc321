/**
 * An artifact rename in the open project (`POST /api/artifacts/:type/:name/rename`): in the
 * store's write queue, the revision is checked, the worker plans the files (the engine's
 * `planArtifactRename`), and every file is written as one transaction (file-transaction.ts): the
 * references first, then the renamed file, and the old file is removed last.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  encodeXmlText,
  type ArtifactFolder,
  type RenameArtifactResponse,
  type RenamedFileDto,
} from '@mediate/engine';
import { ApiFailure } from '../api-failure.js';
import { TransactionRestoreError, writeTogether, type FileChange } from './file-transaction.js';
import { CONFIG_FILE } from './load-project.js';
import type { ProjectStore } from './project-store.js';
import { revisionOf } from './revision.js';

/** Renames `type/from` to `to` if `rev` is still its revision; returns every file it wrote. */
export function renameInProject(
  store: ProjectStore,
  type: ArtifactFolder,
  from: string,
  to: string,
  rev: string,
): Promise<RenameArtifactResponse> {
  return store.exclusive(async () => {
    const current = await readFile(store.fileOf(type, from), 'utf8').catch(() => undefined);
    if (current === undefined)
      throw new ApiFailure(404, 'NOT_FOUND', `There is no ${type} artifact named '${from}'.`);
    if (revisionOf(current) !== rev)
      throw new ApiFailure(
        409,
        'STALE_REVISION',
        `'${from}' was changed since revision ${rev}; reload it, then rename.`,
        { currentRev: revisionOf(current) },
      );
    const plan = await store.checker.planRename(type, from, to);
    // Something the project does not read (a folder, a file that is not XML) where the new file goes.
    const target = plan.files.at(-1)?.path ?? '';
    if (
      await stat(path.join(store.root, target)).then(
        () => true,
        () => false,
      )
    )
      throw new ApiFailure(409, 'NAME_TAKEN', `${target} already exists; move it away, then rename.`);
    const changes: FileChange[] = [
      ...plan.files.map((f) => ({ file: f.path, data: encodeXmlText(f.text) })),
      ...(plan.configText !== undefined ? [{ file: CONFIG_FILE, data: plan.configText }] : []),
      { file: plan.removed },
    ];
    try {
      await writeTogether(store.root, changes, store.writer);
    } catch (e) {
      const message = (e as Error).message;
      throw new ApiFailure(
        500,
        'RENAME_FAILED',
        e instanceof TransactionRestoreError
          ? `Renaming '${from}' failed half way: ${message}`
          : `Renaming '${from}' failed, and every file is as it was: ${message}`,
      );
    }
    const files: RenamedFileDto[] = plan.files.map((f) => ({
      path: f.path,
      xml: f.text,
      rev: revisionOf(f.text),
    }));
    return {
      type,
      name: to,
      files,
      removed: plan.removed,
      ...(plan.configText !== undefined
        ? { config: { toml: plan.configText, rev: revisionOf(plan.configText) } }
        : {}),
      references: plan.references,
    };
  });
}
