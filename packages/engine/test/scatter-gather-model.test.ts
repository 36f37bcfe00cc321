/**
 * The scatter-gather mediator in the model: its `<aggregation>` as a child field, each
 * `<sequence>` a container of its own on the canvas (`sequence:N`), round trip, and
 * ScatterGatherMediatorFactory's refusals as located diagnostics.
 */
import { describe, expect, it } from 'vitest';
import {
  branchListsOf,
  buildProject,
  definitionOf,
  findArtifact,
  insertMediator,
  serializeArtifact,
  validateProject,
  type MediatorNode,
  type Project,
} from '../src/model/index.js';

const SEQ = `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">
    <scatter-gather parallel-execution="false" target="variable" target-variable="out" result-content-type="JSON">
        <aggregation expression="\${payload}" condition="\${payload.ok}" timeout="2000" min-messages="1" max-messages="{get-property('n')}"/>
        <sequence>
            <log/>
        </sequence>
        <sequence>
            <property name="p" value="1"/>
            <drop/>
        </sequence>
    </scatter-gather>
    <respond/>
</sequence>
`;
const ref = { type: 'sequence', name: 's' } as const;

function project(xml = SEQ): Project {
  const { project, diagnostics } = buildProject('', [{ path: 'artifacts/sequences/s.xml', text: xml }]);
  expect(diagnostics).toEqual([]);
  return project;
}

const body = (p: Project): readonly MediatorNode[] => findArtifact(p, ref)!.lists[0]!.mediators;

/** [severity, code, field] of the diagnostics of a sequence holding `sg`. */
function found(sg: string) {
  const xml = `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">\n${sg}\n</sequence>`;
  return validateProject(project(xml))
    .filter((d) => d.artifact === 's')
    .map((d) => [d.severity, d.code, d.field]);
}

const agg = '<aggregation expression="${payload}"/>';

describe('scatter-gather: reading (ScatterGatherMediatorFactory)', () => {
  it('reads its attributes, the aggregation, and one Sequence container per <sequence>', () => {
    const m = body(project())[0]!;
    expect(m.kind).toBe('scatterGather');
    expect(m.values).toMatchObject({
      parallelExecution: 'false',
      target: 'variable',
      targetVariable: 'out',
      resultContentType: 'JSON',
    });
    expect(m.values.aggregation).toMatchObject({
      expression: '${payload}',
      condition: '${payload.ok}',
      timeout: '2000',
      minMessages: '1',
      maxMessages: "{get-property('n')}",
    });
    expect(branchListsOf(m).map((b) => [b.key, b.label])).toEqual([
      ['sequence:0', 'Sequence 1'],
      ['sequence:1', 'Sequence 2'],
    ]);
    expect(m.branches['sequence:1']!.map((x) => x.kind)).toEqual(['property', 'drop']);
  });

  it('round-trips byte for byte and validates clean', () => {
    const p = project();
    expect(serializeArtifact(findArtifact(p, ref)!)).toBe(SEQ);
    expect(validateProject(p)).toEqual([]);
  });

  it('its template validates, and a mediator dropped into a sequence lands there', () => {
    expect(definitionOf('scatterGather').group).toBe('Split & gather');
    let p = insertMediator(project(), { artifact: ref, list: ['sequence'], index: 0, kind: 'scatterGather' });
    expect(validateProject(p)).toEqual([]);
    p = insertMediator(p, { artifact: ref, list: ['sequence', 0, 'sequence:1'], index: 0, kind: 'log' });
    expect(body(p)[0]!.branches['sequence:1']!.map((m) => m.kind)).toEqual(['log']);
    expect(validateProject(p)).toEqual([]);
  });
});

describe('scatter-gather: what MI refuses', () => {
  it('target and result-content-type are required, and must be one of their values', () => {
    expect(found(`<scatter-gather>${agg}<sequence/></scatter-gather>`)).toEqual([
      ['error', 'SCATTER_GATHER_NO_TARGET', 'target'],
      ['error', 'SCATTER_GATHER_NO_CONTENT_TYPE', 'resultContentType'],
    ]);
    expect(
      found(`<scatter-gather target="header" result-content-type="JSON">${agg}<sequence/></scatter-gather>`),
    ).toEqual([['error', 'ENUM_VALUE', 'target']]);
  });

  it('a variable target needs target-variable; XML needs result-enclosing-element', () => {
    expect(
      found(`<scatter-gather target="variable" result-content-type="XML">${agg}<sequence/></scatter-gather>`),
    ).toEqual([
      ['error', 'SCATTER_GATHER_TARGET_VARIABLE', 'targetVariable'],
      ['error', 'SCATTER_GATHER_ENCLOSING_ELEMENT', 'resultEnclosingElement'],
    ]);
  });

  it('the aggregation with its expression and at least one sequence are required; other children are ignored', () => {
    expect(
      found('<scatter-gather target="body" result-content-type="JSON"><sequence/></scatter-gather>'),
    ).toEqual([['error', 'SCATTER_GATHER_NO_AGGREGATION', 'aggregation']]);
    expect(
      found(
        '<scatter-gather target="body" result-content-type="JSON"><aggregation/><sequence/></scatter-gather>',
      ),
    ).toEqual([['error', 'SCATTER_GATHER_NO_EXPRESSION', 'aggregation']]);
    expect(
      found(`<scatter-gather target="body" result-content-type="JSON">${agg}<log/></scatter-gather>`),
    ).toEqual([
      ['warning', 'SCATTER_GATHER_CHILD_IGNORED', 'aggregation'],
      ['error', 'SCATTER_GATHER_NO_SEQUENCE', 'aggregation'],
    ]);
  });

  it('reads MI 4.4’s pre-release names (result-target, content-type, root-element) without complaint', () => {
    expect(
      found(
        `<scatter-gather result-target="out" content-type="XML" root-element="r"><aggregation expression="\${xpath('$body/node()')}"/><sequence/></scatter-gather>`,
      ),
    ).toEqual([]);
    expect(
      found(`<scatter-gather result-target="body" content-type="XML">${agg}<sequence/></scatter-gather>`),
    ).toEqual([['error', 'SCATTER_GATHER_ENCLOSING_ELEMENT', 'resultEnclosingElement']]);
  });
});
