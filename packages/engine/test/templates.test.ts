/**
 * Sequence templates and call-template in the model: reading (TemplateMediatorFactory,
 * InvokeMediatorFactory), endpoint templates kept as unsupported, round trips and edits of the
 * template's `<sequence>`, and the located diagnostics of bad input.
 */
import { describe, expect, it } from 'vitest';
import { filesProject } from './model-helpers.js';
import {
  addArtifact,
  artifactPath,
  findArtifact,
  insertMediator,
  parseArtifact,
  planArtifactRename,
  serializeArtifact,
  validateProject,
  type Diagnostic,
  type TemplateArtifact,
} from '../src/model/index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const doc = (...lines: string[]) => `${lines.join('\n')}\n`;

const TEMPLATE = doc(
  `<template name="Greet" ${NS}>`,
  '    <parameter name="who" isMandatory="true"/>',
  '    <parameter name="greeting" isMandatory="TRUE" defaultValue="hello"/>',
  '    <parameter name="tone" description="how"/>',
  '    <sequence>',
  '        <log level="custom"><property name="who" expression="$func:who"/></log>',
  '    </sequence>',
  '</template>',
);

const projectOf = filesProject;

/** The diagnostics of a project holding the Greet template and a sequence `s` with `body`. */
function diagnosticsWith(...body: string[]): Diagnostic[] {
  return validateProject(
    projectOf({
      'artifacts/templates/Greet.xml': TEMPLATE,
      'artifacts/sequences/s.xml': doc(`<sequence name="s" ${NS}>`, ...body, '</sequence>'),
    }),
  );
}

const brief = (d: Diagnostic) => ({ code: d.code, artifact: d.artifact, line: d.line, column: d.column });

describe('reading a template', () => {
  it('reads its parameters and its <sequence> as one list (TemplateMediatorFactory.initParameters)', () => {
    const r = parseArtifact(TEMPLATE, 'artifacts/templates/Greet.xml');
    const t = r.artifact as TemplateArtifact;
    expect(t.type).toBe('template');
    expect(t.name).toBe('Greet');
    // Boolean.parseBoolean: "TRUE" is mandatory too.
    expect(t.params).toEqual([
      { name: 'who', mandatory: true },
      { name: 'greeting', mandatory: true, defaultValue: 'hello' },
      { name: 'tone', mandatory: false, description: 'how' },
    ]);
    expect(t.lists.map((l) => [l.key, l.xmlPath])).toEqual([['sequence', [3]]]);
    expect(t.lists[0]!.mediators.map((m) => m.kind)).toEqual(['log']);
    expect(serializeArtifact(t)).toBe(TEMPLATE);
  });

  it('keeps an endpoint template as unsupported (a warning), text unchanged', () => {
    const text = doc(
      `<template name="EpT" ${NS}>`,
      '    <parameter name="uri"/>',
      '    <endpoint name="$name"><address uri="$uri"/></endpoint>',
      '</template>',
    );
    const a = parseArtifact(text, 'artifacts/templates/EpT.xml').artifact!;
    expect(a.type).toBe('unsupported');
    expect(serializeArtifact(a)).toBe(text);
    const found = validateProject(projectOf({ 'artifacts/templates/EpT.xml': text }));
    expect(found.map((d) => [d.severity, d.code])).toEqual([['warning', 'ARTIFACT_UNSUPPORTED']]);
  });

  it('lives in artifacts/templates/<name>.xml and a new one has an empty <sequence>', () => {
    expect(artifactPath('template', 'Greet')).toBe('artifacts/templates/Greet.xml');
    const p = addArtifact(projectOf({}), 'template', 'Fresh');
    const t = findArtifact(p, { type: 'template', name: 'Fresh' })!;
    expect(t.lists.map((l) => l.key)).toEqual(['sequence']);
    expect(validateProject(p)).toEqual([]);
  });

  it("inserts a mediator into the template's <sequence>, touching nothing else", () => {
    const p = projectOf({ 'artifacts/templates/Greet.xml': TEMPLATE });
    const ref = { type: 'template', name: 'Greet' } as const;
    const after = insertMediator(p, { artifact: ref, list: ['sequence'], index: 1, xml: '<drop/>' });
    const t = findArtifact(after, ref)!;
    expect(t.lists[0]!.mediators.map((m) => m.kind)).toEqual(['log', 'drop']);
    expect(serializeArtifact(t)).toBe(TEMPLATE.replace('</log>\n', '</log>\n        <drop/>\n'));
  });
});

