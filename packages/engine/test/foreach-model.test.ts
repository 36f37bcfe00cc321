/**
 * The foreach mediator in the model: one kind reading both of ForEachMediatorFactory's forms
 * (MI 4.4's with `collection`, the legacy one with `expression`), its inline sequence as a
 * container on the canvas, round trip, and MI's refusals as located diagnostics.
 */
import { describe, expect, it } from 'vitest';
import { sequenceProject } from './model-helpers.js';
import {
  branchListsOf,
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
    <foreach collection="\${payload.items}" parallel-execution="false" counter-variable="i">
        <sequence>
            <log/>
        </sequence>
    </foreach>
    <foreach expression="//item" id="it">
        <sequence>
            <property name="p" value="1"/>
        </sequence>
    </foreach>
    <respond/>
</sequence>
`;
const OTHER = `<sequence name="other" xmlns="http://ws.apache.org/ns/synapse"><log/></sequence>`;
const ref = { type: 'sequence', name: 's' } as const;

const project = (xml = SEQ): Project => sequenceProject(xml, { 'artifacts/sequences/other.xml': OTHER });

const body = (p: Project): readonly MediatorNode[] => findArtifact(p, ref)!.lists[0]!.mediators;

/** [severity, code, field] of the diagnostics of a sequence holding `foreach`. */
function found(foreach: string) {
  const xml = `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">\n${foreach}\n</sequence>`;
  return validateProject(project(xml))
    .filter((d) => d.artifact === 's')
    .map((d) => [d.severity, d.code, d.field]);
}

describe('foreach: reading both forms (ForEachMediatorFactory.createSpecificMediator)', () => {
  it('reads the MI 4.4 and the legacy form, each with its inline sequence as the Sequence container', () => {
    const [v2, legacy] = body(project());
    expect(v2!.kind).toBe('foreach');
    expect(v2!.values).toMatchObject({
      collection: '${payload.items}',
      parallelExecution: 'false',
      counterVariable: 'i',
      expression: undefined,
    });
    expect(legacy!.values).toMatchObject({ expression: '//item', id: 'it', collection: undefined });
    expect(branchListsOf(v2!).map((b) => [b.key, b.label])).toEqual([['sequence', 'Sequence']]);
    expect(v2!.branches.sequence!.map((m) => m.kind)).toEqual(['log']);
    expect(legacy!.branches.sequence!.map((m) => m.kind)).toEqual(['property']);
  });

  it('round-trips byte for byte and validates clean', () => {
    const p = project();
    expect(serializeArtifact(findArtifact(p, ref)!)).toBe(SEQ);
    expect(validateProject(p)).toEqual([]);
  });

  it('is in the Split & gather group; its template validates and takes a dropped mediator in its sequence', () => {
    expect(definitionOf('foreach').group).toBe('Split & gather');
    let p = insertMediator(project(), { artifact: ref, list: ['sequence'], index: 0, kind: 'foreach' });
    expect(validateProject(p)).toEqual([]);
    p = insertMediator(p, { artifact: ref, list: ['sequence', 0, 'sequence'], index: 0, kind: 'log' });
    expect(body(p)[0]!.branches.sequence!.map((m) => m.kind)).toEqual(['log']);
    expect(validateProject(p)).toEqual([]);
  });
});

describe('foreach: what MI refuses or ignores', () => {
  it('the legacy form refuses call, send and callout directly in its sequence (validateSequence)', () => {
    expect(found('<foreach expression="//a"><sequence><log/><call/></sequence></foreach>')).toEqual([
      ['error', 'FOREACH_SEQUENCE_REFUSED', 'sequence'],
    ]);
    // Only the sequence's own children are checked, as MI does; MI 4.4's form allows call.
    expect(
      found(
        '<foreach expression="//a"><sequence><filter xpath="true()"><send/></filter></sequence></foreach>',
      ),
    ).toEqual([]);
    expect(found('<foreach collection="${payload}"><sequence><call/></sequence></foreach>')).toEqual([]);
  });

  it('needs an expression or a collection; a legacy one without any sequence warns', () => {
    expect(found('<foreach><sequence><log/></sequence></foreach>')).toEqual([
      ['error', 'FOREACH_NO_EXPRESSION', 'expression'],
    ]);
    expect(found('<foreach expression="//a"/>')).toEqual([['warning', 'FOREACH_NO_SEQUENCE', 'sequence']]);
    expect(found('<foreach expression="//a" sequence="other"><sequence><log/></sequence></foreach>')).toEqual(
      [['warning', 'FOREACH_SEQUENCE_SHADOWED', 'sequence']],
    );
  });

  it('MI 4.4 form: counter-variable only in order, a result target needs its type and name, an inline sequence is required (createForEachMediatorV2)', () => {
    expect(found('<foreach collection="${payload}" counter-variable="i"><sequence/></foreach>')).toEqual([
      ['error', 'FOREACH_COUNTER_PARALLEL', 'counterVariable'],
    ]);
    expect(found('<foreach collection="${payload}" update-original="false"><sequence/></foreach>')).toEqual([
      ['error', 'FOREACH_RESULT_TARGET', 'targetVariable'],
    ]);
    expect(
      found(
        '<foreach collection="${payload}" update-original="false" result-content-type="XML" target-variable="v"><sequence/></foreach>',
      ),
    ).toEqual([['error', 'FOREACH_ENCLOSING_ELEMENT', 'resultEnclosingElement']]);
    expect(found('<foreach collection="${payload}" result-target="v"><sequence/></foreach>')).toEqual([
      ['error', 'FOREACH_RESULT_TYPE', 'resultType'],
    ]);
    expect(found('<foreach collection="${payload}"/>')).toEqual([
      ['error', 'FOREACH_NO_SEQUENCE', 'collection'],
    ]);
    expect(
      found('<foreach collection="${payload}" result-content-type="JSONX"><sequence/></foreach>'),
    ).toEqual([['error', 'ENUM_VALUE', 'resultContentType']]);
  });

  it('attributes of the other form are ignored, with a warning naming them', () => {
    expect(found('<foreach collection="${payload}" id="x"><sequence/></foreach>')).toEqual([
      ['warning', 'FOREACH_ATTRIBUTE_IGNORED', 'id'],
    ]);
    expect(found('<foreach expression="//a" parallel-execution="false"><sequence/></foreach>')).toEqual([
      ['warning', 'FOREACH_ATTRIBUTE_IGNORED', 'parallelExecution'],
    ]);
  });
});
