/**
 * The clone mediator in the model: reading its targets as one branch each (`target:N`), located
 * diagnostics for bad input, byte-for-byte round trip, and edits into a target's sequence.
 */
import { describe, expect, it } from 'vitest';
import {
  buildProject,
  changeMediator,
  branchListsOf,
  definitionOf,
  EditError,
  findArtifact,
  insertMediator,
  moveMediator,
  planArtifactRename,
  serializeArtifact,
  validateProject,
  type MediatorNode,
  type Project,
} from '../src/model/index.js';

const SEQ = `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">
    <clone id="c1" continueParent="true">
        <target to="http://example.org/a">
            <sequence>
                <log/>
                <drop/>
            </sequence>
        </target>
        <target sequence="other"/>
        <target>
            <endpoint key="ep"/>
        </target>
    </clone>
    <respond/>
</sequence>
`;
const OTHER = `<sequence name="other" xmlns="http://ws.apache.org/ns/synapse"><drop/></sequence>`;
const EP = `<endpoint name="ep" xmlns="http://ws.apache.org/ns/synapse"><address uri="http://localhost:9/x"/></endpoint>`;

const ref = { type: 'sequence', name: 's' } as const;

function project(xml = SEQ): Project {
  const { project, diagnostics } = buildProject('', [
    { path: 'artifacts/sequences/s.xml', text: xml },
    { path: 'artifacts/sequences/other.xml', text: OTHER },
    { path: 'artifacts/endpoints/ep.xml', text: EP },
  ]);
  expect(diagnostics).toEqual([]);
  return project;
}

function cloneOf(p: Project): MediatorNode {
  const s = findArtifact(p, ref)!;
  return s.lists[0]!.mediators[0]!;
}

function text(p: Project): string {
  return serializeArtifact(findArtifact(p, ref)!);
}

/** The diagnostics of a one-sequence project with `clone` as its body. */
function diagnosticsOf(clone: string) {
  const xml = `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">\n${clone}\n</sequence>`;
  return validateProject(project(xml)).filter((d) => d.artifact === 's');
}

describe('clone: reading', () => {
  it('reads its attributes, one target row each, and one branch per <target> keyed target.N', () => {
    const m = cloneOf(project());
    expect(m.kind).toBe('clone');
    expect(m.values).toMatchObject({ id: 'c1', continueParent: 'true', sequential: undefined });
    expect(m.values.targets).toEqual([
      { to: 'http://example.org/a', soapAction: undefined, sequence: undefined, endpoint: undefined },
      { to: undefined, soapAction: undefined, sequence: 'other', endpoint: undefined },
      { to: undefined, soapAction: undefined, sequence: undefined, endpoint: undefined },
    ]);
    expect(Object.keys(m.branches)).toEqual(['target:0', 'target:1', 'target:2']);
    expect(m.branches['target:0']!.map((x) => x.kind)).toEqual(['log', 'drop']);
    expect(m.branches['target:0']![1]!.path).toEqual(['sequence', 0, 'target:0', 1]);
    // clone is element 0, its first <target> 0, the <sequence> in it 0, <drop/> 1.
    expect(m.branches['target:0']![1]!.xmlPath).toEqual([0, 0, 0, 1]);
    expect(m.branches['target:1']).toEqual([]);
    expect(m.branches['target:2']).toEqual([]);
  });

  it('labels the canvas branches Target 1…n', () => {
    const m = cloneOf(project());
    expect(branchListsOf(m).map((b) => [b.key, b.label])).toEqual([
      ['target:0', 'Target 1'],
      ['target:1', 'Target 2'],
      ['target:2', 'Target 3'],
    ]);
  });

  it('round-trips byte for byte', () => {
    expect(text(project())).toBe(SEQ);
  });

  it('is in the Split & gather palette group, and its template validates', () => {
    expect(definitionOf('clone').group).toBe('Split & gather');
    const p = insertMediator(project(), { artifact: ref, list: ['sequence'], index: 0, kind: 'clone' });
    const fresh = findArtifact(p, ref)!.lists[0]!.mediators[0]!;
    expect(Object.keys(fresh.branches)).toEqual(['target:0', 'target:1']);
    expect(validateProject(p)).toEqual([]);
  });
});

