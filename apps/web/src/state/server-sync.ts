/**
 * Bringing the studio up to date with files the server changed by itself: a rollback restores an
 * earlier deployment's files, and while the server was unreachable (or restarting) anything may
 * have changed on disk. Files the user has not touched are reloaded, content and revision, as one
 * undo step; files with unsaved edits or unparsed source keep them and are marked as conflicts
 * (reload theirs / overwrite with mine), as at load. Nothing local is dropped.
 */
import {
  parseArtifact,
  parseProjectConfig,
  type ArtifactDocument,
  type Project,
  fileParts,
  removeArtifact,
  replaceArtifactText,
} from '@mediate/engine';
import { api, ApiFailure } from '../api/client.js';
import { isDirty } from './selectors.js';
import { describeChanges, refreshDeployments } from './server-actions.js';
import { handleUnreachable, requireServer } from './server-link.js';
import type { StudioStore } from './store.js';
import type { Conflict, SavedFile } from './studio-types.js';

/** What a sync did. */
export interface SyncResult {
  /** Files whose server copy the studio now shows. */
  readonly reloaded: readonly string[];
  /** Files kept as the user left them, now in conflict with the server's copy. */
  readonly conflicts: readonly string[];
  /** Files the server has that do not parse (left out, as at load). */
  readonly unreadable: readonly string[];
  /** deployment.toml changed on the server and here: the local text is kept (a save writes it). */
  readonly configKept: boolean;
}

const CHANGED = 'Changed on the server since you started editing it.';
const DELETED = 'Deleted on the server since you started editing it.';

/** The server's artifacts (path → revision) and the documents of those that differ from `saved`. */
async function fetchChanged(saved: Readonly<Record<string, SavedFile>>) {
  const list = await api.artifacts();
  const revs = new Map(list.map((a) => [`artifacts/${a.type}/${a.name}.xml`, a.rev]));
  const changed = [...revs].filter(([file, rev]) => saved[file]?.rev !== rev).map(([file]) => file);
  const docs = new Map<string, ArtifactDocument>();
  await Promise.all(
    changed.map(async (file) => {
      const parts = fileParts(file);
      if (parts) docs.set(file, await api.artifact(parts.folder, parts.name));
    }),
  );
  const config = await api.config().catch((e: unknown) => {
    if (e instanceof ApiFailure && e.status === 404) return undefined;
    throw e;
  });
  return { revs, docs, config };
}

/**
 * Reloads what the server changed. `label` names the undo step (`Roll back to #3`). Throws what
 * the API throws (the caller decides whether the server is offline).
 */
export async function syncFromServer(store: StudioStore, label: string): Promise<SyncResult> {
  const { revs, docs, config } = await fetchChanged(store.getState().saved);
  // Read the store after the requests: the user may have edited meanwhile.
  const s = store.getState();
  let project: Project = s.project;
  const saved = { ...s.saved };
  const conflicts: Conflict[] = [...s.conflicts];
  const reloaded: string[] = [];
  const kept: string[] = [];
  const unreadable: string[] = [];
  const conflict = (file: string, message: string) => {
    kept.push(file);
    if (!conflicts.some((c) => c.file === file)) conflicts.push({ file, message });
  };
  const local = (file: string) => project.artifacts.find((a) => a.file === file);
  const edited = (file: string) => {
    const a = local(file);
    return !!s.drafts[file] || (a ? isDirty(a, saved) : saved[file] !== undefined);
  };

  for (const [file, doc] of docs) {
    // Another sync got there first.
    if (saved[file]?.rev === doc.rev) continue;
    const copy: SavedFile = { xml: doc.xml, rev: doc.rev };
    const mine = local(file);
    if (!mine && saved[file]) {
      // Deleted here, changed there: the delete stays pending, now against the current copy.
      saved[file] = copy;
    } else if (!mine) {
      const { artifact } = parseArtifact(doc.xml, file);
      if (!artifact || artifact.type === 'definitions') unreadable.push(file);
      else {
        project = { ...project, artifacts: [...project.artifacts, { ...artifact, file }] };
        saved[file] = copy;
        reloaded.push(file);
      }
    } else if (edited(file)) {
      conflict(file, CHANGED);
    } else {
      const r = replaceArtifactText(project, file, doc.xml);
      if (!r.ok) unreadable.push(file);
      else {
        project = r.project;
        saved[file] = copy;
        reloaded.push(file);
      }
    }
  }
  for (const file of Object.keys(saved)) {
    if (revs.has(file)) continue;
    if (local(file) && edited(file)) conflict(file, DELETED);
    else if (local(file)) {
      project = removeArtifact(project, file);
      reloaded.push(file);
    }
    // Not on the server any more: a save creates it again (or the local delete is done already).
    delete saved[file];
  }
  let savedConfig = s.savedConfig;
  let configKept = false;
  if (config && config.rev !== savedConfig?.rev) {
    if (project.configText === (savedConfig?.xml ?? project.configText)) {
      project = { ...project, configText: config.toml, config: parseProjectConfig(config.toml).config };
      reloaded.push('deployment.toml');
    } else configKept = true;
    savedConfig = { xml: config.toml, rev: config.rev };
  }

  if (project !== s.project) s.dispatch({ label, run: () => project, keepSelection: true }, 'record');
  store.getState().setSaved(saved, savedConfig);
  store.getState().setConflicts(conflicts);
  return { reloaded, conflicts: kept, unreadable, configKept };
}

/** A sync's outcome in a sentence, for a toast. */
export function describeSync(r: SyncResult): string {
  const name = (f: string) => fileParts(f)?.name ?? f;
  const parts = [
    r.reloaded.length ? `Reloaded ${r.reloaded.map(name).join(', ')}.` : '',
    r.conflicts.length
      ? `Kept your unsaved changes to ${r.conflicts.map(name).join(', ')} (see Problems).`
      : '',
    r.unreadable.length ? `${r.unreadable.map(name).join(', ')} could not be read.` : '',
    r.configKept ? 'Kept your unsaved deployment.toml; saving it replaces the server’s.' : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/**
 * Rolls back to an earlier deployment: the server deploys its snapshot and restores the project
 * files to it; the studio then reloads every file that changed.
 */
export async function rollback(store: StudioStore, id: string): Promise<void> {
  const s = store.getState();
  if (!requireServer(store)) return;
  const fail = (title: string, e: unknown) => {
    if (!handleUnreachable(store, e))
      s.toast({ kind: 'error', title, detail: e instanceof Error ? e.message : String(e) });
  };
  try {
    const r = await api.rollback(id);
    s.setLastDeploy(r);
    if (!r.ok) s.toast({ kind: 'error', title: 'Rollback failed', detail: describeChanges(r) });
    else {
      try {
        const sync = await syncFromServer(store, `Roll back to #${id}`);
        s.toast({
          kind: 'success',
          title: 'Rolled back',
          detail: [`${describeChanges(r)}.`, describeSync(sync)].filter(Boolean).join(' '),
        });
        if (sync.conflicts.length) s.setDock('problems');
      } catch (e) {
        fail(`Rolled back to #${id}, but the files could not be reloaded`, e);
      }
    }
  } catch (e) {
    fail('Rollback failed', e);
  }
  await refreshDeployments(store);
}
