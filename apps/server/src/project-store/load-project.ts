/**
 * Reads a project folder from disk: `deployment.toml` (optional) and
 * `artifacts/<folder>/*.xml` for each artifact folder of MI's project layout. Everything else in
 * the folder (`.mediate/`, READMEs, other folders) is ignored. Paths are project-relative with `/`.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACT_FOLDERS, decodeXmlFile, type ProjectFile } from '@mediate/engine';

export const CONFIG_FILE = 'deployment.toml';

/** A project folder as read from disk, ready for `buildProject`. */
export interface LoadedProject {
  /** Absolute path of the project folder. */
  readonly root: string;
  /** `deployment.toml`'s text, or '' when the file is absent. */
  readonly configText: string;
  readonly hasConfig: boolean;
  /** The artifact files, sorted by path. */
  readonly files: readonly ProjectFile[];
}

/** The folder cannot be read as a project at all (missing, not a folder, unreadable). */
export class ProjectLoadError extends Error {
  override readonly name = 'ProjectLoadError';
}

/** Loads the project in `dir`. Throws `ProjectLoadError` when `dir` is not a readable folder. */
export async function loadProject(dir: string): Promise<LoadedProject> {
  const root = path.resolve(dir);
  const info = await stat(root).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new ProjectLoadError(`no such directory: ${dir}`);
    throw new ProjectLoadError(`cannot read ${dir}: ${e.message}`);
  });
  if (!info.isDirectory()) throw new ProjectLoadError(`not a directory: ${dir}`);

  const configText = await readOptional(path.join(root, CONFIG_FILE));
  const files: ProjectFile[] = [];
  for (const folder of Object.values(ARTIFACT_FOLDERS)) {
    const rel = `artifacts/${folder}`;
    for (const name of await xmlFilesIn(path.join(root, rel))) {
      const bytes = await readFile(path.join(root, rel, name)).catch((e: Error) => {
        throw new ProjectLoadError(`cannot read ${rel}/${name}: ${e.message}`);
      });
      // Bytes that are not UTF-8 are reported where they are, never silently replaced.
      const { text, problem } = decodeXmlFile(bytes);
      files.push({ path: `${rel}/${name}`, text, ...(problem ? { problem } : {}) });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root, configText: configText ?? '', hasConfig: configText !== undefined, files };
}

/** A file's UTF-8 text, or undefined when it does not exist. */
async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ProjectLoadError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Names of the regular `*.xml` files directly in `dir`; none when `dir` does not exist. */
async function xmlFilesIn(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith('.xml'))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new ProjectLoadError(`cannot read ${dir}: ${(e as Error).message}`);
  }
}
