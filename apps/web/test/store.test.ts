/**
 * The store: commands change the project and enter the history; undo and redo restore it; a
 * typing burst (source or one inspector field) is one step; broken source is a draft.
 */
import { findArtifact, serializeArtifact } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import {
  changeCommand,
  createArtifactCommand,
  insertCommand,
  moveCommand,
  removeCommand,
} from '../src/state/commands.js';
import { MERGE_WINDOW_MS } from '../src/state/history.js';
import { pendingChanges } from '../src/state/selectors.js';
import { RESTART_TEXT } from '../src/state/logs-slice.js';
import { createStudioStore } from '../src/state/store.js';
import { mergeStored } from '../src/state/workspace-merge.js';
import { DISPATCH, DISPATCH_FILE, OUT_FILE, seedProject } from './fixtures.js';

function setup() {
  let t = 1000;
  const clock = { tick: (ms: number) => (t += ms) };
  const store = createStudioStore({ now: () => t });
  store.getState().loadWorkspace(seedProject(), {
    [DISPATCH_FILE]: { xml: DISPATCH, rev: 'r1' },
  });
  store.getState().open(DISPATCH_FILE);
  return { store, clock };
}

const text = (s: ReturnType<typeof setup>['store'], name = 'dispatchSeq') =>
  serializeArtifact(findArtifact(s.getState().project, { type: 'sequence', name })!);

describe('commands and history', () => {
  it('inserts from the palette, selects the new mediator, and undoes/redoes', () => {
    const { store } = setup();
    const before = text(store);
    expect(
      store.getState().dispatch(insertCommand(DISPATCH_FILE, ['sequence'], 0, { kind: 'log' }), 'record'),
    ).toBe(true);
    expect(text(store)).toContain('<log level="full"/>');
    expect(store.getState().selection).toEqual(['sequence', 0]);
    store.getState().undo();
    expect(text(store)).toBe(before);
    store.getState().redo();
    expect(text(store)).toContain('<log level="full"/>');
  });

  it('moves a mediator out of <in> to the top level, and back with undo', () => {
    const { store } = setup();
    const before = text(store);
    store
      .getState()
      .dispatch(moveCommand(DISPATCH_FILE, ['sequence', 0, 'body', 2], ['sequence'], 1), 'record');
    const seq = findArtifact(store.getState().project, { type: 'sequence', name: 'dispatchSeq' })!;
    expect(seq.lists[0]!.mediators.map((m) => m.kind)).toEqual(['in', 'send']);
    expect(store.getState().selection).toEqual(['sequence', 1]);
    store.getState().undo();
    expect(text(store)).toBe(before);
    store.getState().redo();
    expect(text(store)).not.toBe(before);
  });

  it('folds a burst of edits of one inspector field into one undo step', () => {
    const { store, clock } = setup();
    const path = ['sequence', 0, 'body', 0];
    for (const v of ['A', 'AB', 'ABC']) {
      clock.tick(200);
      store.getState().dispatch(changeCommand(DISPATCH_FILE, path, { name: v }), 'record');
    }
    expect(store.getState().history.past).toHaveLength(1);
    expect(text(store)).toContain('name="ABC"');
    store.getState().undo();
    expect(text(store)).toBe(DISPATCH);
  });

  it('starts a new step after a pause or on another field', () => {
    const { store, clock } = setup();
    const path = ['sequence', 0, 'body', 0];
    store.getState().dispatch(changeCommand(DISPATCH_FILE, path, { name: 'A' }), 'record');
    clock.tick(MERGE_WINDOW_MS + 1);
    store.getState().dispatch(changeCommand(DISPATCH_FILE, path, { name: 'B' }), 'record');
    store.getState().dispatch(changeCommand(DISPATCH_FILE, path, { value: 'x' }), 'record');
    expect(store.getState().history.past).toHaveLength(3);
  });

  it('reports an edit that fails and leaves the project alone', () => {
    const { store } = setup();
    const p = store.getState().project;
    expect(store.getState().dispatch(removeCommand(DISPATCH_FILE, ['sequence', 9]), 'record')).toBe(false);
    expect(store.getState().project).toBe(p);
    expect(store.getState().toasts.at(-1)?.kind).toBe('error');
  });

  it('creates an artifact, opens it, and lists it as a pending save', () => {
    const { store } = setup();
    store.getState().dispatch(createArtifactCommand('proxy', 'websocketProxy1'), 'record');
    expect(store.getState().openKey).toBe('artifacts/proxy-services/websocketProxy1.xml');
    const s = store.getState();
    const c = pendingChanges(s.project, s.saved);
    expect(c.puts.map((p) => p.to)).toEqual([OUT_FILE, 'artifacts/proxy-services/websocketProxy1.xml']);
  });
});

