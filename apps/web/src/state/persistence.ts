/**
 * Unsaved work survives a reload: the working files, the server revisions they started from, and
 * any source that did not parse are written to localStorage a moment after each change.
 */
import { artifactKey } from '@mediate/engine';
import { textOf } from './selectors.js';
import type { StudioStore } from './store.js';
import type { SavedFile } from './studio-types.js';

const KEY = 'mediate.workspace.v1';

/** What is kept between page loads. */
export interface StoredWorkspace {
  readonly configText: string;
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** The server copies the files started from. */
  readonly base: Readonly<Record<string, SavedFile>>;
  readonly baseConfig?: SavedFile;
  /** Source that did not parse, by artifact key. */
  readonly drafts: Readonly<Record<string, string>>;
  readonly openKey?: string;
}

/** Reads the stored workspace, if any. */
export function readStored(): StoredWorkspace | undefined {
  try {
    const text = window.localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as StoredWorkspace) : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the stored workspace. */
export function clearStored(): void {
  window.localStorage.removeItem(KEY);
}

/** Writes the pending state now, while persistence runs (before a reload reads it back). */
let flush: (() => void) | undefined;

/** Writes what changed to localStorage now instead of a moment later; nothing when not running. */
export function persistNow(): void {
  flush?.();
}

/** Keeps localStorage in step with the store from now on. */
export function startPersistence(store: StudioStore): () => void {
  let timer: number | undefined;
  const write = () => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    const s = store.getState();
    const stored: StoredWorkspace = {
      configText: s.project.configText,
      files: s.project.artifacts.map((a) => ({ path: artifactKey(a), text: textOf(a) })),
      base: s.saved,
      ...(s.savedConfig ? { baseConfig: s.savedConfig } : {}),
      drafts: Object.fromEntries(Object.entries(s.drafts).map(([k, d]) => [k, d.text])),
      ...(s.openKey ? { openKey: s.openKey } : {}),
    };
    try {
      window.localStorage.setItem(KEY, JSON.stringify(stored));
    } catch {
      // Quota exceeded: the work is still in memory; nothing better to do here.
    }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (
      s.project === prev.project &&
      s.drafts === prev.drafts &&
      s.saved === prev.saved &&
      s.openKey === prev.openKey
    )
      return;
    if (timer === undefined) timer = window.setTimeout(write, 250);
  });
  window.addEventListener('beforeunload', write);
  flush = write;
  return () => {
    if (flush === write) flush = undefined;
    unsubscribe();
    window.removeEventListener('beforeunload', write);
  };
}
