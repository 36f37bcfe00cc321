/**
 * The studio's conversations with the server: load, save (with revisions), conflicts, deploy
 * (a rename is rename-actions.ts).
 * Each reads and writes the store; none holds state of its own. While the server cannot be
 * reached they do nothing but say so once (`server-link.ts`).
 */
import {
  buildProject,
  type DeployResponse,
  artifactKey,
  fileParts,
  replaceArtifactText,
  EXAMPLE_FILES,
} from '@mediate/engine';
import { api, ApiFailure } from '../api/client.js';
import { readStored } from './persistence.js';
import { pendingChanges } from './selectors.js';
import {
  handleUnreachable,
  markOffline,
  markOnline,
  OFFLINE_TOAST_KEY,
  requireServer,
} from './server-link.js';
import type { StudioStore } from './store.js';
import type { SavedFile } from './studio-types.js';
import { mergeStored } from './workspace-merge.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Loads the project from the server, merged with unsaved work kept in the browser. */
export async function loadWorkspace(store: StudioStore): Promise<void> {
  const s = store.getState();
  const stored = readStored();
  let saved: Record<string, SavedFile>;
  let savedConfig: SavedFile | undefined;
  try {
    const list = await api.artifacts();
    const docs = await Promise.all(list.map((a) => api.artifact(a.type, a.name)));
    saved = Object.fromEntries(
      docs.map((d) => [`artifacts/${d.type}/${d.name}.xml`, { xml: d.xml, rev: d.rev }]),
    );
    const cfg = await api.config().catch(() => undefined);
    savedConfig = cfg ? { xml: cfg.toml, rev: cfg.rev } : undefined;
    markOnline(store);
  } catch (e) {
    markOffline(store);
    // Without a server, keep working on what the browser has (or the bundled example).
    const files = stored?.files ?? EXAMPLE_FILES;
    const { project } = buildProject(stored?.configText ?? '', files);
    store.getState().loadWorkspace(project, stored?.base ?? {}, stored?.baseConfig);
    if (stored?.openKey) store.getState().open(stored.openKey);
    s.toast({
      key: OFFLINE_TOAST_KEY,
      kind: 'error',
      title: 'The server is not reachable',
      detail: `${message(e)} Working on the copy kept in this browser; it loads from the server once the server is back.`,
    });
    return;
  }
  const merged = mergeStored(saved, savedConfig, stored);
  const { project, diagnostics } = buildProject(merged.configText, merged.files);
  // A file that does not parse is not in the project; it must not look deleted (a save would
  // delete it on the server). It stays on disk untouched and is reported.
  const loaded = new Set(project.artifacts.map((a) => a.file));
  const broken = Object.keys(saved).filter((f) => !loaded.has(f));
  for (const f of broken) delete saved[f];
  if (broken.length)
    s.toast({
      kind: 'error',
      title: `${broken.length} file${broken.length === 1 ? '' : 's'} could not be read`,
      detail: diagnostics.map((d) => `${d.artifact}:${d.line ?? ''} ${d.message}`).join('\n'),
    });
  store.getState().loadWorkspace(project, saved, savedConfig);
  if (stored?.openKey && project.artifacts.some((a) => artifactKey(a) === stored.openKey))
    store.getState().open(stored.openKey);
  for (const [key, text] of Object.entries(merged.drafts)) store.getState().applySource(key, text);
  store.getState().setConflicts(merged.conflicts);
}

