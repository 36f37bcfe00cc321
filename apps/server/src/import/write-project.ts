/**
 * Writes an import plan as a new project folder (the CLI's `mediate import`). A new folder is
 * written beside its final place and renamed into it, so an interrupted import leaves no half
 * project. An existing folder is never touched without `force`.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeXmlText } from '@mediate/engine';
import { CONFIG_FILE } from '../project-store/load-project.js';
import type { ImportPlan } from './plan-import.js';
import { ImportError } from './source-tree.js';

/** What Mediate owns in a project folder; `force` replaces these and nothing else. */
const OWNED = ['artifacts', CONFIG_FILE, '.mediate'];

async function writeAll(root: string, plan: ImportPlan): Promise<void> {
  await mkdir(path.join(root, 'artifacts'), { recursive: true });
  for (const [rel, text] of plan.files) {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, encodeXmlText(text));
  }
  await writeFile(path.join(root, CONFIG_FILE), plan.configText ?? '');
}

/**
 * Writes `plan` to `dir`. An existing non-empty folder needs `force`, which removes its
 * `artifacts/`, `deployment.toml` and `.mediate/` (the deployment history of what was there)
 * and leaves anything else in it alone.
 */
export async function writeNewProject(dir: string, plan: ImportPlan, force: boolean): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new ImportError(`${dir} exists and is not a folder.`);
  const entries = info ? await readdir(dir) : [];
  if (entries.length && !force)
    throw new ImportError(
      `${dir} already exists and is not empty; nothing was written. Choose another folder with --into, or add --force to replace its artifacts/, deployment.toml and .mediate/.`,
    );
  if (info) {
    for (const name of OWNED) await rm(path.join(dir, name), { recursive: true, force: true });
    await writeAll(dir, plan);
    return;
  }
  const partial = path.join(path.dirname(dir), `.${path.basename(dir)}.import-partial`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  try {
    await writeAll(partial, plan);
    await rename(partial, dir);
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw e;
  }
}
