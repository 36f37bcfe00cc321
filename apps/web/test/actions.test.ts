/**
 * The action registry: which key means which action where the focus is, when each action is
 * enabled, and what running it does to a real store (the top bar, the keys and the menus all
 * go through these).
 */
import { findArtifact, serializeArtifact } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import type { ActionId } from '../src/actions/action-types.js';
import { actionForKey, type KeyPlace, type KeyPress } from '../src/actions/shortcuts.js';
import { ACTIONS, actionTitle, runAction, shortcutLabel } from '../src/actions/studio-actions.js';
import { insertCommand } from '../src/state/commands.js';
import { createStudioStore } from '../src/state/store.js';
import { DISPATCH, DISPATCH_FILE, seedProject } from './fixtures.js';

const OUTSIDE: KeyPlace = { inField: false, nativeUndo: false };
const FIELD: KeyPlace = { inField: true, nativeUndo: false };
const NATIVE: KeyPlace = { inField: true, nativeUndo: true };

function setup() {
  const store = createStudioStore();
  store.getState().loadWorkspace(seedProject(), { [DISPATCH_FILE]: { xml: DISPATCH, rev: 'r1' } });
  store.getState().open(DISPATCH_FILE);
  return store;
}

const enabled = (store: ReturnType<typeof setup>) =>
  (Object.keys(ACTIONS) as ActionId[]).filter((id) => ACTIONS[id].enabled(store.getState())).sort();

const text = (store: ReturnType<typeof setup>) =>
  serializeArtifact(findArtifact(store.getState().project, { type: 'sequence', name: 'dispatchSeq' })!);

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<KeyPress> = {}, place = OUTSIDE) =>
    actionForKey({ key: k, ...mods }, place);

  it('map each chord to its action, with Ctrl or Cmd', () => {
    expect(key('s', { ctrlKey: true })).toBe('save');
    expect(key('S', { metaKey: true, shiftKey: true })).toBe('save');
    expect(key('Enter', { ctrlKey: true })).toBe('deploy');
    expect(key('z', { ctrlKey: true })).toBe('undo');
    expect(key('Z', { metaKey: true, shiftKey: true })).toBe('redo');
    expect(key('y', { ctrlKey: true })).toBe('redo');
    expect(key('f', { ctrlKey: true })).toBe('search');
    expect(key('Delete')).toBe('delete');
    expect(key('Backspace')).toBe('delete');
    expect(key('c', { ctrlKey: true })).toBe('copy');
    expect(key('x', { metaKey: true })).toBe('cut');
    expect(key('v', { ctrlKey: true })).toBe('paste');
    expect(key('d', { ctrlKey: true })).toBe('duplicate');
    expect(key('Escape')).toBe('deselect');
  });

  it('leave other chords alone', () => {
    expect(key('s')).toBeUndefined();
    expect(key('Enter')).toBeUndefined();
    expect(key('f', { ctrlKey: true, shiftKey: true })).toBeUndefined();
    expect(key('f', { ctrlKey: true, altKey: true })).toBeUndefined();
    expect(key('c')).toBeUndefined();
  });

  it('in a field: save, deploy, search and undo still work; Delete, copy and paste are the field’s', () => {
    expect(key('s', { ctrlKey: true }, FIELD)).toBe('save');
    expect(key('Enter', { ctrlKey: true }, FIELD)).toBe('deploy');
    expect(key('f', { ctrlKey: true }, FIELD)).toBe('search');
    expect(key('z', { ctrlKey: true }, FIELD)).toBe('undo');
    for (const k of ['Delete', 'Backspace', 'Escape']) expect(key(k, {}, FIELD)).toBeUndefined();
    for (const k of ['c', 'x', 'v', 'd']) expect(key(k, { ctrlKey: true }, FIELD)).toBeUndefined();
    // A field with its own undo keeps Ctrl+Z and Ctrl+Y.
    expect(key('z', { ctrlKey: true }, NATIVE)).toBeUndefined();
    expect(key('y', { ctrlKey: true }, NATIVE)).toBeUndefined();
    expect(key('s', { ctrlKey: true }, NATIVE)).toBe('save');
  });

  it('no two actions share a chord, and each is written as people read it', () => {
    const chords = Object.values(ACTIONS).flatMap((a) => a.shortcuts.map((k) => JSON.stringify(k)));
    expect(new Set(chords).size).toBe(chords.length);
    expect(shortcutLabel(ACTIONS.save)).toBe('Ctrl/Cmd+S');
    expect(shortcutLabel(ACTIONS.deploy)).toBe('Ctrl/Cmd+Enter');
    expect(shortcutLabel(ACTIONS.redo)).toBe('Ctrl/Cmd+Shift+Z');
    expect(shortcutLabel(ACTIONS.delete)).toBe('Delete');
    expect(shortcutLabel(ACTIONS.import)).toBeUndefined();
    for (const [id, a] of Object.entries(ACTIONS)) expect(a.id).toBe(id);
  });
});

