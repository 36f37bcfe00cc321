/**
 * The project, its history and its server state. `dispatch` is the only writer of `project`
 * apart from loads (which clear the history) and undo/redo; each caller says whether its change
 * enters the history (`HistoryMode`).
 */
import {
  DEFAULT_CONFIG,
  serializeArtifact,
  type Project,
  artifactKey,
  CONFIG_KEY,
  findByKey,
  replaceArtifactText,
  mediatorAtPath,
} from '@mediate/engine';
import type { StateCreator } from 'zustand';
import { sourceCommand, type Command } from './commands.js';
import { EMPTY_HISTORY, record, redo, undo, type Focus, type HistoryMode } from './history.js';
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

/** Keys of drafts whose artifact differs between two project states (a change would replace them). */
function replacedDrafts(
  drafts: Readonly<Record<string, SourceDraft>>,
  before: Project,
  after: Project,
): string[] {
  return Object.keys(drafts).filter((k) => findByKey(before.artifacts, k) !== findByKey(after.artifacts, k));
}

/** The drafts without `keys`. */
function withoutDrafts(
  drafts: Readonly<Record<string, SourceDraft>>,
  keys: readonly string[],
): Readonly<Record<string, SourceDraft>> {
  if (!keys.some((k) => k in drafts)) return drafts;
  return Object.fromEntries(Object.entries(drafts).filter(([k]) => !keys.includes(k)));
}

type SetState = (partial: Partial<Studio & StudioInternals>) => void;
type GetState = () => Studio & StudioInternals;

/**
 * A change that would replace drafts is held in `draftPrompt` (returns true) until the user
 * answers; `run` makes it once those drafts are gone. Unparsed source is never lost silently.
 */
function holdForDrafts(
  set: SetState,
  get: GetState,
  label: string,
  before: Project,
  after: Project,
  run: () => void,
) {
  const keys = replacedDrafts(get().drafts, before, after);
  if (!keys.length) return false;
  const proceed = () => {
    set({ drafts: withoutDrafts(get().drafts, keys), draftPrompt: undefined });
    run();
  };
  set({ draftPrompt: { label, keys, proceed } });
  return true;
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

    dispatch(cmd: Command, history: HistoryMode) {
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
      if (holdForDrafts(set, get, cmd.label, s.project, next, () => get().dispatch(cmd, history)))
        return false;
      set({
        project: next,
        ...(history === 'record'
          ? {
              history: record(
                s.history,
                s.project,
                { artifact: s.openKey, path: s.selection },
                cmd.label,
                now(),
                cmd.mergeKey,
              ),
            }
          : {}),
        ...focusAfter(s, next, cmd.focus, !!cmd.keepSelection),
      });
      return true;
    },

    resolveDraftPrompt(discard) {
      const p = get().draftPrompt;
      if (!p) return;
      if (discard) p.proceed();
      else set({ draftPrompt: undefined });
    },

    undo() {
      const s = get();
      const r = undo(s.history, s.project, { artifact: s.openKey, path: s.selection });
      if (!r) return;
      const label = `Undo ${s.history.past.at(-1)?.label ?? ''}`.trim();
      if (holdForDrafts(set, get, label, s.project, r.project, () => get().undo())) return;
      set({
        project: r.project,
        history: r.history,
        ...focusAfter(s, r.project, r.focus, false),
      });
    },

    redo() {
      const s = get();
      const r = redo(s.history, s.project, { artifact: s.openKey, path: s.selection });
      if (!r) return;
      const label = `Redo ${s.history.future.at(-1)?.label ?? ''}`.trim();
      if (holdForDrafts(set, get, label, s.project, r.project, () => get().redo())) return;
      set({
        project: r.project,
        history: r.history,
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
      // Text that parses replaces this artifact's draft (it is the draft, fixed).
      if (s.drafts[key]) set({ drafts: withoutDrafts(s.drafts, [key]) });
      // The parse already happened: reuse its result instead of parsing again in the command.
      const next = r.project;
      get().dispatch({ ...sourceCommand(key, text), run: () => next }, 'record');
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
        draftPrompt: undefined,
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
  });
}
