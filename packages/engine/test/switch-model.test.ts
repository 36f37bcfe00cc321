/**
 * The switch mediator in the model: reading repeated <case> branches and the <default>,
 * byte-for-byte round trips, edits inside and between cases, adding, removing and changing cases,
 * and located diagnostics (SwitchMediatorFactory's required source and regex, Pattern.compile).
 */
import { describe, expect, it } from 'vitest';
import {
  addBranch,
  branchListsOf,
  changeBranch,
  EditError,
  findArtifact,
  insertMediator,
  moveMediator,
  removeBranch,
  removeMediator,
  serializeArtifact,
  validateProject,
  type Diagnostic,
  type MediatorNode,
  type Project,
} from '../src/model/index.js';
import { sequenceProject } from './model-helpers.js';

const SEQ = `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">
  <switch source="//kind">
    <case regex="a">
      <log level="full"/>
    </case>
    <case regex='b|c'>
      <drop/>
      <respond/>
    </case>
    <default>
      <property name="p" value="1"/>
    </default>
  </switch>
</sequence>
`;

const ref = { type: 'sequence', name: 's' } as const;

const project = (xml = SEQ): Project => sequenceProject(xml);

const text = (p: Project) => serializeArtifact(findArtifact(p, ref)!);
const sw = (p: Project) => findArtifact(p, ref)!.lists[0]!.mediators[0] as MediatorNode;
const kinds = (list: readonly MediatorNode[] | undefined) => (list ?? []).map((m) => m.kind);
const errors = (p: Project): Diagnostic[] => validateProject(p).filter((d) => d.artifact === 's');

describe('reading a switch', () => {
  it('reads each case as its own list (case:0, case:1) and the default, in document order', () => {
    const m = sw(project());
    expect(m.kind).toBe('switch');
    expect(m.values.source).toBe('//kind');
    expect(Object.keys(m.branches)).toEqual(['case:0', 'case:1', 'default']);
    expect(kinds(m.branches['case:0'])).toEqual(['log']);
    expect(kinds(m.branches['case:1'])).toEqual(['drop', 'respond']);
    expect(kinds(m.branches.default)).toEqual(['property']);
    expect(m.branches['case:1']![1]!.path).toEqual(['sequence', 0, 'case:1', 1]);
    expect(m.branches['case:1']![1]!.xmlPath).toEqual([0, 1, 1]);
    expect(m.branches.default![0]!.xmlPath).toEqual([0, 2, 0]);
    expect(branchListsOf(m).map((b) => [b.key, b.label, b.values])).toEqual([
      ['case:0', 'Case 1', { regex: 'a' }],
      ['case:1', 'Case 2', { regex: 'b|c' }],
      ['default', 'Default', {}],
    ]);
  });

  it('gives a switch without a default an empty default list, and ignores direct children', () => {
    const m = sw(
      project(
        SEQ.replace(/<default>[\s\S]*<\/default>\n/, '').replace(
          '<case regex="a">',
          '<log/><case regex="a">',
        ),
      ),
    );
    expect(Object.keys(m.branches)).toEqual(['case:0', 'case:1', 'default']);
    expect(m.branches.default).toEqual([]);
    expect(kinds(m.branches['case:0'])).toEqual(['log']);
  });

  it('round-trips byte for byte and validates clean', () => {
    const p = project();
    expect(text(p)).toBe(SEQ);
    expect(errors(p)).toEqual([]);
  });
});

describe('editing inside cases', () => {
  it('inserts into a case, touching only that line', () => {
    const p = insertMediator(project(), {
      artifact: ref,
      list: ['sequence', 0, 'case:1'],
      index: 1,
      xml: '<log/>',
    });
    expect(text(p)).toBe(SEQ.replace('      <drop/>\n', '      <drop/>\n      <log/>\n'));
    expect(kinds(sw(p).branches['case:1'])).toEqual(['drop', 'log', 'respond']);
  });

  it('moves a mediator from one case to another, into the default and out of the switch', () => {
    let p = moveMediator(project(), {
      artifact: ref,
      from: ['sequence', 0, 'case:1', 0],
      toList: ['sequence', 0, 'case:0'],
      index: 0,
    });
    expect(kinds(sw(p).branches['case:0'])).toEqual(['drop', 'log']);
    expect(kinds(sw(p).branches['case:1'])).toEqual(['respond']);
    p = moveMediator(p, {
      artifact: ref,
      from: ['sequence', 0, 'case:0', 1],
      toList: ['sequence', 0, 'default'],
      index: 1,
    });
    expect(kinds(sw(p).branches.default)).toEqual(['property', 'log']);
    p = moveMediator(p, {
      artifact: ref,
      from: ['sequence', 0, 'default', 0],
      toList: ['sequence'],
      index: 1,
    });
    expect(kinds(findArtifact(p, ref)!.lists[0]!.mediators)).toEqual(['switch', 'property']);
    expect(text(p)).toContain('    <case regex="a">\n      <drop/>\n    </case>\n');
    expect(errors(p)).toEqual([]);
  });

  it('removes a mediator from a case', () => {
    const p = removeMediator(project(), { artifact: ref, path: ['sequence', 0, 'case:0', 0] });
    expect(kinds(sw(p).branches['case:0'])).toEqual([]);
    // The emptied case closes itself, as removeElement does for any emptied element.
    expect(text(p)).toBe(
      SEQ.replace('<case regex="a">\n      <log level="full"/>\n    </case>', '<case regex="a"/>'),
    );
  });

  it('creates a missing <default> at the end when a mediator is dropped into it', () => {
    const p = insertMediator(project(SEQ.replace(/ {4}<default>[\s\S]*<\/default>\n/, '')), {
      artifact: ref,
      list: ['sequence', 0, 'default'],
      index: 0,
      xml: '<drop/>',
    });
    expect(text(p)).toContain(
      '      <respond/>\n    </case>\n    <default>\n      <drop/>\n    </default>\n  </switch>',
    );
  });

  it('refuses a case that does not exist', () => {
    expect(() =>
      insertMediator(project(), { artifact: ref, list: ['sequence', 0, 'case:5'], index: 0, xml: '<log/>' }),
    ).toThrow(EditError);
  });
});

