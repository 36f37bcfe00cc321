/**
 * View state: what is open and selected, the view mode, the dock, the theme, the clipboard and
 * toasts. None of it enters the undo history.
 */
import type { StateCreator } from 'zustand';
import type { Studio, StudioInternals, Theme, UiSlice } from './studio-types.js';

let toastId = 0;

function initialTheme(): Theme {
  if (typeof window === 'undefined') return 'light';
  const saved = window.localStorage?.getItem('mediate.theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createUiSlice: StateCreator<Studio & StudioInternals, [], [], UiSlice> = (set, get) => ({
  view: 'design',
  dockTab: 'logs',
  dockOpen: true,
  dockHeight: 260,
  theme: initialTheme(),
  toasts: [],
  search: { open: false, n: 0 },
  open(openKey, path) {
    set({ openKey, selection: path });
  },
  setSearch(open) {
    set({ search: { open, n: get().search.n + 1 } });
  },
  select(selection) {
    set({ selection });
  },
  setView(view) {
    set({ view });
  },
  setDock(dockTab, open = true) {
    set({ dockTab, dockOpen: open });
  },
  toggleDock() {
    set({ dockOpen: !get().dockOpen });
  },
  setDockHeight(px) {
    set({ dockHeight: Math.round(Math.min(Math.max(px, 120), window.innerHeight - 200)) });
  },
  setTheme(theme) {
    if (typeof window !== 'undefined') window.localStorage?.setItem('mediate.theme', theme);
    set({ theme });
  },
  setClipboard(clipboard) {
    set({ clipboard });
  },
  toast(t) {
    const id = ++toastId;
    const others = t.key ? get().toasts.filter((x) => x.key !== t.key) : get().toasts;
    set({ toasts: [...others.slice(-4), { ...t, id }] });
    if (typeof window !== 'undefined' && t.kind !== 'error') window.setTimeout(() => get().dismiss(id), 5000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  dismissKey(key) {
    if (get().toasts.some((t) => t.key === key)) set({ toasts: get().toasts.filter((t) => t.key !== key) });
  },
  revealLine(key, line, column) {
    set({ reveal: { key, line, column, n: (get().reveal?.n ?? 0) + 1 } });
  },
  setImportDialog(importDialog) {
    set({ importDialog });
  },
});