describe('source edits', () => {
  it('a burst of good parses is one step', () => {
    const { store, clock } = setup();
    store.getState().applySource(DISPATCH_FILE, DISPATCH.replace('OUT_ONLY', 'OUT_ONLY2'));
    clock.tick(500);
    store.getState().applySource(DISPATCH_FILE, DISPATCH.replace('OUT_ONLY', 'OUT_ONLY23'));
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(text(store)).toBe(DISPATCH);
  });

  it('keeps the last good model and a located draft when the XML breaks, and recovers', () => {
    const { store } = setup();
    const broken = DISPATCH.replace('<send>', '<send');
    store.getState().applySource(DISPATCH_FILE, broken);
    expect(text(store)).toBe(DISPATCH);
    const draft = store.getState().drafts[DISPATCH_FILE]!;
    expect(draft.text).toBe(broken);
    expect(draft.diagnostics[0]!.line).toBeGreaterThan(1);
    const fixed = DISPATCH.replace('value="true"/>', 'value="false"/>');
    store.getState().applySource(DISPATCH_FILE, fixed);
    expect(store.getState().drafts[DISPATCH_FILE]).toBeUndefined();
    expect(text(store)).toBe(fixed);
  });

  it('undo that would replace a draft asks first: keep leaves both alone, discard undoes', () => {
    const { store } = setup();
    store.getState().dispatch(removeCommand(DISPATCH_FILE, ['sequence', 0]), 'record');
    const removed = text(store);
    store.getState().applySource(DISPATCH_FILE, '<sequence');
    store.getState().undo();
    expect(store.getState().draftPrompt).toMatchObject({
      label: 'Undo Delete mediator',
      keys: [DISPATCH_FILE],
    });
    expect(text(store)).toBe(removed);
    store.getState().resolveDraftPrompt(false);
    expect(store.getState().draftPrompt).toBeUndefined();
    expect(store.getState().drafts[DISPATCH_FILE]?.text).toBe('<sequence');
    expect(text(store)).toBe(removed);
    store.getState().undo();
    store.getState().resolveDraftPrompt(true);
    expect(store.getState().draftPrompt).toBeUndefined();
    expect(store.getState().drafts[DISPATCH_FILE]).toBeUndefined();
    expect(text(store)).toBe(DISPATCH);
  });

  it('a canvas edit of an artifact with a draft waits for the user; other artifacts do not', () => {
    const { store } = setup();
    store.getState().applySource(DISPATCH_FILE, '<sequence');
    const insert = insertCommand(DISPATCH_FILE, ['sequence'], 0, { kind: 'log' });
    expect(store.getState().dispatch(insert, 'record')).toBe(false);
    expect(text(store)).toBe(DISPATCH);
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().draftPrompt?.label).toBe('Insert Log');
    store.getState().resolveDraftPrompt(true);
    expect(store.getState().drafts).toEqual({});
    expect(text(store)).toContain('<log');
    expect(store.getState().history.past).toHaveLength(1);
    // A draft of another artifact is not in the way.
    store.getState().applySource(OUT_FILE, '<sequence');
    expect(
      store.getState().dispatch(insertCommand(DISPATCH_FILE, ['sequence'], 0, { kind: 'log' }), 'record'),
    ).toBe(true);
    expect(store.getState().draftPrompt).toBeUndefined();
    expect(store.getState().drafts[OUT_FILE]?.text).toBe('<sequence');
  });
});

describe('mergeStored', () => {
  const server = { 'a.xml': { xml: 'A2', rev: '2' }, 'b.xml': { xml: 'B1', rev: '1' } };
  it('keeps local edits made on the current revision, takes the server copy of untouched files', () => {
    const m = mergeStored(server, undefined, {
      configText: '',
      files: [
        { path: 'a.xml', text: 'A2 edited' },
        { path: 'b.xml', text: 'B0' },
      ],
      base: { 'a.xml': { xml: 'A2', rev: '2' }, 'b.xml': { xml: 'B0', rev: '0' } },
      drafts: {},
    });
    expect(m.files).toEqual([
      { path: 'a.xml', text: 'A2 edited' },
      { path: 'b.xml', text: 'B1' },
    ]);
    expect(m.conflicts).toEqual([]);
  });

  it('flags a local edit whose file moved on the server', () => {
    const m = mergeStored(server, undefined, {
      configText: '',
      files: [{ path: 'a.xml', text: 'A1 edited' }],
      base: { 'a.xml': { xml: 'A1', rev: '1' }, 'b.xml': { xml: 'B1', rev: '1' } },
      drafts: {},
    });
    expect(m.files).toEqual([{ path: 'a.xml', text: 'A1 edited' }]);
    expect(m.conflicts.map((c) => c.file)).toEqual(['a.xml']);
  });
});

describe('log stream', () => {
  const ev = (seq: number) => ({
    seq,
    time: 0,
    kind: 'log' as const,
    level: 'INFO' as const,
    category: 'X',
    text: `${seq}`,
  });
  it('keeps each event once while connected to one server process', () => {
    const store = createStudioStore();
    store.getState().serverHello('boot-a');
    store.getState().appendEvents([ev(1), ev(2), ev(3)]);
    store.getState().serverHello('boot-a');
    store.getState().appendEvents([ev(4)]);
    store.getState().appendEvents([ev(4), ev(5)]);
    expect(store.getState().events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(store.getState()).toMatchObject({ boot: 'boot-a', lastSeq: 5, seqOffset: 0 });
  });

  it('keeps the old lines after a server restart, marks where the new process begins, numbers on', () => {
    const store = createStudioStore();
    store.getState().serverHello('boot-a');
    store.getState().appendEvents([ev(1), ev(2), ev(3)]);
    store.getState().serverHello('boot-b');
    // The new process replays from its own 1 (the old `since` and boot went with the request).
    expect(store.getState().lastSeq).toBe(-1);
    store.getState().appendEvents([ev(1), ev(2)]);
    const events = store.getState().events;
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.map((e) => e.text)).toEqual(['1', '2', '3', RESTART_TEXT, '1', '2']);
    expect(events[3]).toMatchObject({ restart: true, level: 'WARN' });
    expect(store.getState()).toMatchObject({ boot: 'boot-b', lastSeq: 2, seqOffset: 4 });
    // Resuming with the new process goes on from its own numbers.
    store.getState().serverHello('boot-b');
    store.getState().appendEvents([ev(2), ev(3)]);
    expect(store.getState().events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
