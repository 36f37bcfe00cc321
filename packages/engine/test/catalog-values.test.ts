/**
 * A mediator's values resolved from its kind's definition, once: defaults applied, enums,
 * booleans and integers read, `{…}` names parsed. What the runtime's compilers read.
 */
import { describe, expect, it } from 'vitest';
import {
  CATALOG,
  isDynamic,
  parseDynamic,
  parseXml,
  resolveValues,
  type MediatorKind,
  type MediatorValues,
} from '../src/model/index.js';
import { readValues } from '../src/model/mediators/mediator-read.js';

/** Reads one mediator element and resolves its values. */
function resolved<K extends MediatorKind>(kind: K, xml: string) {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(`not XML: ${xml}`);
  const def = CATALOG[kind];
  return resolveValues(def.fields, readValues(def, parsed.document.root), `<${def.tag}>`);
}

describe('parseDynamic', () => {
  it('reads {…} as an expression, blanks around it allowed', () => {
    expect(parseDynamic(" {get-property('x')} ")).toEqual({
      kind: 'expression',
      source: "get-property('x')",
      text: "{get-property('x')}",
    });
    expect(parseDynamic('{a\nb}')).toEqual({ kind: 'expression', source: 'a\nb', text: '{a\nb}' });
    expect(isDynamic(' {x} ')).toBe(true);
  });

  it('keeps a literal as written unless asked to trim it', () => {
    expect(parseDynamic(' name ')).toEqual({ kind: 'literal', text: ' name ' });
    expect(parseDynamic(' name ', true)).toEqual({ kind: 'literal', text: 'name' });
    expect(parseDynamic('{x')).toEqual({ kind: 'literal', text: '{x' });
    expect(isDynamic('x}')).toBe(false);
  });
});

describe('resolveValues', () => {
  it("applies a kind's defaults when an attribute is absent", () => {
    const log = resolved('log', '<log/>');
    expect(log).toMatchObject({ level: 'simple', category: 'INFO', separator: ', ', properties: [] });
    expect(log.logMessageID).toBeUndefined();
    const property = resolved('property', '<property name="p" value="v"/>');
    expect(property).toMatchObject({ action: 'set', scope: 'default', type: 'STRING', value: 'v' });
    expect(property.group).toBeUndefined();
    expect(resolved('call', '<call/>').blocking).toBe(false);
  });

  it('keeps what is written over the default', () => {
    expect(resolved('log', '<log level="full" separator=" | "/>')).toMatchObject({
      level: 'full',
      separator: ' | ',
    });
  });

  it('reads a case-insensitive enum trimmed and upper-cased, booleans and integers', () => {
    const log = resolved('log', '<log category=" warn " logMessageID="TRUE" logFullPayload="no"/>');
    expect(log).toMatchObject({ category: 'WARN', logMessageID: true, logFullPayload: false });
    expect(resolved('property', '<property name="p" value="a1" pattern="a(\\d)" group="1"/>').group).toBe(1);
  });

  it('parses dynamic names; sequence references are trimmed, property names kept as written', () => {
    expect(resolved('property', '<property name=" {$ctx:n} " value="v"/>').name).toEqual({
      kind: 'expression',
      source: '$ctx:n',
      text: '{$ctx:n}',
    });
    expect(resolved('property', '<property name=" p " value="v"/>').name).toEqual({
      kind: 'literal',
      text: ' p ',
    });
    expect(resolved('sequence', '<sequence key=" next "/>').key).toEqual({ kind: 'literal', text: 'next' });
    expect(resolved('send', '<send/>').receive).toBeUndefined();
  });

  it('resolves list rows and child elements by their own fields', () => {
    const log = resolved(
      'log',
      '<log><property name="a" value="1"/><property name="b" expression="$ctx:x" scope="axis2"/><property name="c"><x/></property></log>',
    );
    expect(log.properties).toEqual([
      { name: 'a', value: '1', expression: undefined, scope: undefined },
      { name: 'b', value: undefined, expression: '$ctx:x', scope: 'axis2' },
      { name: 'c', value: undefined, expression: undefined, scope: undefined, inlineXml: '<x/>' },
    ]);
    const call = resolved('call', '<call><source type="property">p</source><endpoint key="e"/></call>');
    expect(call.source).toEqual({ type: 'property', contentType: undefined, text: 'p' });
    expect(call.target).toBeUndefined();
    expect(call.endpoint?.key).toBe('e');
  });

  it('says what is wrong with a mediator validation would have refused', () => {
    const fields = CATALOG.property.fields;
    const values: MediatorValues = { value: 'v' };
    expect(() => resolveValues(fields, values, '<property>')).toThrow(
      "<property> needs the attribute 'name'.",
    );
    expect(() => resolveValues(fields, { name: 'p', scope: 'nowhere' }, '<property>')).toThrow(
      "<property> 'scope' is 'nowhere'; expected one of default, transport",
    );
    expect(() => resolved('log', '<log><property value="1"/></log>')).toThrow(
      "<log> property #1 needs the attribute 'name'.",
    );
  });
});