/** Writes every changed file; returns true when everything was saved. */
export async function saveAll(store: StudioStore): Promise<boolean> {
  const s = store.getState();
  if (s.saving || !requireServer(store)) return false;
  const changes = pendingChanges(s.project, s.saved, s.savedConfig);
  const blocked = new Set(s.conflicts.map((c) => c.file));
  s.setSaving(true);
  const saved = { ...s.saved };
  let savedConfig = s.savedConfig;
  const conflicts = [...s.conflicts];
  const renames = new Map<string, string>();
  const moved = new Set<string>();
  let ok = true;
  // Once the server is found unreachable, the rest is not tried (one toast, not one per file).
  let offline = false;
  try {
    for (const put of changes.puts) {
      if (offline) break;
      if (blocked.has(put.from ?? put.to)) {
        ok = false;
        continue;
      }
      const to = fileParts(put.to);
      if (!to) continue;
      try {
        const r = await api.putArtifact(
          to.folder,
          to.name,
          put.xml,
          put.from === put.to ? put.rev : undefined,
        );
        saved[put.to] = { xml: put.xml, rev: r.rev };
        // A name changed in the Source view or the form moves the file: the old one is in
        // `changes.deletes`, removed below, where a failure is said (and tried at the next save).
        if (put.key !== put.to) renames.set(put.key, put.to);
        if (put.from && put.from !== put.to) moved.add(put.from);
      } catch (e) {
        ok = false;
        if (e instanceof ApiFailure && e.status === 409)
          conflicts.push({ file: put.from ?? put.to, message: e.message });
        else if (handleUnreachable(store, e)) offline = true;
        else s.toast({ kind: 'error', title: `Could not save ${to.name}`, detail: message(e) });
      }
    }
    for (const file of changes.deletes) {
      if (offline) break;
      if (!saved[file] || blocked.has(file)) continue;
      // The old file of a move is removed only once the new one is written.
      if (changes.puts.some((p) => p.from === file && p.to !== file) && !moved.has(file)) continue;
      const parts = fileParts(file);
      if (!parts) continue;
      try {
        await api.deleteArtifact(parts.folder, parts.name);
        delete saved[file];
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 404) {
          // Already gone: what the delete was for.
          delete saved[file];
          continue;
        }
        ok = false;
        if (handleUnreachable(store, e)) offline = true;
        else s.toast({ kind: 'error', title: `Could not delete ${parts.name}`, detail: message(e) });
      }
    }
    if (changes.config !== undefined && !offline) {
      try {
        const r = await api.putConfig(changes.config, savedConfig?.rev);
        savedConfig = { xml: changes.config, rev: r.rev };
      } catch (e) {
        ok = false;
        if (!handleUnreachable(store, e))
          s.toast({ kind: 'error', title: 'Could not save deployment.toml', detail: message(e) });
      }
    }
  } finally {
    const now = store.getState();
    if (renames.size) {
      // The artifact's key is its file: follow the move, which is not the user's edit.
      const openTo = now.openKey ? renames.get(now.openKey) : undefined;
      now.dispatch(
        {
          label: 'Follow saved files',
          run: (p) => ({
            ...p,
            artifacts: p.artifacts.map((a) => {
              const to = renames.get(artifactKey(a));
              return to ? { ...a, file: to } : a;
            }),
          }),
          ...(openTo ? { focus: { artifact: openTo } } : {}),
          keepSelection: true,
        },
        'skip',
      );
    }
    now.setSaved(saved, savedConfig);
    now.setConflicts(conflicts);
    now.setSaving(false);
  }
  if (conflicts.length) s.setDock('problems');
  return ok;
}

/** Resolves a conflict by taking the server's copy (an undoable step). */
export async function reloadFromServer(store: StudioStore, file: string): Promise<void> {
  const parts = fileParts(file);
  if (!parts || !requireServer(store)) return;
  const s = store.getState();
  try {
    const doc = await api.artifact(parts.folder, parts.name);
    const r = replaceArtifactText(store.getState().project, file, doc.xml);
    // Taking the server's copy is the user's choice for this file: unparsed source goes with it.
    store.getState().discardDraft(file);
    if (r.ok)
      store
        .getState()
        .dispatch({ label: 'Reload from server', run: () => r.project, keepSelection: true }, 'record');
    store.getState().setSaved({ ...store.getState().saved, [file]: { xml: doc.xml, rev: doc.rev } });
  } catch (e) {
    if (handleUnreachable(store, e)) return;
    if (!(e instanceof ApiFailure && e.status === 404)) {
      s.toast({ kind: 'error', title: `Could not reload ${parts.name}`, detail: message(e) });
      return;
    }
  }
  store.getState().setConflicts(store.getState().conflicts.filter((c) => c.file !== file));
}

