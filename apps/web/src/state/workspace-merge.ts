/**
 * Combining what the server has with what the browser kept: local edits win where they started
 * from the server's current revision; where the server moved on meanwhile, the local text is
 * kept and the file is marked as a conflict for the user to resolve.
 */
import type { ProjectFile } from '@mediate/engine';
import type { StoredWorkspace } from './persistence.js';
import type { Conflict, SavedFile } from './studio-types.js';

export interface MergedWorkspace {
  readonly files: ProjectFile[];
  readonly configText: string;
  readonly conflicts: Conflict[];
  /** Broken source to restore, by key. */
  readonly drafts: Readonly<Record<string, string>>;
}

/** Merges the server's files with the stored workspace (if any). */
export function mergeStored(
  server: Readonly<Record<string, SavedFile>>,
  serverConfig: SavedFile | undefined,
  stored: StoredWorkspace | undefined,
): MergedWorkspace {
  const fromServer = (): ProjectFile[] => Object.entries(server).map(([path, f]) => ({ path, text: f.xml }));
  if (!stored) return { files: fromServer(), configText: serverConfig?.xml ?? '', conflicts: [], drafts: {} };
  const files: ProjectFile[] = [];
  const conflicts: Conflict[] = [];
  const local = new Map(stored.files.map((f) => [f.path, f.text]));
  for (const [path, text] of local) {
    const base = stored.base[path];
    const now = server[path];
    const edited = !base || base.xml !== text;
    if (!edited && now) files.push({ path, text: now.xml });
    else if (!edited && !now)
      continue; // deleted on the server, untouched here
    else {
      files.push({ path, text });
      const moved = base ? now?.rev !== base.rev : now !== undefined;
      if (moved)
        conflicts.push({
          file: path,
          message: now
            ? 'Changed on the server since you started editing it.'
            : 'Deleted on the server since you started editing it.',
        });
    }
  }
  for (const [path, f] of Object.entries(server)) {
    if (local.has(path)) continue;
    const base = stored.base[path];
    // Deleted here: stays deleted unless the server changed it meanwhile.
    if (base && base.rev === f.rev) continue;
    files.push({ path, text: f.xml });
  }
  const configEdited = stored.baseConfig
    ? stored.baseConfig.xml !== stored.configText
    : stored.configText !== '';
  const configText = configEdited ? stored.configText : (serverConfig?.xml ?? '');
  return { files, configText, conflicts, drafts: stored.drafts };
}
