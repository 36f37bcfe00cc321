/**
 * Which action a key press means, from the registry's shortcuts and scopes. Pure: the caller
 * says where the focus is (`KeyPlace`), so it is tested without a DOM.
 */
import type { ActionId, Shortcut, StudioAction } from './action-types.js';
import { ACTIONS } from './studio-actions.js';

/** The parts of a KeyboardEvent that pick an action. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
}

/** Where the focus is when the key is pressed. */
export interface KeyPlace {
  /** In an input, a text area, a select or editable content. */
  readonly inField: boolean;
  /** In a field that keeps its own undo (`data-native-undo`). */
  readonly nativeUndo: boolean;
}

function matches(k: Shortcut, e: KeyPress): boolean {
  const mod = !!(e.ctrlKey || e.metaKey);
  return (
    e.key.toLowerCase() === k.key &&
    (k.mod === undefined || k.mod === mod) &&
    (k.shift === undefined || k.shift === !!e.shiftKey) &&
    (k.alt === undefined || k.alt === !!e.altKey)
  );
}

function inScope(a: StudioAction, place: KeyPlace): boolean {
  if (a.scope === 'anywhere') return true;
  if (a.scope === 'history') return !(place.inField && place.nativeUndo);
  return !place.inField;
}

/** The action a key press means where it happened, if any (enabled or not). */
export function actionForKey(e: KeyPress, place: KeyPlace): ActionId | undefined {
  for (const a of Object.values(ACTIONS))
    if (inScope(a, place) && a.shortcuts.some((k) => matches(k, e))) return a.id;
  return undefined;
}
