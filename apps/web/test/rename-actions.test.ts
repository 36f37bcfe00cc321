/**
 * The studio's side of a rename: the server's answer (the files it wrote) becomes the project and
 * the saved copies, as one undo step; `skip` changes the project without one.
 */
import { buildProject, findArtifact, planArtifactRename, type RenameArtifactResponse } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import { pendingChanges } from '../src/state/selectors.js';
import { applyRename, describeRename, savedAfterRename } from '../src/state/rename-actions.js';
import { createStudioStore } from '../src/state/store.js';
import { DISPATCH, DISPATCH_FILE, OUT, OUT_FILE } from './fixtures.js';

const PROXY_FILE = 'artifacts/proxy-services/P.xml';
const PROXY = `<proxy name="P" xmlns="http://ws.apache.org/ns/synapse">
    <target inSequence="dispatchSeq" faultSequence="outDispatchSeq"/>
</proxy>
`;
const FILES = [
  { path: DISPATCH_FILE, text: DISPATCH },
  { path: OUT_FILE, text: OUT },
  { path: PROXY_FILE, text: PROXY },
];

/** What the server answers to renaming outDispatchSeq to replySeq (it runs the same planner). */
function serverAnswer(): RenameArtifactResponse {
  const plan = planArtifactRename(buildProject('', FILES).project, {
    type: 'sequence',
    from: 'outDispatchSeq',
    to: 'replySeq',
  });
  return {
    type: 'sequences',
    name: 'replySeq',
    files: plan.files.map((f, i) => ({ path: f.path, xml: f.text, rev: `r${i + 2}` })),
    removed: plan.removed,
    references: plan.references,
  };
}

describe('applying a rename the server made', () => {
  it('replaces the renamed and the referencing artifacts; the saved copies follow; nothing is unsaved', () => {
    const project = buildProject('', FILES).project;
    const saved = Object.fromEntries(FILES.map((f) => [f.path, { xml: f.text, rev: 'r1' }]));
    const r = serverAnswer();
    const next = applyRename(project, OUT_FILE, r);
    expect(findArtifact(next, { type: 'sequence', name: 'replySeq' })?.file).toBe(
      'artifacts/sequences/replySeq.xml',
    );
    expect(findArtifact(next, { type: 'sequence', name: 'outDispatchSeq' })).toBeUndefined();
    const proxy = findArtifact(next, { type: 'proxy', name: 'P' });
    expect(proxy?.type === 'proxy' && proxy.target?.faultSequence).toBe('replySeq');
    // The untouched artifact is the same object.
    expect(findArtifact(next, { type: 'sequence', name: 'dispatchSeq' })).toBe(
      findArtifact(project, { type: 'sequence', name: 'dispatchSeq' }),
    );
    const after = savedAfterRename(saved, r);
    expect(Object.keys(after).sort()).toEqual([
      PROXY_FILE,
      DISPATCH_FILE,
      'artifacts/sequences/replySeq.xml',
    ]);
    expect(pendingChanges(next, after)).toEqual({ puts: [], deletes: [] });
    expect(describeRename(r)).toBe('updated 1 reference (P)');
  });
});

describe('dispatch says whether a change enters the history', () => {
  it('record makes an undo step, skip does not', () => {
    const store = createStudioStore();
    store.getState().loadWorkspace(buildProject('', FILES).project, {});
    const r = serverAnswer();
    store.getState().dispatch({ label: 'Rename', run: (p) => applyRename(p, OUT_FILE, r) }, 'skip');
    expect(store.getState().history.past).toHaveLength(0);
    expect(findArtifact(store.getState().project, { type: 'sequence', name: 'replySeq' })).toBeDefined();
    store.getState().loadWorkspace(buildProject('', FILES).project, {});
    store.getState().dispatch({ label: 'Rename', run: (p) => applyRename(p, OUT_FILE, r) }, 'record');
    expect(store.getState().history.past.map((h) => h.label)).toEqual(['Rename']);
    store.getState().undo();
    expect(
      findArtifact(store.getState().project, { type: 'sequence', name: 'outDispatchSeq' }),
    ).toBeDefined();
  });
});