describe('call-template diagnostics', () => {
  it('a target that names no template is REF_TEMPLATE_MISSING on the mediator', () => {
    const found = diagnosticsWith('    <call-template target="Nope"/>');
    expect(found.map(brief)).toEqual([{ code: 'REF_TEMPLATE_MISSING', artifact: 's', line: 2, column: 5 }]);
    expect(found[0]!.message).toContain("'Nope'");
    expect(found[0]!.field).toBe('target');
  });

  it('a missing target is REQUIRED_FIELD (InvokeMediatorFactory refuses it)', () => {
    const found = diagnosticsWith('    <call-template/>');
    expect(found.map((d) => d.code)).toEqual(['REQUIRED_FIELD']);
  });

  it('a mandatory parameter without default and not given is TEMPLATE_PARAM_MISSING (TemplateContext.setupParams)', () => {
    const found = diagnosticsWith('    <call-template target="Greet"/>');
    expect(found.map(brief)).toEqual([{ code: 'TEMPLATE_PARAM_MISSING', artifact: 's', line: 2, column: 5 }]);
    expect(found[0]!.message).toContain("'who'");
    // `greeting` is mandatory but has a default: TemplateContext uses the default.
    expect(
      diagnosticsWith('    <call-template target="Greet"><with-param name="who" value="x"/></call-template>'),
    ).toEqual([]);
  });

  it('a parameter the template does not declare is a warning on its with-param', () => {
    const found = diagnosticsWith(
      '    <call-template target="Greet">',
      '        <with-param name="who" value="x"/>',
      '        <with-param name="whom" value="y"/>',
      '    </call-template>',
    );
    expect(found.map((d) => [d.severity, d.code, d.line, d.column])).toEqual([
      ['warning', 'TEMPLATE_PARAM_UNKNOWN', 4, 9],
    ]);
  });

  it('a with-param expression that does not parse is EXPRESSION_SYNTAX on its with-param, {…} and {{…}} alike', () => {
    const found = diagnosticsWith(
      '    <call-template target="Greet">',
      '        <with-param name="who" value="{//a[}"/>',
      '        <with-param name="tone" value="{{concat(}}"/>',
      '    </call-template>',
    );
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([
      ['EXPRESSION_SYNTAX', 3, 9],
      ['EXPRESSION_SYNTAX', 4, 9],
    ]);
  });

  it('a with-param without value is REQUIRED_FIELD (ValueFactory: the value attribute is required)', () => {
    const found = diagnosticsWith(
      '    <call-template target="Greet"><with-param name="who"/></call-template>',
    );
    expect(found.map((d) => d.code)).toEqual(['REQUIRED_FIELD']);
  });

  it('a template and a sequence may not share a name (SynapseConfiguration.addSequenceTemplate: one local registry)', () => {
    const found = validateProject(
      projectOf({
        'artifacts/templates/Greet.xml': TEMPLATE,
        'artifacts/sequences/Greet.xml': doc(`<sequence name="Greet" ${NS}>`, '    <drop/>', '</sequence>'),
      }),
    );
    expect(found.map((d) => d.code)).toEqual(['REGISTRY_KEY_CLASH']);
  });

  it('a template without <sequence> and with a duplicate parameter is reported on the template', () => {
    const found = validateProject(
      projectOf({
        'artifacts/templates/Bad.xml': doc(
          `<template name="Bad" ${NS}>`,
          '    <parameter name="a"/>',
          '    <parameter name="a"/>',
          '</template>',
        ),
      }),
    );
    expect(found.map(brief)).toEqual([
      { code: 'TEMPLATE_NO_SEQUENCE', artifact: 'Bad', line: 1, column: 1 },
      { code: 'TEMPLATE_PARAMETER_DUPLICATE', artifact: 'Bad', line: 3, column: 5 },
    ]);
  });
});

describe('renaming a template', () => {
  it('moves its file and rewrites every call-template target that names it', () => {
    const caller = doc(
      `<sequence name="s" ${NS}>`,
      '    <call-template target="Greet"><with-param name="who" value="x"/></call-template>',
      '    <call-template target="Other"/>',
      '</sequence>',
    );
    const p = projectOf({ 'artifacts/templates/Greet.xml': TEMPLATE, 'artifacts/sequences/s.xml': caller });
    const plan = planArtifactRename(p, { type: 'template', from: 'Greet', to: 'Hello' });
    const text = Object.fromEntries(plan.files.map((f) => [f.path, f.text]));
    expect(plan.renamed).toBe('artifacts/templates/Hello.xml');
    expect(text['artifacts/templates/Hello.xml']).toBe(TEMPLATE.replace('name="Greet"', 'name="Hello"'));
    expect(text['artifacts/sequences/s.xml']).toBe(caller.replace('target="Greet"', 'target="Hello"'));
  });
});
