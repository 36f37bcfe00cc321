/**
 * `.mediate/deployments/<id>/`: a snapshot of every successful deployment, the newest 20 kept. A
 * restart deploys the newest one.
 *
 * A snapshot folder holds two files:
 * - `snapshot.json`: `{ meta, configText, files: { "<project-relative path>": text } }`, the whole
 *   deployment in one file;
 * - `meta.json`: a copy of `meta`, so listing the deployments does not read every snapshot.
 *
 * Writing one is atomic and costs a few fsyncs whatever the number of artifacts: both files go
 * into a `.tmp-<id>` folder, `snapshot.json` is fsynced, the folder is renamed to `<id>` and the
 * parent fsynced. `meta.json` is not fsynced: `snapshot.json` holds the same meta, and `list()`
 * falls back to it when `meta.json` is unreadable.
 *
 * Snapshots written by earlier versions (`deployment.toml`, `artifacts/<folder>/<name>.xml` and
 * `meta.json` in the folder) are still read.
 */
import { mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeployChangesDto, DeploymentInfo, LeftOutArtifact } from '@mediate/engine';
import { fsyncDir } from './atomic-write.js';

export const KEEP_DEPLOYMENTS = 20;

/** The file holding a whole snapshot. */
export const SNAPSHOT_FILE = 'snapshot.json';
const META_FILE = 'meta.json';

interface Meta {
  readonly id: string;
  readonly time: string;
  readonly changes: DeployChangesDto;
  readonly artifacts: number;
  /** Artifacts of the project this deployment left out (the user's "Deploy without them"). */
  readonly excluded?: readonly LeftOutArtifact[];
}

/** The content of `snapshot.json`. */
interface SnapshotJson {
  readonly meta: Meta;
  readonly configText: string;
  readonly files: Readonly<Record<string, string>>;
}

/** A stored snapshot. */
export interface Snapshot {
  readonly id: string;
  readonly configText: string;
  /** Every file of the project, including those of left-out artifacts. */
  readonly files: Map<string, string>;
  /** Keys of the artifacts it left out; a restart or rollback leaves them out again. */
  readonly excluded: readonly string[];
}

/** A snapshot folder that cannot be read (incomplete, or not written by Mediate). */
export class SnapshotUnreadable extends Error {
  override readonly name = 'SnapshotUnreadable';
}

const errnoCode = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** Writes `data` to a new file and fsyncs it. */
async function writeDurable(file: string, data: string): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isSnapshotJson(x: unknown): x is SnapshotJson {
  const s = x as Partial<SnapshotJson> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.configText === 'string' &&
    typeof s.files === 'object' &&
    s.files !== null &&
    typeof s.meta === 'object' &&
    s.meta !== null
  );
}

export class DeploymentHistory {
  readonly dir: string;

  constructor(projectRoot: string) {
    this.dir = path.join(projectRoot, '.mediate', 'deployments');
  }