describe('adding, removing and changing cases', () => {
  it('adds a case after the last one, before <default>, with its regex', () => {
    const p = addBranch(project(), {
      artifact: ref,
      path: ['sequence', 0],
      branch: 'case',
      values: { regex: 'd.*' },
    });
    expect(text(p)).toBe(SEQ.replace('    <default>', '    <case regex="d.*"/>\n    <default>'));
    expect(Object.keys(sw(p).branches)).toEqual(['case:0', 'case:1', 'case:2', 'default']);
  });

  it('adds the first case before <default>, and at the end of a switch without one', () => {
    const none = `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">\n  <switch source="//k">\n    <default/>\n  </switch>\n  <switch source="//k"/>\n</sequence>\n`;
    let p = addBranch(project(none), {
      artifact: ref,
      path: ['sequence', 0],
      branch: 'case',
      values: { regex: 'x' },
    });
    p = addBranch(p, { artifact: ref, path: ['sequence', 1], branch: 'case', values: { regex: 'y' } });
    expect(text(p)).toBe(
      `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">\n  <switch source="//k">\n    <case regex="x"/>\n    <default/>\n  </switch>\n  <switch source="//k">\n    <case regex="y"/>\n  </switch>\n</sequence>\n`,
    );
    // The new case is a list that mediators go into.
    p = insertMediator(p, { artifact: ref, list: ['sequence', 1, 'case:0'], index: 0, xml: '<drop/>' });
    expect(text(p)).toContain('    <case regex="y">\n      <drop/>\n    </case>\n');
  });

  it('removes a case with its mediators; the later cases move up', () => {
    const p = removeBranch(project(), { artifact: ref, list: ['sequence', 0, 'case:0'] });
    expect(text(p)).toBe(SEQ.replace('    <case regex="a">\n      <log level="full"/>\n    </case>\n', ''));
    expect(Object.keys(sw(p).branches)).toEqual(['case:0', 'default']);
    expect(kinds(sw(p).branches['case:0'])).toEqual(['drop', 'respond']);
  });

  it('removes the default', () => {
    const p = removeBranch(project(), { artifact: ref, list: ['sequence', 0, 'default'] });
    expect(text(p)).not.toContain('default');
  });

  it("changes a case's regex in place, keeping its quotes and children", () => {
    const p = changeBranch(project(), {
      artifact: ref,
      list: ['sequence', 0, 'case:1'],
      values: { regex: 'z' },
    });
    expect(text(p)).toBe(SEQ.replace("<case regex='b|c'>", "<case regex='z'>"));
    expect(() =>
      changeBranch(p, { artifact: ref, list: ['sequence', 0, 'case:1'], values: { nope: 'x' } }),
    ).toThrow(EditError);
    expect(() => addBranch(p, { artifact: ref, path: ['sequence', 0], branch: 'default' })).toThrow(
      EditError,
    );
  });
});

describe('switch diagnostics', () => {
  it('reports an invalid Java regex at its <case>, naming the case (SwitchMediatorFactory: Pattern.compile)', () => {
    const d = errors(project(SEQ.replace("regex='b|c'", "regex='b(c'")));
    expect(d).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'REGEX_SYNTAX',
        path: ['sequence', 0],
        field: 'case:1.regex',
        line: 7,
        column: 5,
      }),
    ]);
    expect(d[0]!.message).toMatch(/^<switch> case 2 'regex' is not a valid regular expression/);
  });

  it('requires the regex attribute but accepts an empty one (SwitchMediatorFactory checks for null)', () => {
    const d = errors(project(SEQ.replace(' regex="a"', '')));
    expect(d.map((x) => [x.code, x.field, x.line])).toEqual([['REQUIRED_FIELD', 'case:0.regex', 4]]);
    expect(errors(project(SEQ.replace(' regex="a"', ' regex=""')))).toEqual([]);
  });

  it('requires a source and checks its syntax', () => {
    expect(
      errors(project(SEQ.replace(' source="//kind"', ''))).map((x) => [x.code, x.field, x.line]),
    ).toEqual([['REQUIRED_FIELD', 'source', 3]]);
    expect(errors(project(SEQ.replace('//kind', '//kind[')))[0]).toMatchObject({
      code: 'EXPRESSION_SYNTAX',
      field: 'source',
    });
  });

  it('warns about a second <default> and a mediator outside the cases (SwitchMediatorFactory ignores both)', () => {
    const xml = SEQ.replace('<case regex="a">', '<log/>\n    <case regex="a">').replace(
      '  </switch>',
      '    <default/>\n  </switch>',
    );
    const d = validateProject(project(xml)).filter((x) => x.artifact === 's');
    expect(d.map((x) => [x.severity, x.code, x.line])).toEqual([
      ['warning', 'SWITCH_CHILD_IGNORED', 4],
      ['warning', 'SWITCH_DEFAULT_REPEATED', 15],
    ]);
  });

  it('accepts json-eval and ${…} sources', () => {
    expect(errors(project(SEQ.replace('//kind', 'json-eval($.kind)')))).toEqual([]);
    expect(errors(project(SEQ.replace('//kind', '${payload.kind}')))).toEqual([]);
  });
});