/** Resolves a conflict by keeping the local copy: the next save overwrites the server's. */
export async function keepMine(store: StudioStore, file: string): Promise<void> {
  const parts = fileParts(file);
  const s = store.getState();
  if (!requireServer(store)) return;
  if (parts) {
    let doc;
    try {
      doc = await api.artifact(parts.folder, parts.name);
    } catch (e) {
      if (handleUnreachable(store, e)) return;
      // Gone on the server: the save creates it again.
      doc = undefined;
    }
    const saved = { ...s.saved };
    if (doc) saved[file] = { xml: doc.xml, rev: doc.rev };
    else delete saved[file];
    s.setSaved(saved);
  }
  store.getState().setConflicts(store.getState().conflicts.filter((c) => c.file !== file));
  await saveAll(store);
}

/** A deploy result in a few words: `2 added, 1 updated`. */
export function describeChanges(r: DeployResponse): string {
  const c = r.changes;
  const parts = [
    c.added.length && `${c.added.length} added`,
    c.updated.length && `${c.updated.length} updated`,
    c.removed.length && `${c.removed.length} removed`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no changes';
}

/** `sequence:foo` → `foo (sequence)`; a file path stays as it is. */
export function leftOutLabel(key: string): string {
  const at = key.indexOf(':');
  return at === -1 ? key : `${key.slice(at + 1)} (${key.slice(0, at)})`;
}

/**
 * Saves, then deploys; the result goes to a toast, the Problems tab and the deployments list.
 * `exclude`: the user chose to deploy without these artifacts (after a refused deploy listed them).
 */
export async function deploy(store: StudioStore, exclude?: readonly string[]): Promise<void> {
  const s = store.getState();
  if (s.deploying || !requireServer(store)) return;
  s.setDeploying(true);
  try {
    if (!(await saveAll(store))) {
      // Unreachable: the offline toast already says it all.
      if (store.getState().server === 'online')
        s.toast({ kind: 'error', title: 'Not deployed', detail: 'Saving failed; see the messages above.' });
      return;
    }
    let r: DeployResponse;
    try {
      r = await api.deploy(exclude);
    } catch (e) {
      if (handleUnreachable(store, e)) return;
      const details = e instanceof ApiFailure ? (e.details as DeployResponse | undefined) : undefined;
      if (details && Array.isArray(details.diagnostics)) {
        s.setLastDeploy(details);
        const n = details.diagnostics.filter((d) => d.severity === 'error').length;
        const blocked = details.blocked?.length ?? 0;
        s.toast({
          kind: 'error',
          title: 'Deploy failed',
          detail: `${n} error${n === 1 ? '' : 's'}; nothing changed.${
            blocked
              ? ` Problems lists ${blocked} artifact${blocked === 1 ? '' : 's'} you can deploy without.`
              : ''
          }`,
        });
        s.setDock('problems');
      } else s.toast({ kind: 'error', title: 'Deploy failed', detail: message(e) });
      return;
    }
    s.setLastDeploy(r);
    const left = r.excluded ?? [];
    s.toast({
      kind: 'success',
      title: left.length
        ? `Deployed without ${left.length} artifact${left.length === 1 ? '' : 's'}`
        : 'Deployed',
      detail: `${describeChanges(r)}${left.length ? `; left out: ${left.map((e) => leftOutLabel(e.artifact)).join(', ')}` : ''}`,
    });
    await refreshDeployments(store);
  } finally {
    store.getState().setDeploying(false);
  }
}

/** Reloads the deployments list. */
export async function refreshDeployments(store: StudioStore): Promise<void> {
  const list = await api.deployments().catch(() => undefined);
  if (list) store.getState().setDeployments(list);
}
