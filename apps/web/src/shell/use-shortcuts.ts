/**
 * Global keyboard shortcuts: save, deploy, undo/redo and the project search (Ctrl/Cmd+F)
 * everywhere except Monaco (which has its own bindings to the same actions, and its own find) and
 * inputs that opt out; Delete, copy, cut, paste and duplicate on the selected mediator when focus
 * is not in a field.
 */
import { mediatorFragment, mediatorAtPath } from '@mediate/engine';
import { useEffect } from 'react';
import { insertCommand, removeCommand } from '../state/commands.js';
import { openArtifact } from '../state/selectors.js';
import { deploy, saveAll } from '../state/server-actions.js';
import { studio } from '../state/store.js';
import { describeMediator } from '../canvas/MediatorCard.js';

function inField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Copies the selected mediator (to the studio clipboard and, if allowed, the system one). */
export function copySelection(): boolean {
  const s = studio.getState();
  const a = openArtifact(s);
  const m = a && s.selection ? mediatorAtPath(a, s.selection) : undefined;
  if (!a || !m) return false;
  const xml = mediatorFragment(a, m.path);
  if (!xml) return false;
  s.setClipboard({ xml, label: describeMediator(m).label });
  void navigator.clipboard?.writeText(xml).catch(() => undefined);
  return true;
}

/** Pastes the clipboard after the selection (or at the end of the first list). */
export function pasteClipboard(): void {
  const s = studio.getState();
  const a = openArtifact(s);
  const clip = s.clipboard;
  if (!a || !clip || !s.openKey) return;
  const sel = s.selection;
  if (sel) {
    s.dispatch(insertCommand(s.openKey, sel.slice(0, -1), (sel[sel.length - 1] as number) + 1, clip));
    return;
  }
  const list = a.lists[0];
  if (list) s.dispatch(insertCommand(s.openKey, [list.key], list.mediators.length, clip));
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest?.('.monaco-editor')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const s = studio.getState();
      if (mod && key === 's') {
        e.preventDefault();
        void saveAll(studio);
        return;
      }
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        void deploy(studio);
        return;
      }
      if (mod && key === 'f' && !e.shiftKey && !e.altKey) {
        // The project search; inside the Source editor (returned above) Monaco's own find.
        e.preventDefault();
        s.setSearch(true);
        return;
      }
      const nativeUndo = !!target?.closest?.('[data-native-undo]') && inField(target);
      if (mod && !nativeUndo && (key === 'z' || key === 'y')) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) s.redo();
        else s.undo();
        return;
      }
      if (inField(target)) return;
      const sel = s.selection;
      if ((e.key === 'Delete' || e.key === 'Backspace') && sel && s.openKey) {
        e.preventDefault();
        s.dispatch(removeCommand(s.openKey, sel));
      } else if (e.key === 'Escape') s.select(undefined);
      else if (mod && key === 'c') {
        if (copySelection()) e.preventDefault();
      } else if (mod && key === 'x' && sel && s.openKey) {
        if (copySelection()) {
          e.preventDefault();
          s.dispatch({ ...removeCommand(s.openKey, sel), label: 'Cut mediator' });
        }
      } else if (mod && key === 'v' && s.clipboard) {
        e.preventDefault();
        pasteClipboard();
      } else if (mod && key === 'd' && sel) {
        e.preventDefault();
        if (copySelection()) pasteClipboard();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
