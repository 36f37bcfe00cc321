/**
 * An import into the open project (the studio's Import): planned against the project's files
 * and written in the store's write queue, so no save slips in between the clash check and the
 * writes. With `refuse` (the default) a clash writes nothing and lists every clash.
 */
import path from 'node:path';
import { encodeXmlText, type ImportClashPolicy, type ImportReport } from '@mediate/engine';
import { planImport } from '../import/plan-import.js';
import type { SourceRead } from '../import/source-read.js';
import { ApiFailure } from '../api-failure.js';
import { writeFileAtomic } from './atomic-write.js';
import { CONFIG_FILE, loadProject } from './load-project.js';
import type { ProjectStore } from './project-store.js';

/** Imports `read` into the store's project; returns the report. */
export function importIntoProject(
  store: ProjectStore,
  read: SourceRead,
  onClash: ImportClashPolicy = 'refuse',
): Promise<ImportReport> {
  return store.exclusive(async () => {
    const loaded = await loadProject(store.root);
    const plan = planImport(read, {
      existing: new Set(loaded.files.map((f) => f.path)),
      onClash,
      // The project's own deployment.toml stays; one is copied only into a project without one.
      keepConfig: loaded.hasConfig || !read.config,
    });
    if (onClash === 'refuse' && plan.clashes.length) {
      const names = plan.clashes.map((c) => `${c.type}/${c.name}`).join(', ');
      throw new ApiFailure(
        409,
        'NAME_CLASH',
        `The project already has ${names}; nothing was imported. Import again skipping or renaming them.`,
        { clashes: plan.clashes, report: plan.report },
      );
    }
    for (const [rel, text] of plan.files)
      await writeFileAtomic(path.join(store.root, rel), encodeXmlText(text));
    if (plan.configText !== undefined)
      await writeFileAtomic(path.join(store.root, CONFIG_FILE), plan.configText);
    return plan.report;
  });
}
