/**
 * Renaming an artifact: one server call (`POST /api/artifacts/:type/:name/rename`) renames its
 * file and its name and rewrites every reference to it, all files or none. Unsaved edits are
 * saved first, so the server renames what the user sees; the studio then takes the files the
 * server wrote as its saved copies, as one undo step (undoing it is an edit a save writes back).
 */
import {
  artifactKey,
  fileParts,
  findByKey,
  parseArtifact,
  parseProjectConfig,
  planArtifactRename,
  RenameError,
  type Project,
  type RenameArtifactResponse,
} from '@mediate/engine';
import { api } from '../api/client.js';
import { saveAll } from './server-actions.js';
import { handleUnreachable, requireServer } from './server-link.js';
import type { StudioStore } from './store.js';
import type { SavedFile } from './studio-types.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The project with the server's answer applied: the renamed artifact (key `from`, its old file)
 * and every artifact whose references changed replaced by the text the server wrote, and
 * deployment.toml when it changed.
 */
export function applyRename(project: Project, from: string, r: RenameArtifactResponse): Project {
  const texts = new Map(r.files.map((f) => [f.path, f]));
  const renamedFile = r.files[r.files.length - 1]?.path;
  const artifacts = project.artifacts.map((a) => {
    const key = artifactKey(a);
    const f = key === from ? texts.get(renamedFile ?? '') : texts.get(key);
    if (!f) return a;
    const parsed = parseArtifact(f.xml, f.path).artifact;
    if (!parsed || parsed.type === 'definitions')
      throw new Error(`The server wrote ${f.path}, which does not read back as one artifact.`);
    return { ...parsed, file: f.path };
  });
  return r.config
    ? { ...project, artifacts, configText: r.config.toml, config: parseProjectConfig(r.config.toml).config }
    : { ...project, artifacts };
}

/** The server copies after the rename: the old file gone, every written file at its new revision. */
export function savedAfterRename(
  saved: Readonly<Record<string, SavedFile>>,
  r: RenameArtifactResponse,
): Record<string, SavedFile> {
  const next = { ...saved };
  delete next[r.removed];
  for (const f of r.files) next[f.path] = { xml: f.xml, rev: f.rev };
  return next;
}

/** `3 references updated (websocketProxy1, WebSocketInbound, deployment.toml)`. */
export function describeRename(r: RenameArtifactResponse): string {
  const n = r.references.length;
  if (!n) return 'Nothing else named it.';
  const where = [...new Set(r.references.map((x) => x.artifact.replace(/^[^:]*:/, '')))];
  return `updated ${n} reference${n === 1 ? '' : 's'} (${where.join(', ')})`;
}

/** Renames the artifact with key `key` to `to`; returns true when it was renamed. */
export async function renameArtifact(store: StudioStore, key: string, to: string): Promise<boolean> {
  const s = store.getState();
  const a = findByKey(s.project.artifacts, key);
  if (!a || a.type === 'unsupported' || !requireServer(store)) return false;
  const from = a.name;
  const fail = (detail: string) => {
    store.getState().toast({ kind: 'error', title: `Could not rename ${from}`, detail });
    return false;
  };
  // Asked of the studio's copy first: a refusal (a taken name) needs no save, and source that
  // does not parse in an artifact the rename rewrites would be replaced.
  try {
    const plan = planArtifactRename(s.project, { type: a.type, from, to });
    const touched = [key, ...plan.files.map((f) => f.path)].filter((k) => s.drafts[k]);
    if (touched.length)
      return fail(`${touched.join(', ')} has source that does not parse; fix it or undo it, then rename.`);
  } catch (e) {
    if (e instanceof RenameError) return fail(e.message);
    throw e;
  }
  if (!(await saveAll(store))) return fail('Saving the open changes failed, so nothing was renamed.');
  const now = store.getState();
  const current = now.project.artifacts.find((x) => x.type === a.type && x.name === from);
  const file = current && artifactKey(current);
  const parts = file ? fileParts(file) : undefined;
  const base = file ? now.saved[file] : undefined;
  if (!file || !parts || !base) return fail(`'${from}' is not saved on the server.`);
  let r: RenameArtifactResponse;
  try {
    r = await api.renameArtifact(parts.folder, parts.name, to, base.rev);
  } catch (e) {
    if (handleUnreachable(store, e)) return false;
    return fail(message(e));
  }
  const after = store.getState();
  const renamedFile = r.files[r.files.length - 1]?.path;
  after.dispatch(
    {
      label: `Rename ${from} to ${to}`,
      run: (p) => applyRename(p, file, r),
      ...(after.openKey === file && renamedFile
        ? { focus: { artifact: renamedFile, ...(after.selection ? { path: after.selection } : {}) } }
        : {}),
      keepSelection: true,
    },
    'record',
  );
  store
    .getState()
    .setSaved(
      savedAfterRename(store.getState().saved, r),
      r.config ? { xml: r.config.toml, rev: r.config.rev } : store.getState().savedConfig,
    );
  store.getState().toast({ kind: 'success', title: `Renamed ${from} to ${to}`, detail: describeRename(r) });
  return true;
}