describe('clone: validation', () => {
  it('the example validates clean (its sequence and endpoint keys exist)', () => {
    expect(validateProject(project())).toEqual([]);
  });

  it('a target sequence key nothing defines is an error at the clone', () => {
    const found = diagnosticsOf('    <clone>\n        <target sequence="nope"/>\n    </clone>');
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'REF_SEQUENCE_MISSING',
        line: 2,
        column: 5,
        field: 'sequence',
      }),
    ]);
    expect(found[0]!.message).toContain("'nope'");
  });

  it('an inline target endpoint is checked where it is written (TargetFactory reads it with EndpointFactory)', () => {
    const found = diagnosticsOf(
      '    <clone>\n        <target>\n            <endpoint>\n                <address/>\n            </endpoint>\n        </target>\n    </clone>',
    );
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'ENDPOINT_NO_URI',
        line: 4,
        column: 13,
        field: 'targets',
      }),
    ]);
  });

  it('sequential and continueParent must be booleans', () => {
    const found = diagnosticsOf(
      '    <clone sequential="yes" continueParent="maybe">\n        <target sequence="other"/>\n    </clone>',
    );
    expect(found.map((d) => [d.code, d.field])).toEqual([
      ['BOOLEAN_VALUE', 'sequential'],
      ['BOOLEAN_VALUE', 'continueParent'],
    ]);
  });

  it('iterations: a whole number or an expression, with one target (CloneMediatorFactory)', () => {
    expect(
      diagnosticsOf('    <clone iterations="x1">\n        <target sequence="other"/>\n    </clone>').map(
        (d) => d.code,
      ),
    ).toEqual(['INTEGER_VALUE']);
    expect(
      diagnosticsOf('    <clone iterations="{//n[}">\n        <target sequence="other"/>\n    </clone>').map(
        (d) => d.code,
      ),
    ).toEqual(['EXPRESSION_SYNTAX']);
    const two = diagnosticsOf(
      '    <clone iterations="3">\n        <target sequence="other"/>\n        <target sequence="other"/>\n    </clone>',
    );
    expect(two).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'CLONE_ITERATIONS_TARGETS',
        field: 'iterations',
        line: 2,
      }),
    ]);
  });

  it('warns about a target with nowhere to go, one whose other parts MI ignores, and no target at all', () => {
    const found = diagnosticsOf(
      '    <clone>\n        <target/>\n        <target sequence="other" endpoint="ep">\n            <sequence><log/></sequence>\n        </target>\n    </clone>',
    );
    expect(found.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'CLONE_TARGET_EMPTY'],
      ['warning', 'CLONE_TARGET_SHADOWED'],
    ]);
    expect(found[1]!.message).toBe(
      "Clone target 2 uses its inline sequence only; its 'sequence' key and its 'endpoint' key are ignored (MI's Target takes one).",
    );
    expect(diagnosticsOf('    <clone/>').map((d) => d.code)).toEqual(['CLONE_NO_TARGET']);
  });
});

