/**
 * iterate and aggregate in the model: reading (iterate's one target is a canvas container whose
 * mediators sit in its <sequence>; aggregate's onComplete is one), located diagnostics for bad
 * input as IterateMediatorFactory and AggregateMediatorFactory refuse it, byte-for-byte round
 * trip, and edits into the containers.
 */
import { describe, expect, it } from 'vitest';
import { sequenceProject } from './model-helpers.js';
import {
  branchListsOf,
  changeMediator,
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
    <iterate id="it" expression="//m:item" preservePayload="true" attachPath="//m:items" xmlns:m="urn:m">
        <target to="http://example.org/a" sequence="anon">
            <sequence>
                <log/>
                <drop/>
            </sequence>
        </target>
    </iterate>
    <aggregate id="it">
        <correlateOn expression="get-property('batch')"/>
        <completeCondition timeout="5">
            <messageCount min="2" max="{get-property('max')}"/>
        </completeCondition>
        <onComplete expression="//m:item" enclosingElementProperty="ROOT" xmlns:m="urn:m">
            <respond/>
        </onComplete>
    </aggregate>
</sequence>
`;
const OTHER = `<sequence name="other" xmlns="http://ws.apache.org/ns/synapse"><drop/></sequence>`;

const ref = { type: 'sequence', name: 's' } as const;

const project = (xml = SEQ): Project => sequenceProject(xml, { 'artifacts/sequences/other.xml': OTHER });

const body = (p: Project): readonly MediatorNode[] => findArtifact(p, ref)!.lists[0]!.mediators;
const text = (p: Project) => serializeArtifact(findArtifact(p, ref)!);

/** The diagnostics of a one-sequence project with `xml` as its body. */
function diagnosticsOf(xml: string) {
  const seq = `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">\n${xml}\n</sequence>`;
  return validateProject(project(seq)).filter((d) => d.artifact === 's');
}
const codes = (xml: string) => diagnosticsOf(xml).map((d) => [d.severity, d.code, d.field]);

describe('iterate and aggregate: reading', () => {
  it('iterate reads its attributes and target, and its target sequence is the Target container', () => {
    const [it1] = body(project());
    expect(it1!.kind).toBe('iterate');
    expect(it1!.values).toMatchObject({
      id: 'it',
      expression: '//m:item',
      preservePayload: 'true',
      attachPath: '//m:items',
      target: { to: 'http://example.org/a', sequence: 'anon' },
    });
    expect(branchListsOf(it1!).map((b) => [b.key, b.label])).toEqual([['target', 'Target']]);
    expect(it1!.branches.target!.map((m) => m.kind)).toEqual(['log', 'drop']);
    // iterate is element 0, its <target> 0, the <sequence> in it 0, <drop/> 1.
    expect(it1!.branches.target![1]!.xmlPath).toEqual([0, 0, 0, 1]);
  });

  it('aggregate reads correlateOn, completeCondition, messageCount and onComplete; onComplete is a container', () => {
    const [, agg] = body(project());
    expect(agg!.values).toMatchObject({
      id: 'it',
      correlateOn: { expression: "get-property('batch')" },
      completeCondition: { timeout: '5' },
      messageCount: [{ min: '2', max: "{get-property('max')}" }],
      onComplete: { expression: '//m:item', enclosingElementProperty: 'ROOT' },
    });
    expect(agg!.branches.onComplete!.map((m) => m.kind)).toEqual(['respond']);
  });

  it('round-trips byte for byte', () => {
    expect(text(project())).toBe(SEQ);
  });

  it('are in the Split & gather group, and their templates validate', () => {
    expect(definitionOf('iterate').group).toBe('Split & gather');
    expect(definitionOf('aggregate').group).toBe('Split & gather');
    let p = insertMediator(project(), { artifact: ref, list: ['sequence'], index: 2, kind: 'iterate' });
    p = insertMediator(p, { artifact: ref, list: ['sequence'], index: 3, kind: 'aggregate' });
    expect(validateProject(p)).toEqual([]);
  });
});

describe('iterate and aggregate: edits', () => {
  it('a mediator dropped into a target without a <sequence> creates it first', () => {
    const xml = SEQ.replace(/<target to[\s\S]*?<\/target>/, '<target sequence="other"/>');
    const p = insertMediator(project(xml), {
      artifact: ref,
      list: ['sequence', 0, 'target'],
      index: 0,
      kind: 'log',
    });
    const it1 = body(p)[0]!;
    expect(it1.branches.target!.map((m) => m.kind)).toEqual(['log']);
    expect(text(p)).toContain('<target sequence="other">');
    expect(text(p)).toMatch(
      /<target sequence="other">\s*<sequence>\s*<log level="full"\/>\s*<\/sequence>\s*<\/target>/,
    );
  });

  it('a mediator dropped into an aggregate without onComplete creates it', () => {
    const xml = SEQ.replace(/<onComplete[\s\S]*?<\/onComplete>/, '');
    const p = insertMediator(project(xml), {
      artifact: ref,
      list: ['sequence', 1, 'onComplete'],
      index: 0,
      kind: 'respond',
    });
    expect(body(p)[1]!.branches.onComplete!.map((m) => m.kind)).toEqual(['respond']);
  });

  it('changing the target attributes keeps its inline sequence', () => {
    const p = changeMediator(project(), {
      artifact: ref,
      path: ['sequence', 0],
      values: { target: { soapAction: 'urn:x' } },
    });
    const it1 = body(p)[0]!;
    expect(it1.values.target).toMatchObject({ soapAction: 'urn:x' });
    expect(it1.branches.target!.map((m) => m.kind)).toEqual(['log', 'drop']);
  });
});

