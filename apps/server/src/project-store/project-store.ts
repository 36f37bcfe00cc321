/**
 * The project on disk: artifacts under `artifacts/<folder>/<name>.xml` and `deployment.toml`.
 * Every write is atomic; every artifact has a revision (content hash) for conflict detection;
 * writes run one at a time.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  ARTIFACT_FOLDERS,
  FOLDER_TYPES,
  ParseCache,
  artifactNameProblem,
  buildProject,
  parseProjectConfig,
  type ArtifactDocument,
  type ArtifactFolder,
  type ArtifactSummary,
  type ConfigDocument,
  type Diagnostic,
  type Project,
  type RenameArtifactResponse,
} from '@mediate/engine';
import { ApiFailure } from '../api-failure.js';
import { removeFileDurable, removeTempFiles, writeFileAtomic } from './atomic-write.js';
import { DISK_WRITER, recoverTransaction, type FileWriter } from './file-transaction.js';
import { CONFIG_FILE, loadProject } from './load-project.js';
import { ProjectChecker } from './project-checker.js';
import { renameInProject } from './rename-in-project.js';
import { revisionOf } from './revision.js';

export { revisionOf };

/** Checks a folder name from a URL. */
export function checkFolder(type: string): ArtifactFolder {
  if (!(type in FOLDER_TYPES)) {
    throw new ApiFailure(
      404,
      'UNKNOWN_TYPE',
      `Unknown artifact type '${type}'; use one of ${Object.keys(FOLDER_TYPES).join(', ')}.`,
    );
  }
  return type as ArtifactFolder;
}

/**
 * Checks an artifact name from a URL with the engine's rule, so no path can leave the project
 * folder and every name is a file name on every platform.
 */
export function checkName(name: string): string {
  const problem = artifactNameProblem(name);
  if (problem) throw new ApiFailure(400, 'BAD_NAME', `Not a valid artifact name: ${problem}`);
  return name;
}

/**
 * XML with a DOCTYPE or entity declarations is refused (entity expansion attacks). Every route
 * that reads XML from a request calls this: saves and `POST /api/validate`.
 */
export function refuseDoctype(xml: string): void {
  const at = xml.search(/<!DOCTYPE|<!ENTITY/i);
  if (at === -1) return;
  const line = xml.slice(0, at).split('\n').length;
  throw new ApiFailure(422, 'DOCTYPE_REFUSED', 'XML with a DOCTYPE or entity declarations is not accepted.', {
    diagnostics: [
      {
        severity: 'error',
        code: 'DOCTYPE_REFUSED',
        message: 'Remove the <!DOCTYPE …> declaration.',
        artifact: '',
        line,
        column: 1,
      },
    ],
  });
}

