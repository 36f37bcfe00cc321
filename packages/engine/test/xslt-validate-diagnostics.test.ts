/**
 * Located diagnostics for the xslt, fastXSLT and validate mediators: what validateProject sees
 * in the XML (a missing local entry, a missing schema or on-fail, a feature that is not a
 * boolean, a parameter with neither or both of value and expression, a source that does not
 * parse), and what deploying finds in the entries (a stylesheet or schema that does not
 * compile), each on its artifact, line, column and field.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  artifactPath,
  buildProject,
  changeMediator,
  findArtifact,
  insertMediator,
  parseArtifact,
  serializeArtifact,
  validateProject,
  type Diagnostic,
} from '../src/model/index.js';
import { createRuntime } from '../src/runtime/index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const XSL = 'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"';

/** A sequence `s` whose body is on line 2 (one mediator, its own lines). */
const seq = (body: string) => `<sequence name="s" ${NS}>\n    ${body}\n</sequence>\n`;
const entry = (key: string, inner: string) => `<localEntry key="${key}" ${NS}>${inner}</localEntry>`;
const SHEET = entry(
  'sheet',
  `<xsl:stylesheet version="1.0" ${XSL}><xsl:template match="/"><a/></xsl:template></xsl:stylesheet>`,
);
const XSD = entry(
  'xsd',
  '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" type="xs:string"/></xs:schema>',
);

function projectOf(body: string, entries: Record<string, string> = {}) {
  const files = [
    { path: artifactPath('sequence', 's'), text: seq(body) },
    ...Object.entries(entries).map(([key, text]) => ({ path: artifactPath('localEntry', key), text })),
  ];
  const { project, diagnostics } = buildProject('', files);
  expect(diagnostics).toEqual([]);
  return project;
}

/** The one diagnostic validateProject gives for `body`. */
function only(body: string, entries: Record<string, string> = { sheet: SHEET, xsd: XSD }): Diagnostic {
  const found = validateProject(projectOf(body, entries));
  expect(found).toHaveLength(1);
  return found[0] as Diagnostic;
}