describe('iterate: validation (IterateMediatorFactory)', () => {
  it('the example validates clean: sequence="anon" beside an inline sequence is never looked up', () => {
    expect(diagnosticsOf(SEQ.split('\n').slice(2, -2).join('\n'))).toEqual([]);
  });

  it('an iterate without expression is an error naming the field', () => {
    const found = diagnosticsOf('    <iterate>\n        <target sequence="other"/>\n    </iterate>');
    expect(found).toEqual([
      expect.objectContaining({ severity: 'error', code: 'REQUIRED_FIELD', field: 'expression', line: 2 }),
    ]);
    expect(found[0]!.message).toContain("'expression'");
  });

  it('attachPath needs preservePayload, and the same path kind as the expression', () => {
    expect(
      codes(
        '    <iterate expression="//a" attachPath="//b">\n        <target sequence="other"/>\n    </iterate>',
      ),
    ).toEqual([['error', 'ITERATE_ATTACH_WITHOUT_PRESERVE', 'attachPath']]);
    expect(
      codes(
        '    <iterate expression="json-eval($.a)" attachPath="//b" preservePayload="true">\n        <target sequence="other"/>\n    </iterate>',
      ),
    ).toEqual([['error', 'ITERATE_PATH_KINDS', 'attachPath']]);
  });

  it('a missing target is an error; an empty one, extra ones and stray children are warnings', () => {
    expect(codes('    <iterate expression="//a"/>')).toEqual([['error', 'ITERATE_NO_TARGET', 'target']]);
    expect(
      codes(
        '    <iterate expression="//a">\n        <target/>\n        <target sequence="other"/>\n        <log/>\n    </iterate>',
      ),
    ).toEqual([
      ['warning', 'ITERATE_CHILD_IGNORED', 'target'],
      ['warning', 'ITERATE_EXTRA_TARGET', 'target'],
      ['warning', 'ITERATE_TARGET_EMPTY', 'target'],
    ]);
  });

  it('an inline target endpoint is checked where it is written (TargetFactory reads it with EndpointFactory)', () => {
    const found = diagnosticsOf(
      '    <iterate expression="//a">\n        <target>\n            <endpoint>\n                <address/>\n            </endpoint>\n        </target>\n    </iterate>',
    );
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'ENDPOINT_NO_URI',
        line: 4,
        column: 13,
        field: 'target',
      }),
    ]);
  });

  it('a bad expression, a missing target sequence and non-boolean flags are errors', () => {
    expect(
      codes(
        '    <iterate expression="//a[" sequential="yes">\n        <target sequence="nope"/>\n    </iterate>',
      ),
    ).toEqual([
      ['error', 'EXPRESSION_SYNTAX', 'expression'],
      ['error', 'BOOLEAN_VALUE', 'sequential'],
      ['error', 'REF_SEQUENCE_MISSING', 'sequence'],
    ]);
  });
});

describe('aggregate: validation (AggregateMediatorFactory)', () => {
  const agg = (inner: string) => `    <aggregate>\n${inner}\n        <onComplete/>\n    </aggregate>`;

  it('min and max are numbers or {expressions}', () => {
    expect(
      codes(agg('<completeCondition><messageCount min="two" max="{//n}"/></completeCondition>')),
    ).toEqual([['error', 'AGGREGATE_BAD_COUNT', 'messageCount']]);
    const found = diagnosticsOf(
      agg('<completeCondition><messageCount min="1" max="x"/></completeCondition>'),
    );
    expect(found[0]!.message).toContain("'max'");
    expect(codes(agg('<completeCondition><messageCount min="5" max="2"/></completeCondition>'))).toEqual([
      ['warning', 'AGGREGATE_MIN_OVER_MAX', 'messageCount'],
    ]);
  });

  it('the timeout is whole seconds', () => {
    expect(codes(agg('<completeCondition timeout="1.5"/>'))).toEqual([['error', 'INTEGER_VALUE', 'timeout']]);
  });

  it('no onComplete is an error; a key beside inline mediators and stray children are warnings', () => {
    expect(codes('    <aggregate/>')).toEqual([['error', 'AGGREGATE_NO_ON_COMPLETE', 'onComplete']]);
    expect(
      codes(
        '    <aggregate>\n        <log/>\n        <onComplete sequence="other"><drop/></onComplete>\n    </aggregate>',
      ),
    ).toEqual([
      ['warning', 'AGGREGATE_CHILD_IGNORED', undefined],
      ['warning', 'AGGREGATE_ON_COMPLETE_SHADOWED', 'onComplete'],
    ]);
  });

  it('a bad aggregation or correlation expression, an unknown element type and a missing sequence are errors', () => {
    expect(
      codes(
        '    <aggregate>\n        <correlateOn expression="//a["/>\n        <onComplete expression="json-eval()" aggregateElementType="leaf" sequence="nope"/>\n    </aggregate>',
      ),
    ).toEqual([
      ['error', 'EXPRESSION_SYNTAX', 'expression'],
      ['error', 'EXPRESSION_SYNTAX', 'expression'],
      ['error', 'REF_SEQUENCE_MISSING', 'sequence'],
      ['error', 'ENUM_VALUE', 'aggregateElementType'],
    ]);
  });
});