export class ProjectStore {
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Parsed files by path and text, shared by every build of this project (`load()`, saves, the
   * runtime host's deploys), so a file is parsed again only when its text changed. Each build
   * sweeps it right after (synchronously), so it holds one project's files.
   */
  readonly cache = new ParseCache();
  /** Parsing and validation for the API, in a worker thread (see project-checker.ts). */
  readonly checker: ProjectChecker;

  /**
   * `writer`: how multi-file changes (a rename) write; tests pass one that fails half way.
   */
  constructor(
    readonly root: string,
    readonly writer: FileWriter = DISK_WRITER,
  ) {
    this.checker = new ProjectChecker(root);
  }

  /**
   * Called in the write queue after each write (and each `exclusive` run), before the next one
   * starts: the disk watcher takes what Mediate itself wrote as known, so only other editors'
   * changes count as "changed on disk".
   */
  afterWrite: (() => Promise<void>) | undefined;

  /** Runs writes one after another. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      try {
        return await fn();
      } finally {
        await this.afterWrite?.().catch(() => undefined);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Runs `fn` in the write queue: no save or delete runs meanwhile (an import's check and writes). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.serial(fn);
  }

  /**
   * Puts back the files of a rename a killed server left half done (see file-transaction.ts);
   * returns them. Call at start, before anything reads the project.
   */
  recover(): Promise<string[]> {
    return recoverTransaction(this.root);
  }

  /**
   * Renames an artifact and every reference to it, all files or none (rename-in-project.ts);
   * `rev` is the artifact's revision the rename starts from.
   */
  rename(type: ArtifactFolder, from: string, to: string, rev: string): Promise<RenameArtifactResponse> {
    checkName(from);
    return renameInProject(this, type, from, to, rev);
  }

  /** Removes temporary files a killed server left behind (see `removeTempFiles`). Call at start. */
  async sweep(): Promise<number> {
    let n = await removeTempFiles(this.root);
    for (const folder of Object.values(ARTIFACT_FOLDERS))
      n += await removeTempFiles(path.join(this.root, 'artifacts', folder));
    return n;
  }

  fileOf(type: ArtifactFolder, name: string): string {
    return path.join(this.root, 'artifacts', type, `${name}.xml`);
  }

  /** The current project as the engine sees it, with parse problems. */
  async load(): Promise<{
    project: Project;
    diagnostics: Diagnostic[];
    files: Map<string, string>;
    configText: string;
  }> {
    const loaded = await loadProject(this.root);
    const { project, diagnostics } = buildProject(loaded.configText, loaded.files, { cache: this.cache });
    this.cache.sweep();
    return {
      project,
      diagnostics,
      files: new Map(loaded.files.map((f) => [f.path, f.text])),
      configText: loaded.configText,
    };
  }

  /** Every artifact file with its revision and diagnostics (checked off the main thread). */
  list(): Promise<ArtifactSummary[]> {
    return this.checker.list();
  }

  async get(type: ArtifactFolder, name: string): Promise<ArtifactDocument> {
    checkName(name);
    let xml: string;
    try {
      xml = await readFile(this.fileOf(type, name), 'utf8');
    } catch {
      throw new ApiFailure(404, 'NOT_FOUND', `There is no ${type} artifact named '${name}'.`);
    }
    return { type, name, xml, rev: revisionOf(xml) };
  }

  /** Saves an artifact: parses it, checks name and revision, writes atomically. */
  put(
    type: ArtifactFolder,
    name: string,
    xml: string,
    rev?: string,
  ): Promise<{ rev: string; diagnostics: Diagnostic[]; created: boolean }> {
    checkName(name);
    refuseDoctype(xml);
    // Parsed and checked in the worker: a large file does not hold up mediation meanwhile.
    return this.checker.checkSave(type, name, xml).then(() => this.write(type, name, xml, rev));
  }

  private write(
    type: ArtifactFolder,
    name: string,
    xml: string,
    rev: string | undefined,
  ): Promise<{ rev: string; diagnostics: Diagnostic[]; created: boolean }> {
    return this.serial(async () => {
      const file = this.fileOf(type, name);
      const current = await readFile(file, 'utf8').catch(() => undefined);
      if (rev !== undefined && current !== undefined && revisionOf(current) !== rev) {
        throw new ApiFailure(
          409,
          'STALE_REVISION',
          `'${name}' was changed since revision ${rev}; reload it or overwrite.`,
          { currentRev: revisionOf(current) },
        );
      }
      if (rev !== undefined && current === undefined && rev !== '') {
        throw new ApiFailure(409, 'STALE_REVISION', `'${name}' was deleted since revision ${rev}.`);
      }
      await writeFileAtomic(file, xml);
      const diagnostics = await this.checker.diagnosticsOf(name);
      return { rev: revisionOf(xml), diagnostics, created: current === undefined };
    });
  }

  delete(type: ArtifactFolder, name: string): Promise<void> {
    checkName(name);
    return this.serial(async () => {
      const file = this.fileOf(type, name);
      const exists = await readFile(file).then(
        () => true,
        () => false,
      );
      if (!exists) throw new ApiFailure(404, 'NOT_FOUND', `There is no ${type} artifact named '${name}'.`);
      await removeFileDurable(file);
    });
  }

  async getConfig(): Promise<ConfigDocument> {
    const toml = await readFile(path.join(this.root, CONFIG_FILE), 'utf8').catch(() => '');
    return { toml, rev: revisionOf(toml), diagnostics: parseProjectConfig(toml).diagnostics };
  }

  putConfig(toml: string, rev?: string): Promise<ConfigDocument> {
    const { diagnostics } = parseProjectConfig(toml);
    if (diagnostics.some((d) => d.severity === 'error')) {
      throw new ApiFailure(
        422,
        'CONFIG_INVALID',
        diagnostics[0]?.message ?? 'deployment.toml is not valid.',
        { diagnostics },
      );
    }
    return this.serial(async () => {
      const file = path.join(this.root, CONFIG_FILE);
      const current = await readFile(file, 'utf8').catch(() => '');
      if (rev !== undefined && revisionOf(current) !== rev) {
        throw new ApiFailure(
          409,
          'STALE_REVISION',
          `deployment.toml was changed since revision ${rev}; reload it or overwrite.`,
          { currentRev: revisionOf(current) },
        );
      }
      await writeFileAtomic(file, toml);
      return { toml, rev: revisionOf(toml), diagnostics };
    });
  }

  /** Replaces every artifact file and the config with a snapshot (rollback). */
  restore(configText: string, files: ReadonlyMap<string, string>): Promise<void> {
    return this.serial(async () => {
      for (const folder of Object.values(ARTIFACT_FOLDERS)) {
        const dir = path.join(this.root, 'artifacts', folder);
        const names = await readdir(dir).catch(() => [] as string[]);
        for (const n of names)
          if (n.endsWith('.xml') && !files.has(`artifacts/${folder}/${n}`))
            await removeFileDurable(path.join(dir, n));
      }
      for (const [rel, text] of files) await writeFileAtomic(path.join(this.root, rel), text);
      await writeFileAtomic(path.join(this.root, CONFIG_FILE), configText);
    });
  }
}