describe('enabled states', () => {
  it('without the server: nothing that needs it; with it: save, deploy, import', () => {
    const store = setup();
    expect(enabled(store)).toEqual(['search']);
    expect(actionTitle(ACTIONS.save, store.getState())).toBe(
      'The server is offline; your changes are kept in this browser',
    );
    store.getState().setServer('online');
    expect(enabled(store)).toEqual(['deploy', 'import', 'save', 'search']);
    expect(actionTitle(ACTIONS.save, store.getState())).toBe('Save all (Ctrl/Cmd+S)');
    store.getState().setDeploying(true);
    expect(ACTIONS.deploy.enabled(store.getState())).toBe(false);
  });

  it('undo after an edit, redo after an undo', () => {
    const store = setup();
    store.getState().dispatch(insertCommand(DISPATCH_FILE, ['sequence'], 0, { kind: 'log' }), 'record');
    expect(enabled(store)).toContain('undo');
    expect(actionTitle(ACTIONS.undo, store.getState())).toBe('Undo Insert Log (Ctrl/Cmd+Z)');
    expect(enabled(store)).not.toContain('redo');
    runAction('undo', store);
    expect(enabled(store)).toEqual(expect.arrayContaining(['redo']));
    expect(enabled(store)).not.toContain('undo');
  });

  it('mediator actions need a selected mediator; paste needs something copied', () => {
    const store = setup();
    const mediatorActions = ['copy', 'cut', 'delete', 'deselect', 'duplicate'];
    expect(enabled(store)).not.toEqual(expect.arrayContaining(['copy']));
    store.getState().select(['sequence', 0, 'body', 0]);
    expect(enabled(store)).toEqual(expect.arrayContaining(mediatorActions));
    expect(enabled(store)).not.toContain('paste');
    store.getState().select(['sequence', 9]);
    expect(enabled(store).filter((id) => mediatorActions.includes(id))).toEqual(['deselect']);
    store.getState().setClipboard({ xml: '<drop/>', label: 'Drop' });
    expect(enabled(store)).toContain('paste');
    store.getState().open(undefined);
    expect(enabled(store)).not.toContain('paste');
  });
});

describe('running actions', () => {
  it('copy and paste after the selection; duplicate; cut; delete; each one undo step', () => {
    const store = setup();
    store.getState().select(['sequence', 0, 'body', 0]);
    expect(runAction('copy', store)).toBe(true);
    expect(store.getState().clipboard?.xml).toBe('<property name="OUT_ONLY" value="true"/>');
    runAction('paste', store);
    expect(store.getState().selection).toEqual(['sequence', 0, 'body', 1]);
    runAction('duplicate', store);
    expect(text(store).match(/name="OUT_ONLY"/g)).toHaveLength(3);
    runAction('cut', store);
    expect(store.getState().history.past.at(-1)?.label).toBe('Cut mediator');
    store.getState().select(['sequence', 0, 'body', 0]);
    runAction('delete', store);
    expect(store.getState().history.past.map((h) => h.label)).toEqual([
      'Insert Property',
      'Insert Property',
      'Cut mediator',
      'Delete mediator',
    ]);
    expect(text(store).match(/name="OUT_ONLY"/g)).toHaveLength(1);
    runAction('deselect', store);
    expect(store.getState().selection).toBeUndefined();
    // Disabled now: nothing happens.
    expect(runAction('delete', store)).toBe(false);
  });

  it('paste without a selection goes to the end of the first list; search opens the search', () => {
    const store = setup();
    store.getState().setClipboard({ xml: '<drop/>', label: 'Drop' });
    runAction('paste', store);
    expect(store.getState().selection).toEqual(['sequence', 1]);
    expect(text(store)).toContain('<drop/>');
    runAction('search', store);
    expect(store.getState().search.open).toBe(true);
  });
});
