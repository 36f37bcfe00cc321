/**
 * A switch on the canvas: one labelled column per case (its regex in the label) and the default,
 * drops into a case, moves between cases, and the inspector's case commands.
 */
import { buildProject, findArtifact, type MediatorNode, type Project } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import { dropTargetAt } from '../src/canvas/drop-target.js';
import { layoutArtifact, type LayoutNode } from '../src/canvas/layout.js';
import { branchFieldKeys } from '../src/inspector/BranchesEditor.js';
import {
  addBranchCommand,
  changeBranchCommand,
  insertCommand,
  landingPath,
  moveCommand,
  removeBranchCommand,
} from '../src/state/commands.js';

const FILE = 'artifacts/sequences/s.xml';
const XML = `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">
    <switch source="//kind">
        <case regex="a.*">
            <log/>
        </case>
        <case regex="b">
            <drop/>
        </case>
        <default/>
    </switch>
</sequence>
`;

const project = (): Project => buildProject('', [{ path: FILE, text: XML }]).project;
const seq = (p: Project) => findArtifact(p, { type: 'sequence', name: 's' })!;
const sw = (p: Project) => seq(p).lists[0]!.mediators[0] as MediatorNode;
const centre = (n: LayoutNode) => [n.x + n.width / 2, n.y + n.height / 2] as const;

describe('switch on the canvas', () => {
  const l = layoutArtifact(seq(project()));
  const node = (id: string) => l.nodes.find((n) => n.id === id)!;

  it('draws a column per case, labelled with its regex, then the default', () => {
    const branches = l.nodes.filter((n) => n.kind === 'branch');
    expect(branches.map((b) => [b.id, b.label])).toEqual([
      ['b:sequence/0/case:0', 'Case 1: a.*'],
      ['b:sequence/0/case:1', 'Case 2: b'],
      ['b:sequence/0/default', 'Default'],
    ]);
    expect(branches[1]!.x).toBeGreaterThan(branches[0]!.x + branches[0]!.width - 1);
    expect(node('m:sequence/0').kind).toBe('container');
    expect(node('m:sequence/0/case:1/0').mediator?.kind).toBe('drop');
    // The empty default still has a slot to drop into.
    expect(node('s:sequence/0/default:0').list).toEqual(['sequence', 0, 'default']);
  });

  it('drops into a case: on its slot, or after a mediator inside it', () => {
    expect(dropTargetAt(l, ...centre(node('s:sequence/0/case:1:0')))).toEqual({
      list: ['sequence', 0, 'case:1'],
      index: 0,
    });
    expect(dropTargetAt(l, ...centre(node('m:sequence/0/case:0/0')))).toEqual({
      list: ['sequence', 0, 'case:0'],
      index: 1,
    });
  });
});

describe('switch commands', () => {
  it('inserts into a case and moves a mediator to another case; the selection follows it', () => {
    let p = insertCommand(FILE, ['sequence', 0, 'default'], 0, { kind: 'respond' }).run(project());
    expect(sw(p).branches.default!.map((m) => m.kind)).toEqual(['respond']);
    const move = moveCommand(FILE, ['sequence', 0, 'case:0', 0], ['sequence', 0, 'case:1'], 1);
    p = move.run(p);
    expect(sw(p).branches['case:1']!.map((m) => m.kind)).toEqual(['drop', 'log']);
    expect(move.focus?.path).toEqual(landingPath(['sequence', 0, 'case:0', 0], ['sequence', 0, 'case:1'], 1));
    expect(move.focus?.path).toEqual(['sequence', 0, 'case:1', 1]);
  });

  it('adds a case before the default, edits its regex and removes a case', () => {
    let p = addBranchCommand(FILE, ['sequence', 0], 'case', { regex: '.*' }).run(project());
    expect(Object.keys(sw(p).branches)).toEqual(['case:0', 'case:1', 'case:2', 'default']);
    const edit = changeBranchCommand(FILE, ['sequence', 0, 'case:2'], { regex: 'c+' });
    expect(edit.mergeKey).toBe(`branch:${FILE}:sequence/0/case:2:regex`);
    p = edit.run(p);
    p = removeBranchCommand(FILE, ['sequence', 0, 'case:0']).run(p);
    expect(Object.keys(sw(p).branches)).toEqual(['case:0', 'case:1', 'default']);
    expect(
      layoutArtifact(seq(p))
        .nodes.filter((n) => n.kind === 'branch')
        .map((n) => n.label),
    ).toEqual(['Case 1: b', 'Case 2: c+', 'Default']);
    expect(branchFieldKeys(sw(p))).toEqual(['case:0.regex', 'case:1.regex']);
  });
});
