/**
 * What a studio action is: one definition (label, shortcuts, when it is enabled, what it does)
 * that the top bar, the keyboard and the context menus all use, so a button, its key and its
 * menu item can never disagree.
 */
import type { StudioStore } from '../state/store.js';
import type { Studio } from '../state/studio-types.js';

/** Every action, by id. */
export type ActionId =
  | 'save'
  | 'deploy'
  | 'undo'
  | 'redo'
  | 'delete'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'deselect'
  | 'search'
  | 'import';

/**
 * A key chord. `key` is `KeyboardEvent.key` lower-cased (`s`, `enter`, `delete`). `mod` is Ctrl
 * or Cmd. For `mod`, `shift` and `alt`: true means pressed, false means not pressed, absent means
 * either.
 */
export interface Shortcut {
  readonly key: string;
  readonly mod?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
}

/**
 * Where an action's keys work. `anywhere`: also while typing in a field (save, deploy, search).
 * `history`: also in fields, except those that keep their own undo (`data-native-undo`).
 * `canvas`: only when the focus is not in a field (a field's Delete or Ctrl+C is its own).
 * Monaco handles its own keys and is never reached.
 */
export type ShortcutScope = 'anywhere' | 'history' | 'canvas';

export interface StudioAction {
  readonly id: ActionId;
  /** The words on a button or menu item. */
  readonly label: string;
  /** A tooltip for the current state (`Undo Insert log`, `The server is offline`). */
  readonly describe?: (s: Studio) => string;
  /** The first one is shown next to the label. */
  readonly shortcuts: readonly Shortcut[];
  readonly scope: ShortcutScope;
  /**
   * What its key does while the action is disabled: `run` keeps the key (`run` then says why
   * nothing happens, as the offline toast, or does nothing); `pass` leaves the key to the page.
   */
  readonly keyWhenDisabled: 'run' | 'pass';
  readonly enabled: (s: Studio) => boolean;
  readonly run: (store: StudioStore) => void;
}
