/**
 * `.mediate/deployments/<id>/`: a snapshot of every successful deployment (deployment.toml,
 * the artifact files, meta.json), the newest 20 kept. A restart deploys the newest one.
 */
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DeployChangesDto, DeploymentInfo } from '@mediate/engine';
import { fsyncDir, writeFileAtomic } from './atomic-write.js';

export const KEEP_DEPLOYMENTS = 20;

interface Meta {
  readonly id: string;
  readonly time: string;
  readonly changes: DeployChangesDto;
  readonly artifacts: number;
}

/** A stored snapshot. */
export interface Snapshot {
  readonly id: string;
  readonly configText: string;
  readonly files: Map<string, string>;
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
  ): Promise<string> {
    const ids = await this.ids();
    const last = ids.length ? Number(ids[ids.length - 1]!.slice(0, 6)) : 0;
    const id = `${String(last + 1).padStart(6, '0')}-${new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}`;
    const tmp = path.join(this.dir, `.tmp-${id}`);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    await writeFileAtomic(path.join(tmp, 'deployment.toml'), configText);
    for (const [rel, text] of files) await writeFileAtomic(path.join(tmp, rel), text);
    const meta: Meta = { id, time: new Date().toISOString(), changes, artifacts: files.size };
    await writeFileAtomic(path.join(tmp, 'meta.json'), JSON.stringify(meta, null, 2));
    // The folder appears under its final name only once complete.
    await rename(tmp, path.join(this.dir, id));
    // Make the rename itself durable (a power cut after the API answered must not lose it).
    await fsyncDir(this.dir);
    const all = await this.ids();
    for (const old of all.slice(0, Math.max(0, all.length - KEEP_DEPLOYMENTS)))
      await rm(path.join(this.dir, old), { recursive: true, force: true });
    return id;
  }

  /** Deployments, newest first. */
  async list(currentId: string | undefined): Promise<DeploymentInfo[]> {
    const out: DeploymentInfo[] = [];
    for (const id of (await this.ids()).reverse()) {
      try {
        const meta = JSON.parse(await readFile(path.join(this.dir, id, 'meta.json'), 'utf8')) as Meta;
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

  /** Reads a snapshot. */
  async load(id: string): Promise<Snapshot> {
    const base = path.join(this.dir, id);
    const configText = await readFile(path.join(base, 'deployment.toml'), 'utf8').catch(() => '');
    const files = new Map<string, string>();
    const artifacts = path.join(base, 'artifacts');
    for (const folder of await readdir(artifacts).catch(() => [] as string[])) {
      for (const name of await readdir(path.join(artifacts, folder)).catch(() => [] as string[])) {
        if (name.endsWith('.xml'))
          files.set(
            `artifacts/${folder}/${name}`,
            await readFile(path.join(artifacts, folder, name), 'utf8'),
          );
      }
    }
    return { id, configText, files };
  }

  /** The newest snapshot's id, if any. */
  async latest(): Promise<string | undefined> {
    const ids = await this.ids();
    return ids[ids.length - 1];
  }
}