describe('validateProject', () => {
  it('accepts every option of the three kinds', () => {
    expect(
      validateProject(
        projectOf(
          `<xslt key="sheet" source="//a" target="t"><property name="p" value="1"/><property name="q" expression="//b"/><feature name="f" value="true"/><resource location="x.xsl" key="sheet"/></xslt><fastXSLT key="{$ctx:k}"/><validate source="json-eval($.a)" json-source="true" cache-schema="false"><schema key="xsd"/><schema key="{$ctx:s}"/><resource location="y.xsd" key="xsd"/><feature name="f" value="false"/><on-fail><drop/></on-fail></validate>`,
          { sheet: SHEET, xsd: XSD },
        ),
      ),
    ).toEqual([]);
  });

  it('reports a key that names no local entry (xslt, fastXSLT, schema, resource)', () => {
    for (const [body, field] of [
      ['<xslt key="nope"/>', 'key'],
      ['<fastXSLT key="nope"/>', 'key'],
      ['<validate><schema key="nope"/><on-fail><drop/></on-fail></validate>', 'key'],
      ['<xslt key="sheet"><resource location="a.xsl" key="nope"/></xslt>', 'key'],
    ] as const) {
      expect(only(body)).toMatchObject({
        code: 'REF_LOCAL_ENTRY_MISSING',
        artifact: 's',
        line: 2,
        column: 5,
        field,
      });
      expect(only(body).message).toContain("'nope'");
    }
  });

  it('requires the key', () => {
    expect(only('<xslt/>')).toMatchObject({ code: 'REQUIRED_FIELD', field: 'key', line: 2, column: 5 });
    expect(only('<fastXSLT key=""/>')).toMatchObject({ code: 'REQUIRED_FIELD', field: 'key' });
  });

  it('checks a {…} key as an expression', () => {
    expect(only('<xslt key="{get-property(}"/>')).toMatchObject({
      code: 'EXPRESSION_SYNTAX',
      field: 'key',
      line: 2,
    });
  });

  it('checks the source expression', () => {
    expect(only('<xslt key="sheet" source="//a["/>')).toMatchObject({
      code: 'EXPRESSION_SYNTAX',
      field: 'source',
    });
    expect(
      only('<validate source="//a[("><schema key="xsd"/><on-fail><drop/></on-fail></validate>'),
    ).toMatchObject({
      code: 'EXPRESSION_SYNTAX',
      field: 'source',
    });
  });

  it('needs a boolean feature value (XSLTMediatorFactory / ValidateMediatorFactory)', () => {
    expect(only('<xslt key="sheet"><feature name="f" value="yes"/></xslt>')).toMatchObject({
      code: 'BOOLEAN_VALUE',
      field: 'value',
    });
  });

  it('needs one of value and expression on an xslt parameter (MediatorPropertyFactory)', () => {
    expect(only('<xslt key="sheet"><property name="p"/></xslt>')).toMatchObject({
      code: 'XSLT_PARAMETER_NO_VALUE',
      field: 'properties',
      line: 2,
    });
    expect(only('<xslt key="sheet"><property name="p" value="1" expression="//a"/></xslt>')).toMatchObject({
      code: 'XSLT_PARAMETER_TWO_VALUES',
    });
  });

  it('needs a schema and a non-empty on-fail (ValidateMediatorFactory)', () => {
    expect(only('<validate><on-fail><drop/></on-fail></validate>')).toMatchObject({
      code: 'VALIDATE_NO_SCHEMA',
      field: 'schemas',
      line: 2,
      column: 5,
    });
    expect(only('<validate><schema key="xsd"/><on-fail/></validate>')).toMatchObject({
      code: 'VALIDATE_ON_FAIL_EMPTY',
    });
    expect(only('<validate><schema key="xsd"/></validate>')).toMatchObject({
      code: 'VALIDATE_ON_FAIL_EMPTY',
    });
  });
});

describe('edits from the palette and the canvas', () => {
  const ref = { type: 'sequence', name: 's' } as const;

  it("drops validate's template, fills its schema key, and adds a mediator to on-fail", () => {
    let p = projectOf('<log/>', { xsd: XSD });
    p = insertMediator(p, { artifact: ref, list: ['sequence'], index: 1, kind: 'validate' });
    const found = validateProject(p).map((d) => d.code);
    // The template leaves the key for the user to pick; nothing else is wrong with it.
    expect(found).toEqual(['REQUIRED_FIELD']);
    const v = () => findArtifact(p, ref)!.lists[0]!.mediators[1]!;
    expect(v().kind).toBe('validate');
    expect(v().branches.onFail!.map((m) => m.kind)).toEqual(['drop']);
    p = insertMediator(p, { artifact: ref, list: ['sequence', 1, 'onFail'], index: 0, kind: 'log' });
    expect(v().branches.onFail!.map((m) => m.kind)).toEqual(['log', 'drop']);
    p = changeMediator(p, { artifact: ref, path: ['sequence', 1], values: { source: '//a' } });
    expect(validateProject(p).map((d) => d.code)).toEqual(['REQUIRED_FIELD']);
    expect(serializeArtifact(findArtifact(p, ref)!)).toContain('<on-fail>');
  });

  it("drops xslt's template and sets its key", () => {
    let p = projectOf('<log/>', { sheet: SHEET });
    p = insertMediator(p, { artifact: ref, list: ['sequence'], index: 1, kind: 'xslt' });
    p = changeMediator(p, { artifact: ref, path: ['sequence', 1], values: { key: 'sheet' } });
    expect(validateProject(p)).toEqual([]);
    expect(serializeArtifact(findArtifact(p, ref)!)).toContain('<xslt key="sheet"/>');
  });
});

