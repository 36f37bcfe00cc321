/**
 * Import into the open project (the Import dialog, and a `<definitions>` pasted into the
 * Source view): save what is unsaved, send the source to `POST /api/import`, then load the
 * project again so the imported artifacts are there as saved files. A name clash comes back as
 * the list of clashes, and the user chooses to skip or rename them (the same request again).
 */
import type { ImportClashDetails, ImportClashPolicy } from '@mediate/engine';
import { api, ApiFailure } from '../api/client.js';
import { persistNow } from './persistence.js';
import { loadWorkspace, saveAll } from './server-actions.js';
import type { StudioStore } from './store.js';
import type { ImportSource } from './studio-types.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function request(source: ImportSource, onClash: ImportClashPolicy) {
  switch (source.kind) {
    case 'file':
      return /\.xml$/i.test(source.file.name)
        ? source.file.text().then((xml) => api.importJson({ xml, file: source.file.name, onClash }))
        : api.importArchive(source.file, source.file.name, onClash);
    case 'xml':
      return api.importJson({ xml: source.text, file: source.name, onClash });
    case 'path':
      return api.importJson({ path: source.path, onClash });
  }
}

/** Opens the Import dialog at its first step. */
export function openImport(store: StudioStore): void {
  store.getState().setImportDialog({ busy: false });
}

/**
 * Imports `source`; the dialog shows the progress, then the report, the clashes or the error.
 * `draftKey`: the artifact whose Source view held the pasted text, whose draft goes once imported.
 */
export async function runImport(
  store: StudioStore,
  source: ImportSource,
  onClash: ImportClashPolicy = 'refuse',
  draftKey?: string,
): Promise<void> {
  const s = store.getState();
  s.setImportDialog({ source, busy: true, ...(draftKey ? { draftKey } : {}) });
  const keep = { source, busy: false, ...(draftKey ? { draftKey } : {}) };
  if (!(await saveAll(store))) {
    s.setImportDialog({ ...keep, error: 'Saving the open changes failed, so nothing was imported.' });
    return;
  }
  let report;
  try {
    report = (await request(source, onClash)).report;
  } catch (e) {
    if (e instanceof ApiFailure && e.code === 'NAME_CLASH') {
      const details = e.details as ImportClashDetails;
      s.setImportDialog({ ...keep, clashes: details.clashes, report: details.report });
    } else s.setImportDialog({ ...keep, error: message(e) });
    return;
  }
  // The pasted text is in the project now: the editor shows its artifact's own text again.
  if (draftKey) store.getState().discardDraft(draftKey);
  persistNow();
  await loadWorkspace(store);
  const first = report.imported[0];
  if (first) store.getState().open(first.file);
  store.getState().setImportDialog({ ...keep, report });
}
