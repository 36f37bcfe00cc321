/**
 * The project, its history and its server state. `dispatch` is the only writer of `project`
 * apart from loads (which clear the history) and post-save file renames.
 */
import { DEFAULT_CONFIG, serializeArtifact, type Project } from '@mediate/engine';
import type { StateCreator } from 'zustand';
import { artifactKey, CONFIG_KEY, findByKey } from '../model/artifact-keys.js';
import { replaceArtifactText } from '../model/artifact-edits.js';
import { mediatorAtPath } from '../model/mediator-lookup.js';
import { sourceCommand, type Command } from './commands.js';
import { EMPTY_HISTORY, record, redo, undo, type Focus } from './history.js';
import type { SourceDraft, Studio, StudioInternals, WorkspaceSlice } from './studio-types.js';

/** Options that tests replace. */
export interface StoreOptions {
  readonly now?: () => number;
}

/** An empty project, before anything loads. */
export const EMPTY_PROJECT: Project = {
  configText: '',
  config: DEFAULT_CONFIG,
  artifacts: [],
};

/** Drafts of artifacts that changed are stale: the editor shows the model's text again. */
function pruneDrafts(
  drafts: Readonly<Record<string, SourceDraft>>,
  before: Project,
  after: Project,
): Readonly<Record<string, SourceDraft>> {
  const keys = Object.keys(drafts);
  if (!keys.length) return drafts;
  const out: Record<string, SourceDraft> = {};
  for (const k of keys) {
    if (findByKey(before.artifacts, k) === findByKey(after.artifacts, k)) out[k] = drafts[k] as SourceDraft;
  }
  return out;
}

/** Where the view goes after a project change. */
function focusAfter(s: Studio, next: Project, focus: Focus | undefined, keep: boolean) {
  const openKey = focus ? focus.artifact : s.openKey;
  const open = findByKey(next.artifacts, openKey);
  let selection = focus?.path;
  if (keep && !selection && s.selection && open && openKey === s.openKey && mediatorAtPath(open, s.selection))
    selection = s.selection;
  if (selection && (!open || !mediatorAtPath(open, selection))) selection = undefined;
  return { openKey: open || openKey === CONFIG_KEY ? openKey : undefined, selection };
}

export function createWorkspaceSlice(
  opts: StoreOptions,
): StateCreator<Studio & StudioInternals, [], [], WorkspaceSlice & StudioInternals> {
  const now = opts.now ?? (() => Date.now());
  return (set, get) => ({
    project: EMPTY_PROJECT,
    history: EMPTY_HISTORY,
    saved: {},
    drafts: {},
    conflicts: [],
    server: 'connecting',
    saving: false,

    dispatch(cmd: Command) {
      const s = get();
      let next: Project;
      try {
        next = cmd.run(s.project);
      } catch (e) {
        s.toast({
          kind: 'error',
          title: `${cmd.label} failed`,
          detail: e instanceof Error ? e.message : String(e),
        });
        return false;
      }
      if (next === s.project) return true;
      const history = record(
        s.history,
        s.project,
        { artifact: s.openKey, path: s.selection },
        cmd.label,
        now(),
        cmd.mergeKey,
      );
      set({
        project: next,
        history,
        drafts: pruneDrafts(s.drafts, s.project, next),
        ...focusAfter(s, next, cmd.focus, !!cmd.keepSelection),
      });
      return true;
    },

    undo() {
      const s = get();
      const r = undo(s.history, s.project, { artifact: s.openKey, path: s.selection });
      if (!r) return;
      set({
        project: r.project,
        history: r.history,
        drafts: pruneDrafts(s.drafts, s.project, r.project),
        ...focusAfter(s, r.project, r.focus, false),
      });
    },

    redo() {
      const s = get();
      const r = redo(s.history, s.project, { artifact: s.openKey, path: s.selection });
      if (!r) return;
      set({
        project: r.project,
        history: r.history,
        drafts: pruneDrafts(s.drafts, s.project, r.project),
        ...focusAfter(s, r.project, r.focus, false),
      });
    },

    applySource(key, text) {
      const s = get();
      const a = findByKey(s.project.artifacts, key);
      if (!a) return;
      if (serializeArtifact(a) === text) {
        if (s.drafts[key]) {
          const { [key]: _gone, ...rest } = s.drafts;
          set({ drafts: rest });
        }
        return;
      }
      const r = replaceArtifactText(s.project, key, text);
      if (!r.ok) {
        set({ drafts: { ...s.drafts, [key]: { text, diagnostics: r.diagnostics } } });
        return;
      }
      // The parse already happened: reuse its result instead of parsing again in the command.
      const next = r.project;
      s.dispatch({ ...sourceCommand(key, text), run: () => next });
      // A good parse may rename the artifact's key only on save; the draft (if any) is gone.
      const { [key]: _gone, ...rest } = get().drafts;
      set({ drafts: rest });
    },

    discardDraft(key) {
      const { [key]: gone, ...rest } = get().drafts;
      if (gone) set({ drafts: rest });
    },

    loadWorkspace(project, saved, savedConfig) {
      const s = get();
      const openKey = findByKey(project.artifacts, s.openKey)
        ? s.openKey
        : project.artifacts.map(artifactKey)[0];
      set({
        project,
        saved,
        savedConfig,
        history: EMPTY_HISTORY,
        drafts: {},
        conflicts: [],
        openKey,
        selection: undefined,
      });
    },

    setSaved(saved, savedConfig) {
      set(savedConfig ? { saved, savedConfig } : { saved });
    },
    setConflicts(conflicts) {
      set({ conflicts });
    },
    setServer(server) {
      set({ server });
    },
    setSaving(saving) {
      set({ saving });
    },
    patchProject(project) {
      set({ project });
    },
  });
}
