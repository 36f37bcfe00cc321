/**
 * The studio's keyboard: each key press is looked up in the action registry
 * (`actions/shortcuts.ts`), which says what it means where the focus is. Monaco is left alone: it
 * binds the same actions itself (XmlEditor.tsx) and has its own find.
 */
import { useEffect } from 'react';
import { actionForKey } from '../actions/shortcuts.js';
import { ACTIONS } from '../actions/studio-actions.js';
import { studio } from '../state/store.js';

function inField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest?.('.monaco-editor')) return;
      const place = { inField: inField(target), nativeUndo: !!target?.closest?.('[data-native-undo]') };
      const id = actionForKey(e, place);
      if (!id) return;
      const action = ACTIONS[id];
      const enabled = action.enabled(studio.getState());
      if (!enabled && action.keyWhenDisabled === 'pass') return;
      e.preventDefault();
      action.run(studio);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
