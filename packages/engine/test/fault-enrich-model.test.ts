/**
 * makefault and enrich in the model: what MI's factories refuse (FaultMediatorFactory,
 * EnrichMediatorFactory) is a located diagnostic at validate time, what they accept gives none,
 * and the source/detail elements keep their inline XML through reading and edits.
 */
import { describe, expect, it } from 'vitest';
import {
  buildProject,
  changeMediator,
  findArtifact,
  serializeArtifact,
  validateProject,
  type Diagnostic,
  type Project,
} from '../src/model/index.js';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';

function projectOf(body: string, rootAttrs = ''): Project {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<sequence name="s" xmlns="http://ws.apache.org/ns/synapse"${rootAttrs}>\n    ${body}\n</sequence>\n`;
  const { project, diagnostics } = buildProject('', [{ path: 'artifacts/sequences/s.xml', text }]);
  expect(diagnostics).toEqual([]);
  return project;
}

const diagnose = (body: string, rootAttrs = ''): Diagnostic[] => validateProject(projectOf(body, rootAttrs));
const codes = (body: string, rootAttrs = '') => diagnose(body, rootAttrs).map((d) => d.code);

describe('makefault validation (FaultMediatorFactory)', () => {
  it('accepts SOAP 1.1, SOAP 1.2 and POX faults, with the code prefix declared on the mediator, the code or above', () => {
    expect(
      codes(
        `<makefault><code xmlns:a="${S11}" value="a:Server"/><reason value="r"/></makefault>
    <makefault version="soap12" xmlns:b="${S12}"><code value="b:Receiver"/><reason expression="get-property('x')"/><node>urn:n</node><role>urn:r</role><detail>d</detail></makefault>
    <makefault version="soap11"><code value="c:MustUnderstand"/><reason value="r"/></makefault>
    <makefault version="pox"/>`,
        ` xmlns:c="${S11}"`,
      ),
    ).toEqual([]);
  });

  it('reports a code outside the SOAP fault-code namespace at the mediator, naming the field', () => {
    const [d, ...rest] = diagnose(
      `<makefault><code xmlns:x="urn:mine" value="x:Server"/><reason value="r"/></makefault>`,
    );
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: 'MAKEFAULT_CODE_NAMESPACE',
      field: 'code',
      line: 3,
      column: 5,
      path: ['sequence', 0],
    });
    expect(d?.message).toContain(S11);
  });

  it.each([
    [
      'a code that is not a QName',
      `<makefault><code value="Server"/><reason value="r"/></makefault>`,
      'MAKEFAULT_CODE_QNAME',
    ],
    [
      'an undeclared code prefix',
      `<makefault><code value="nope:Server"/><reason value="r"/></makefault>`,
      'MAKEFAULT_CODE_PREFIX',
    ],
    [
      'a SOAP 1.1 name in a SOAP 1.2 fault',
      `<makefault version="soap12"><code xmlns:e="${S12}" value="e:Client"/><reason value="r"/></makefault>`,
      'MAKEFAULT_CODE_VALUE',
    ],
    ['a SOAP fault without a code', `<makefault><reason value="r"/></makefault>`, 'MAKEFAULT_NO_CODE'],
    [
      'a SOAP fault without a reason',
      `<makefault><code xmlns:e="${S11}" value="e:Server"/></makefault>`,
      'MAKEFAULT_NO_REASON',
    ],
    [
      'a reason with neither value nor expression',
      `<makefault><code xmlns:e="${S11}" value="e:Server"/><reason/></makefault>`,
      'MAKEFAULT_REASON_NO_VALUE',
    ],
    [
      'a code with neither value nor expression',
      `<makefault version="pox"><code/></makefault>`,
      'MAKEFAULT_CODE_NO_VALUE',
    ],
    ['an unknown version', `<makefault version="soap13"/>`, 'ENUM_VALUE'],
    [
      'a reason expression that does not parse',
      `<makefault version="pox"><reason expression="//a["/></makefault>`,
      'EXPRESSION_SYNTAX',
    ],
    [
      'response spelled otherwise than true/false',
      `<makefault version="pox" response="TRUE"/>`,
      'MAKEFAULT_RESPONSE_VALUE',
    ],
    [
      'a node without a version (MI fails on it)',
      `<makefault><code xmlns:e="${S11}" value="e:Server"/><reason value="r"/><node>urn:n</node></makefault>`,
      'MAKEFAULT_NODE_NO_VERSION',
    ],
    [
      'a role that is not a URI',
      `<makefault version="pox"><role>not a uri</role></makefault>`,
      'MAKEFAULT_ROLE_URI',
    ],
  ])('%s', (_name, body, code) => {
    const found = diagnose(body);
    expect(found.map((d) => d.code)).toEqual([code]);
    expect(found[0]?.line).toBe(3);
    expect(found[0]?.severity).toBe('error');
  });

  it('warns that MI ignores a node on a SOAP 1.1 fault', () => {
    const [d] = diagnose(
      `<makefault version="soap11"><code xmlns:e="${S11}" value="e:Server"/><reason value="r"/><node>urn:n</node></makefault>`,
    );
    expect(d).toMatchObject({ code: 'MAKEFAULT_NODE_SOAP11', severity: 'warning' });
  });
});

describe('enrich validation (EnrichMediatorFactory)', () => {
  it('accepts the usual combinations', () => {
    expect(
      codes(`<enrich><source type="body"/><target type="property" property="p"/></enrich>
    <enrich><source xpath="//a"/><target type="body" action="child"/></enrich>
    <enrich><source type="inline"><x/></source><target xpath="//b" action="sibling"/></enrich>
    <enrich><source type="inline">n</source><target type="key" xpath="json-eval($.a.b)"/></enrich>
    <enrich><source xpath="json-eval($.a)"/><target type="body" action="remove"/></enrich>
    <enrich><source type="envelope"/><target type="property" property="e"/></enrich>`),
    ).toEqual([]);
  });

  it.each([
    [
      'envelope into body',
      '<enrich><source type="envelope"/><target type="body"/></enrich>',
      'ENRICH_TYPE_COMBINATION',
    ],
    [
      'body into body',
      '<enrich><source type="body"/><target type="body"/></enrich>',
      'ENRICH_TYPE_COMBINATION',
    ],
    [
      'custom into envelope',
      '<enrich><source xpath="//a"/><target type="envelope"/></enrich>',
      'ENRICH_TYPE_COMBINATION',
    ],
    ['an inline target', '<enrich><source xpath="//a"/><target type="inline"/></enrich>', 'ENUM_VALUE'],
    ['no source', '<enrich><target type="body"/></enrich>', 'ENRICH_NO_SOURCE'],
    ['no target', '<enrich><source type="body"/></enrich>', 'ENRICH_NO_TARGET'],
    [
      'a custom source without xpath',
      '<enrich><source/><target type="body"/></enrich>',
      'ENRICH_SOURCE_XPATH',
    ],
    [
      'a custom target without xpath',
      '<enrich><source type="body"/><target action="child"/></enrich>',
      'ENRICH_TARGET_XPATH',
    ],
    [
      'a property source without a name',
      '<enrich><source type="property"/><target type="body"/></enrich>',
      'ENRICH_SOURCE_PROPERTY',
    ],
    [
      'a property target without a name',
      '<enrich><source type="body"/><target type="property"/></enrich>',
      'ENRICH_TARGET_PROPERTY',
    ],
    [
      'an empty inline source',
      '<enrich><source type="inline"/><target type="body"/></enrich>',
      'ENRICH_SOURCE_INLINE',
    ],
    [
      'a key target with child',
      '<enrich><source type="inline">n</source><target type="key" action="child" xpath="json-eval($.a)"/></enrich>',
      'ENRICH_KEY_ACTION',
    ],
    [
      'a remove from a body source',
      '<enrich><source type="body"/><target type="property" property="p" action="remove"/></enrich>',
      'ENRICH_REMOVE_SOURCE',
    ],
    [
      'replacing the JSON root as a custom target',
      '<enrich><source type="body"/><target xpath="json-eval($)"/></enrich>',
      'ENRICH_ROOT_REPLACE',
    ],
    [
      'an xpath that does not parse',
      '<enrich><source xpath="//a["/><target type="body"/></enrich>',
      'EXPRESSION_SYNTAX',
    ],
    [
      'an unknown action',
      '<enrich><source type="body"/><target type="property" property="p" action="merge"/></enrich>',
      'ENUM_VALUE',
    ],
  ])('%s', (_name, body, code) => {
    const found = diagnose(body);
    expect(found.map((d) => d.code)).toEqual([code]);
    expect(found[0]).toMatchObject({ line: 3, column: 5, severity: 'error' });
  });

  it('warns that type="variable" is a Mediate extension', () => {
    const [d, ...rest] = diagnose(
      '<enrich><source type="variable" property="v"/><target type="body"/></enrich>',
    );
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'ENRICH_VARIABLE_NOT_MI', severity: 'warning', field: 'source' });
  });
});

describe('inline XML in child elements (enrich <source>, makefault <detail>)', () => {
  const ref = { type: 'sequence', name: 's' } as const;
  const body =
    '<enrich>\n        <source type="inline" clone="true">\n            <a xmlns="urn:a">1</a>\n        </source>\n        <target type="body"/>\n    </enrich>';

  it('reads the inline element rather than its text, and round-trips untouched', () => {
    const p = projectOf(body);
    const a = findArtifact(p, ref);
    if (a?.type !== 'sequence') throw new Error('no sequence');
    expect(a.lists[0]?.mediators[0]?.values.source).toEqual({
      type: 'inline',
      clone: 'true',
      inlineXml: '<a xmlns="urn:a">1</a>',
    });
    expect(serializeArtifact(a)).toContain(body);
  });

  it('keeps the inline XML when an attribute of the source changes, and replaces it when asked', () => {
    const p = projectOf(body);
    const source = { type: 'inline', clone: 'false', inlineXml: '<a xmlns="urn:a">1</a>' };
    const changed = changeMediator(p, { artifact: ref, path: ['sequence', 0], values: { source } });
    // Unchanged inline XML keeps its layout as written (only the attribute changes).
    expect(serializeArtifact(findArtifact(changed, ref)!)).toContain(
      '<source type="inline" clone="false">\n            <a xmlns="urn:a">1</a>\n        </source>',
    );
    const replaced = changeMediator(p, {
      artifact: ref,
      path: ['sequence', 0],
      values: { source: { ...source, inlineXml: '<b/>' } },
    });
    expect(serializeArtifact(findArtifact(replaced, ref)!)).toContain(
      '<source type="inline" clone="false"><b/></source>',
    );
  });

  it('reads a makefault detail as text or inline XML', () => {
    const p = projectOf(`<makefault version="pox"><detail> text </detail></makefault>
    <makefault version="pox"><detail><e>1</e></detail></makefault>`);
    const a = findArtifact(p, ref);
    if (a?.type !== 'sequence') throw new Error('no sequence');
    expect(a.lists[0]?.mediators.map((m) => m.values.detail)).toEqual([
      { text: 'text' },
      { inlineXml: '<e>1</e>' },
    ]);
  });
});
