/**
 * The studio's actions, one registry: the top bar's buttons (`ActionButton`), the keyboard
 * (`use-shortcuts.ts`), the canvas's context menu (`ActionMenu`) and Monaco's bindings all
 * take label, keys, enabled state and behaviour from here. To add an action, add its id to
 * `ActionId` and its entry below: the table's type makes a missing one a compile error.
 */
import { openImport } from '../state/import-actions.js';
import { removeCommand } from '../state/commands.js';
import { deploy, saveAll } from '../state/server-actions.js';
import type { StudioStore } from '../state/store.js';
import type { Studio } from '../state/studio-types.js';
import type { ActionId, StudioAction } from './action-types.js';
import { canPaste, copySelection, pasteClipboard, selectedMediator } from './mediator-clipboard.js';

const online = (s: Studio) => s.server === 'online';
const hasSelection = (s: Studio) => !!selectedMediator(s);

/** Removes the selected mediator under `label`. */
function removeSelection(store: StudioStore, label: string): void {
  const s = store.getState();
  if (s.openKey && s.selection && selectedMediator(s))
    s.dispatch({ ...removeCommand(s.openKey, s.selection), label }, 'record');
}

/** Every action, by id. */
export const ACTIONS: { readonly [K in ActionId]: StudioAction & { readonly id: K } } = {
  save: {
    id: 'save',
    label: 'Save',
    describe: (s) =>
      online(s) ? 'Save all' : 'The server is offline; your changes are kept in this browser',
    shortcuts: [{ key: 's', mod: true }],
    scope: 'anywhere',
    keyWhenDisabled: 'run',
    enabled: online,
    run: (store) => void saveAll(store),
  },
  deploy: {
    id: 'deploy',
    label: 'Deploy',
    describe: (s) => (online(s) ? 'Save and deploy' : 'The server is offline'),
    shortcuts: [{ key: 'enter', mod: true }],
    scope: 'anywhere',
    keyWhenDisabled: 'run',
    enabled: (s) => online(s) && !s.deploying,
    run: (store) => void deploy(store),
  },
  undo: {
    id: 'undo',
    label: 'Undo',
    describe: (s) => `Undo ${s.history.past.at(-1)?.label ?? ''}`.trim(),
    shortcuts: [{ key: 'z', mod: true, shift: false }],
    scope: 'history',
    keyWhenDisabled: 'run',
    enabled: (s) => s.history.past.length > 0,
    run: (store) => store.getState().undo(),
  },
  redo: {
    id: 'redo',
    label: 'Redo',
    describe: (s) => `Redo ${s.history.future.at(-1)?.label ?? ''}`.trim(),
    shortcuts: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    scope: 'history',
    keyWhenDisabled: 'run',
    enabled: (s) => s.history.future.length > 0,
    run: (store) => store.getState().redo(),
  },
  delete: {
    id: 'delete',
    label: 'Delete',
    describe: () => 'Delete the selected mediator',
    shortcuts: [{ key: 'delete' }, { key: 'backspace' }],
    scope: 'canvas',
    keyWhenDisabled: 'pass',
    enabled: hasSelection,
    run: (store) => removeSelection(store, 'Delete mediator'),
  },
  copy: {
    id: 'copy',
    label: 'Copy',
    describe: () => 'Copy the selected mediator',
    shortcuts: [{ key: 'c', mod: true }],
    scope: 'canvas',
    keyWhenDisabled: 'pass',
    enabled: hasSelection,
    run: (store) => void copySelection(store),
  },
  cut: {
    id: 'cut',
    label: 'Cut',
    describe: () => 'Cut the selected mediator',
    shortcuts: [{ key: 'x', mod: true }],
    scope: 'canvas',
    keyWhenDisabled: 'pass',
    enabled: hasSelection,
    run: (store) => {
      if (copySelection(store)) removeSelection(store, 'Cut mediator');
    },
  },
  paste: {
    id: 'paste',
    label: 'Paste',
    describe: (s) => (s.clipboard ? `Paste ${s.clipboard.label} after the selection` : 'Nothing copied yet'),
    shortcuts: [{ key: 'v', mod: true }],
    scope: 'canvas',
    keyWhenDisabled: 'pass',
    enabled: canPaste,
    run: (store) => pasteClipboard(store),
  },
  duplicate: {
    id: 'duplicate',
    label: 'Duplicate',
    describe: () => 'Insert a copy of the selected mediator after it',
    shortcuts: [{ key: 'd', mod: true }],
    scope: 'canvas',
    keyWhenDisabled: 'pass',
    enabled: hasSelection,
    run: (store) => {
      if (copySelection(store)) pasteClipboard(store);
    },
  },
  deselect: {
    id: 'deselect',
    label: 'Deselect',
    shortcuts: [{ key: 'escape' }],
    scope: 'canvas',
    keyWhenDisabled: 'pass',
    enabled: (s) => s.selection !== undefined,
    run: (store) => store.getState().select(undefined),
  },
  search: {
    id: 'search',
    label: 'Search…',
    describe: () => 'Search artifact names, mediators and XML',
    shortcuts: [{ key: 'f', mod: true, shift: false, alt: false }],
    scope: 'anywhere',
    keyWhenDisabled: 'run',
    enabled: () => true,
    run: (store) => store.getState().setSearch(true),
  },
  import: {
    id: 'import',
    label: 'Import…',
    describe: (s) =>
      online(s)
        ? 'Import an MI project, a CApp (.car) or a <definitions> file into this project'
        : 'The server is offline',
    shortcuts: [],
    scope: 'anywhere',
    keyWhenDisabled: 'pass',
    enabled: online,
    run: (store) => openImport(store),
  },
};

/** Runs an action if it is enabled; returns whether it ran. */
export function runAction(id: ActionId, store: StudioStore): boolean {
  const action = ACTIONS[id];
  if (!action.enabled(store.getState())) return false;
  action.run(store);
  return true;
}

/** `Ctrl/Cmd+Shift+Z`: how a shortcut is written in tooltips and menus. */
export function shortcutLabel(action: StudioAction): string | undefined {
  const k = action.shortcuts[0];
  if (!k) return undefined;
  const key = k.key.length === 1 ? k.key.toUpperCase() : k.key[0]!.toUpperCase() + k.key.slice(1);
  return [k.mod && 'Ctrl/Cmd', k.shift && 'Shift', k.alt && 'Alt', key].filter(Boolean).join('+');
}

/** The tooltip of an action's button: what it does now, and its key. */
export function actionTitle(action: StudioAction, s: Studio): string {
  const what = action.describe?.(s) ?? action.label;
  const key = shortcutLabel(action);
  return key && action.enabled(s) ? `${what} (${key})` : what;
}
