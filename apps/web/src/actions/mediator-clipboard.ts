/**
 * Copy and paste of mediators: the studio's clipboard holds the selected mediator's XML (also
 * put on the system clipboard when the browser allows), and a paste inserts it after the
 * selection, or at the end of the artifact's first list.
 */
import { mediatorAtPath, mediatorFragment } from '@mediate/engine';
import { describeMediator } from '../canvas/MediatorCard.js';
import { insertCommand } from '../state/commands.js';
import { openArtifact } from '../state/selectors.js';
import type { StudioStore } from '../state/store.js';
import type { Studio } from '../state/studio-types.js';

/** The selected mediator of the open artifact, if any. */
export function selectedMediator(s: Pick<Studio, 'project' | 'openKey' | 'selection'>) {
  const a = openArtifact(s);
  return a && s.selection ? mediatorAtPath(a, s.selection) : undefined;
}

/** Copies the selected mediator; returns false when nothing is selected. */
export function copySelection(store: StudioStore): boolean {
  const s = store.getState();
  const a = openArtifact(s);
  const m = selectedMediator(s);
  if (!a || !m) return false;
  const xml = mediatorFragment(a, m.path);
  if (!xml) return false;
  s.setClipboard({ xml, label: describeMediator(m).label });
  // The system clipboard too, where the page may write it (not in tests, not without focus).
  void globalThis.navigator?.clipboard?.writeText(xml).catch(() => undefined);
  return true;
}

/** True when a paste has somewhere to go. */
export function canPaste(s: Pick<Studio, 'project' | 'openKey' | 'clipboard'>): boolean {
  const a = openArtifact(s);
  return !!s.clipboard && !!a && a.lists.length > 0;
}

/** Pastes the clipboard after the selection (or at the end of the first list). */
export function pasteClipboard(store: StudioStore): void {
  const s = store.getState();
  const a = openArtifact(s);
  const clip = s.clipboard;
  if (!a || !clip || !s.openKey) return;
  const sel = s.selection;
  if (sel) {
    const at = (sel[sel.length - 1] as number) + 1;
    s.dispatch(insertCommand(s.openKey, sel.slice(0, -1), at, clip), 'record');
    return;
  }
  const list = a.lists[0];
  if (list) s.dispatch(insertCommand(s.openKey, [list.key], list.mediators.length, clip), 'record');
}