  private async ids(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => /^\d{6}-/.test(n)).sort();
  }

  /**
   * Removes half-written snapshots (`.tmp-<id>` folders) that a killed server left; they are
   * never listed or loaded, but each record() uses a new name, so they would pile up. Call at start.
   */
  async sweep(): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const stale = names.filter((n) => n.startsWith('.tmp-'));
    for (const n of stale) await rm(path.join(this.dir, n), { recursive: true, force: true });
    return stale.length;
  }

  /** Records a successful deployment; returns its id. */
  async record(
    configText: string,
    files: ReadonlyMap<string, string>,
    changes: DeployChangesDto,
    excluded: readonly LeftOutArtifact[] = [],
  ): Promise<string> {
    const ids = await this.ids();
    const last = ids.length ? Number(ids[ids.length - 1]!.slice(0, 6)) : 0;
    const now = new Date();
    const id = `${String(last + 1).padStart(6, '0')}-${now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}`;
    const meta: Meta = {
      id,
      time: now.toISOString(),
      changes,
      artifacts: files.size - excluded.length,
      ...(excluded.length ? { excluded } : {}),
    };
    const snapshot: SnapshotJson = { meta, configText, files: Object.fromEntries(files) };
    const tmp = path.join(this.dir, `.tmp-${id}`);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    await writeDurable(path.join(tmp, SNAPSHOT_FILE), JSON.stringify(snapshot));
    // Not fsynced: a copy of what snapshot.json holds (see the file comment).
    await writeFile(path.join(tmp, META_FILE), JSON.stringify(meta, null, 2));
    // The folder's entries are durable before the folder appears under its final name, which
    // happens only once it is complete.
    await fsyncDir(tmp);
    await rename(tmp, path.join(this.dir, id));
    // Make the rename itself durable (a power cut after the API answered must not lose it).
    await fsyncDir(this.dir);
    const all = [...ids, id];
    for (const old of all.slice(0, Math.max(0, all.length - KEEP_DEPLOYMENTS)))
      await rm(path.join(this.dir, old), { recursive: true, force: true });
    return id;
  }

  /** A snapshot's meta: `meta.json`, else the copy in `snapshot.json`. */
  private async meta(id: string): Promise<Meta> {
    const base = path.join(this.dir, id);
    try {
      return JSON.parse(await readFile(path.join(base, META_FILE), 'utf8')) as Meta;
    } catch (e) {
      const parsed = JSON.parse(await readFile(path.join(base, SNAPSHOT_FILE), 'utf8')) as unknown;
      if (!isSnapshotJson(parsed)) throw e;
      return parsed.meta;
    }
  }

  /** Deployments, newest first. */
  async list(currentId: string | undefined): Promise<DeploymentInfo[]> {
    const out: DeploymentInfo[] = [];
    for (const id of (await this.ids()).reverse()) {
      try {
        const meta = await this.meta(id);
        out.push({ ...meta, current: id === currentId });
      } catch {
        // A snapshot without readable meta is skipped, not fatal.
      }
    }
    return out;
  }

  async has(id: string): Promise<boolean> {
    return (await this.ids()).includes(id);
  }

  /** Reads a snapshot; throws `SnapshotUnreadable` when the folder holds no complete snapshot. */
  async load(id: string): Promise<Snapshot> {
    const base = path.join(this.dir, id);
    let text: string | undefined;
    try {
      text = await readFile(path.join(base, SNAPSHOT_FILE), 'utf8');
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT')
        throw new SnapshotUnreadable(`deployment ${id}: ${(e as Error).message}`);
    }
    if (text === undefined) return this.loadFolderLayout(id);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new SnapshotUnreadable(
        `deployment ${id}: ${SNAPSHOT_FILE} is not valid JSON: ${(e as Error).message}`,
      );
    }
    if (!isSnapshotJson(parsed))
      throw new SnapshotUnreadable(`deployment ${id}: ${SNAPSHOT_FILE} is not a snapshot`);
    const files = new Map<string, string>();
    for (const [rel, fileText] of Object.entries(parsed.files))
      if (typeof fileText === 'string') files.set(rel, fileText);
    const left: unknown = parsed.meta.excluded;
    const excluded = Array.isArray(left)
      ? left.map((e) => (e as Partial<LeftOutArtifact> | null)?.artifact).filter((k) => typeof k === 'string')
      : [];
    return { id, configText: parsed.configText, files, excluded };
  }

  /**
   * The layout of earlier versions: `deployment.toml` (always written, possibly empty) and
   * `artifacts/<folder>/<name>.xml` in the snapshot folder.
   */
  private async loadFolderLayout(id: string): Promise<Snapshot> {
    const base = path.join(this.dir, id);
    let configText: string;
    try {
      configText = await readFile(path.join(base, 'deployment.toml'), 'utf8');
    } catch {
      // Neither layout: not a snapshot that can be deployed (an empty project would be wrong).
      throw new SnapshotUnreadable(`deployment ${id} has neither ${SNAPSHOT_FILE} nor deployment.toml`);
    }
    const files = new Map<string, string>();
    const artifacts = path.join(base, 'artifacts');
    for (const folder of (await readdir(artifacts).catch(() => [] as string[])).sort()) {
      for (const name of (await readdir(path.join(artifacts, folder)).catch(() => [] as string[])).sort()) {
        if (name.endsWith('.xml'))
          files.set(
            `artifacts/${folder}/${name}`,
            await readFile(path.join(artifacts, folder, name), 'utf8'),
          );
      }
    }
    return { id, configText, files, excluded: [] };
  }

  /** The newest snapshot's id, if any. */
  async latest(): Promise<string | undefined> {
    const ids = await this.ids();
    return ids[ids.length - 1];
  }

  /**
   * The newest snapshot that can be read, for a restart: one that cannot (which a crash-consistent
   * write should never leave, but a disk can) is skipped with `onSkip`, not fatal.
   */
  async latestReadable(
    onSkip: (id: string, error: Error) => void = () => undefined,
  ): Promise<Snapshot | undefined> {
    for (const id of (await this.ids()).reverse()) {
      try {
        return await this.load(id);
      } catch (e) {
        if (!(e instanceof SnapshotUnreadable)) throw e;
        onSkip(id, e);
      }
    }
    return undefined;
  }
}