/** The diagnostics a deploy of `body` with `entries` gives (and stops the runtime). */
async function deployDiagnostics(body: string, entries: Record<string, string>): Promise<Diagnostic[]> {
  const runtime = createRuntime();
  try {
    const r = await runtime.deploy(projectOf(body, entries));
    return r.ok ? [] : [...r.diagnostics];
  } finally {
    await runtime.stop();
  }
}

describe('deploy: stylesheets and schemas are compiled', () => {
  const located = { artifact: 's', line: 2, column: 5, severity: 'error' };

  it('reports an entry that is not a stylesheet', async () => {
    const found = await deployDiagnostics('<xslt key="x"/>', { x: entry('x', '<notXsl/>') });
    expect(found).toEqual([
      expect.objectContaining({ ...located, code: 'XSLT_STYLESHEET_INVALID', field: 'key' }),
    ]);
    expect(found[0]?.message).toBe("<xslt>: Local entry 'x' holds <notXsl>, not an <xsl:stylesheet>.");
  });

  it('reports a select expression that does not parse, and an unknown XSLT 1.0 element', async () => {
    const bad = await deployDiagnostics('<fastXSLT key="x"/>', {
      x: entry(
        'x',
        `<xsl:stylesheet version="1.0" ${XSL}><xsl:template match="/">\n<xsl:value-of select="//a[("/></xsl:template></xsl:stylesheet>`,
      ),
    });
    expect(bad).toEqual([expect.objectContaining({ ...located, code: 'XSLT_STYLESHEET_INVALID' })]);
    expect(bad[0]?.message).toContain('Local entry \'x\', line 2: <xsl:value-of select="//a[(">');
    const unknown = await deployDiagnostics('<xslt key="x"/>', {
      x: entry(
        'x',
        `<xsl:stylesheet version="1.0" ${XSL}><xsl:template match="/"><xsl:bogus/></xsl:template></xsl:stylesheet>`,
      ),
    });
    expect(unknown[0]?.message).toBe("<xslt>: Local entry 'x', line 1: <xsl:bogus> is not an XSLT element.");
  });

  it('reports an XSD that does not compile and a JSON Schema that is not JSON', async () => {
    const xsd = await deployDiagnostics('<validate><schema key="x"/><on-fail><drop/></on-fail></validate>', {
      x: entry(
        'x',
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" type="xs:nope"/></xs:schema>',
      ),
    });
    expect(xsd).toEqual([
      expect.objectContaining({ ...located, code: 'VALIDATE_SCHEMA_INVALID', field: 'schemas' }),
    ]);
    expect(xsd[0]?.message).toContain("'{http://www.w3.org/2001/XMLSchema}nope' does not resolve");
    const json = await deployDiagnostics('<validate><schema key="x"/><on-fail><drop/></on-fail></validate>', {
      x: entry('x', '{"type": "object",}'),
    });
    expect(json).toEqual([expect.objectContaining({ ...located, code: 'VALIDATE_SCHEMA_INVALID' })]);
    expect(json[0]?.message).toContain("Local entry 'x' is not a JSON Schema");
  });

  it('compiles the catalog fixtures of the three kinds with no diagnostic', async () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'catalog');
    const names = [
      'xslt.xml',
      'fastXSLT.xml',
      'validate.xml',
      ...readdirSync(dir).filter((f) => f.startsWith('local-entry-')),
    ];
    const files = names.map((n) => {
      const text = readFileSync(join(dir, n), 'utf8');
      const a = parseArtifact(text, n).artifact;
      if (!a || a.type === 'definitions' || a.type === 'unsupported') throw new Error(n);
      return { path: artifactPath(a.type, a.name), text };
    });
    const runtime = createRuntime();
    try {
      const r = await runtime.deploy(buildProject('', files).project);
      expect(r.ok ? [] : r.diagnostics).toEqual([]);
    } finally {
      await runtime.stop();
    }
  });
});