describe('clone: what MI reads and ignores', () => {
  it('a sequence key beside an inline sequence is never looked up: sequence="anon" is neither an error nor a warning', () => {
    expect(
      diagnosticsOf(
        '    <clone id="clone3" sequential="true">\n        <target sequence="anon">\n            <sequence><log/></sequence>\n        </target>\n    </clone>',
      ),
    ).toEqual([]);
    // Another key nothing defines is not an error either (TargetFactory: the inline one wins), only a warning.
    expect(
      diagnosticsOf(
        '    <clone>\n        <target sequence="gone">\n            <sequence><log/></sequence>\n        </target>\n    </clone>',
      ).map((d) => [d.severity, d.code]),
    ).toEqual([['warning', 'CLONE_TARGET_SHADOWED']]);
  });

  it('mediators directly in <clone> or <target> are ignored, with a warning (CloneMediatorFactory, TargetFactory)', () => {
    const found = diagnosticsOf(
      '    <clone>\n        <log/>\n        <target>\n            <log/>\n            <endpoint key="ep"/>\n        </target>\n    </clone>',
    );
    expect(found.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['warning', 'CLONE_CHILD_IGNORED', 2],
      ['warning', 'CLONE_CHILD_IGNORED', 2],
    ]);
    expect(found.map((d) => d.message)).toEqual([
      "<log> directly in <clone> is ignored (as in MI); put mediators in a target's <sequence>.",
      "<log> directly in target 1 is ignored (as in MI); put mediators in a target's <sequence>.",
    ]);
  });
});

describe('clone: edits', () => {
  it('a mediator dropped into a target without a sequence creates its <sequence>, first in the target', () => {
    const p = insertMediator(project(), {
      artifact: ref,
      list: ['sequence', 0, 'target:2'],
      index: 0,
      xml: '<log level="full"/>',
    });
    expect(text(p)).toBe(
      SEQ.replace(
        '        <target>\n            <endpoint key="ep"/>',
        '        <target>\n            <sequence>\n                <log level="full"/>\n            </sequence>\n            <endpoint key="ep"/>',
      ),
    );
    expect(cloneOf(p).branches['target:2']!.map((x) => x.kind)).toEqual(['log']);
  });

  it('inserts into an existing target sequence, and moves a mediator between targets', () => {
    let p = insertMediator(project(), {
      artifact: ref,
      list: ['sequence', 0, 'target:0'],
      index: 2,
      xml: '<respond/>',
    });
    expect(cloneOf(p).branches['target:0']!.map((x) => x.kind)).toEqual(['log', 'drop', 'respond']);
    p = moveMediator(p, {
      artifact: ref,
      from: ['sequence', 0, 'target:0', 0],
      toList: ['sequence', 0, 'target:1'],
      index: 0,
    });
    expect(cloneOf(p).branches['target:0']!.map((x) => x.kind)).toEqual(['drop', 'respond']);
    expect(cloneOf(p).branches['target:1']!.map((x) => x.kind)).toEqual(['log']);
    expect(text(p)).toContain(
      '<target sequence="other">\n            <sequence>\n                <log/>\n            </sequence>\n        </target>',
    );
  });

  it('a new target row is a new <target> and a new branch; a target that is not there is refused', () => {
    const rows = cloneOf(project()).values.targets as readonly Record<string, string | undefined>[];
    const p = changeMediator(project(), {
      artifact: ref,
      path: ['sequence', 0],
      values: { targets: [...rows, { sequence: 'other' }] },
    });
    expect(Object.keys(cloneOf(p).branches)).toEqual(['target:0', 'target:1', 'target:2', 'target:3']);
    expect(text(p)).toContain('        <target sequence="other"/>\n    </clone>');
    expect(() =>
      insertMediator(project(), {
        artifact: ref,
        list: ['sequence', 0, 'target:7'],
        index: 0,
        xml: '<drop/>',
      }),
    ).toThrow(EditError);
  });

  it('renaming a sequence or an endpoint rewrites a target’s key, its inline endpoint key included', () => {
    const seqPlan = planArtifactRename(project(), { type: 'sequence', from: 'other', to: 'renamed' });
    expect(text(seqPlan.project)).toBe(
      SEQ.replace('<target sequence="other"/>', '<target sequence="renamed"/>'),
    );
    const epPlan = planArtifactRename(project(), { type: 'endpoint', from: 'ep', to: 'ep2' });
    expect(text(epPlan.project)).toBe(SEQ.replace('<endpoint key="ep"/>', '<endpoint key="ep2"/>'));
  });
});
