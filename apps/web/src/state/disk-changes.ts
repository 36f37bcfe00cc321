/**
 * "Changed on disk": the server's `disk.changed` events (another editor, a `git pull`, changed the
 * project's files while the studio was open) collected until the user reloads. A small store of
 * its own, so the studio's main store is untouched by it.
 */
import type { RuntimeEvent } from '@mediate/engine';
import { createStore } from 'zustand/vanilla';
import { describeSync, syncFromServer } from './server-sync.js';
import type { StudioStore } from './store.js';

/** The files changed on disk since the last reload (project-relative paths, sorted). */
export interface DiskChanges {
  readonly files: readonly string[];
}

/** The app's "changed on disk" state. */
export const diskChanges = createStore<DiskChanges>()(() => ({ files: [] }));

/**
 * Takes the `disk.changed` events of a batch. Events from before `since` (epoch ms) are skipped:
 * the event stream replays recent events on connecting, and what changed before the studio
 * loaded the project is already in it.
 */
export function noteDiskEvents(batch: readonly RuntimeEvent[], since: number, store = diskChanges): void {
  const files = new Set(store.getState().files);
  const before = files.size;
  for (const e of batch)
    if (e.kind === 'disk.changed' && e.time >= since)
      for (const f of (e.properties?.files ?? '').split(',')) if (f) files.add(f);
  if (files.size !== before) store.setState({ files: [...files].sort() });
}

/**
 * Reloads the project from the server (the files on disk), keeping unsaved edits as conflicts as
 * any sync does, and clears the notice.
 */
export async function reloadFromDisk(studio: StudioStore, store = diskChanges): Promise<void> {
  const s = studio.getState();
  try {
    const r = await syncFromServer(studio, 'Reload from disk');
    store.setState({ files: [] });
    s.toast({ kind: 'info', title: 'Reloaded from disk', detail: describeSync(r) || 'Nothing to reload.' });
  } catch (e) {
    s.toast({
      kind: 'error',
      title: 'Could not reload from disk',
      detail: e instanceof Error ? e.message : String(e),
    });
  }
}
