/**
 * Undo/redo as snapshots of the project (the model is immutable with structural sharing, so a
 * snapshot costs one pointer). Consecutive commits with the same merge key within a short window
 * fold into one step: a typing burst in the source or in an inspector field is one undo.
 */
import type { Project } from '@mediate/engine';

/**
 * Whether a change enters the undo history, said by every caller of `dispatch`: `record` makes
 * it an undo step (a user's edit, a reload from the server the user can take back); `skip`
 * replaces the project without one (bookkeeping the user did not make, such as following a file
 * a save moved).
 */
export type HistoryMode = 'record' | 'skip';

/** What the view showed with a snapshot, so undo brings the user back to where the edit was. */
export interface Focus {
  readonly artifact?: string;
  readonly path?: readonly (string | number)[];
}

/** One undoable step: the project before the step, and how to describe it. */
export interface HistoryEntry {
  readonly project: Project;
  readonly focus: Focus;
  readonly label: string;
  readonly mergeKey?: string;
  /** When the step was last extended (ms). */
  readonly time: number;
}

export interface History {
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
}

/** Steps kept; older ones fall off. */
export const HISTORY_LIMIT = 200;
/** Edits with one merge key closer together than this are one step. */
export const MERGE_WINDOW_MS = 1500;

export const EMPTY_HISTORY: History = { past: [], future: [] };

/**
 * Records that `before` was replaced by a new state. A commit that continues the last step (same
 * merge key, inside the window) only refreshes that step's time: undo still goes back to the
 * state before the burst began.
 */
export function record(
  h: History,
  before: Project,
  focus: Focus,
  label: string,
  now: number,
  mergeKey?: string,
): History {
  const last = h.past[h.past.length - 1];
  if (mergeKey && last && last.mergeKey === mergeKey && now - last.time < MERGE_WINDOW_MS) {
    return { past: [...h.past.slice(0, -1), { ...last, time: now }], future: [] };
  }
  const entry: HistoryEntry = { project: before, focus, label, time: now, ...(mergeKey ? { mergeKey } : {}) };
  const past = [...h.past, entry];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [] };
}

/** Undoes one step: returns the project to show and the new history, or undefined. */
export function undo(
  h: History,
  current: Project,
  focus: Focus,
): { project: Project; focus: Focus; label: string; history: History } | undefined {
  const last = h.past[h.past.length - 1];
  if (!last) return undefined;
  const redoEntry: HistoryEntry = { project: current, focus, label: last.label, time: 0 };
  return {
    project: last.project,
    focus: last.focus,
    label: last.label,
    history: { past: h.past.slice(0, -1), future: [...h.future, redoEntry] },
  };
}

/** Redoes one step. */
export function redo(
  h: History,
  current: Project,
  focus: Focus,
): { project: Project; focus: Focus; label: string; history: History } | undefined {
  const next = h.future[h.future.length - 1];
  if (!next) return undefined;
  const undoEntry: HistoryEntry = { project: current, focus, label: next.label, time: 0 };
  return {
    project: next.project,
    focus: next.focus,
    label: next.label,
    history: { past: [...h.past, undoEntry], future: h.future.slice(0, -1) },
  };
}
