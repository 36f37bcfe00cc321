/**
 * payloadFactory and header in the model: validation gives located diagnostics for what MI's
 * factories refuse (PayloadFactoryMediatorFactory, HeaderMediatorFactory) and for what Mediate
 * does not run (FreeMarker templates); edits write args inside <args> and the format in place;
 * untouched XML round-trips byte for byte.
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

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

function projectOf(body: string, rootAttrs = '', extra: Record<string, string> = {}): Project {
  const files = [
    {
      path: 'artifacts/sequences/s.xml',
      text: `<sequence name="s" ${NS}${rootAttrs}>\n${body}\n</sequence>\n`,
    },
    ...Object.entries(extra).map(([path, text]) => ({ path, text })),
  ];
  const { project, diagnostics } = buildProject('', files);
  expect(diagnostics).toEqual([]);
  return project;
}

/** The diagnostics of a one-sequence project (the body starts on line 2). */
function diagnose(body: string, rootAttrs = '', extra: Record<string, string> = {}): Diagnostic[] {
  return validateProject(projectOf(body, rootAttrs, extra));
}

const codes = (d: readonly Diagnostic[]) => d.map((x) => `${x.severity}:${x.code}`);

describe('payloadFactory validation', () => {
  it('accepts MI forms: json evaluator with a bare JSONPath, ${…} in the format, a key', () => {
    const found = diagnose(
      [
        '<payloadFactory media-type="json">',
        '  <format>{"a": "$1", "b": $2, "c": ${payload.c}}</format>',
        '  <args>',
        '    <arg evaluator="json" expression="$.a"/>',
        '    <arg evaluator="json" expression="json-eval($.b)" literal="true"/>',
        '  </args>',
        '</payloadFactory>',
        '<payloadFactory><format key="fmt"/></payloadFactory>',
      ].join('\n'),
      '',
      { 'artifacts/local-entries/fmt.xml': `<localEntry key="fmt" ${NS}><a>$1</a></localEntry>` },
    );
    expect(found).toEqual([]);
  });

  it('template-type="freemarker" is refused, located on the mediator', () => {
    // PayloadFactoryMediatorFactory.getTemplateProcessor picks FreeMarkerTemplateProcessor.
    const found = diagnose(
      '<log/>\n<payloadFactory media-type="json" template-type="freemarker"><format>{}</format></payloadFactory>',
    );
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'PAYLOAD_TEMPLATE_UNSUPPORTED',
        artifact: 's',
        path: ['sequence', 1],
        field: 'templateType',
        line: 3,
        column: 1,
      }),
    ]);
    expect(found[0]!.message).toContain('not supported');
  });

  it('an arg expression that does not parse is EXPRESSION_SYNTAX at the mediator', () => {
    // PayloadFactoryMediatorFactory: "Invalid XPath expression for attribute expression".
    const found = diagnose(
      '<payloadFactory>\n  <format><a>$1$2</a></format>\n  <args><arg expression="//a["/><arg evaluator="json" expression="$.[["/></args>\n</payloadFactory>',
    );
    expect(codes(found)).toEqual(['error:EXPRESSION_SYNTAX', 'error:EXPRESSION_SYNTAX']);
    expect(found[0]).toMatchObject({ line: 2, column: 1, field: 'args' });
    expect(found[0]!.message).toContain('arg #1');
    expect(found[1]!.message).toContain('arg #2');
  });

  it('an empty expression, an arg with neither value nor expression, a missing format', () => {
    // "Attribute value for xpath cannot be empty"; "Unsupported arg type. value or expression
    // attribute required"; "format element of payloadFactoryMediator is required".
    expect(
      codes(
        diagnose(
          '<payloadFactory><format>x</format><args><arg expression=" "/><arg/></args></payloadFactory>',
        ),
      ),
    ).toEqual(['error:EXPRESSION_SYNTAX', 'error:PAYLOAD_ARG_NO_VALUE']);
    expect(codes(diagnose('<payloadFactory media-type="text"/>'))).toEqual(['error:PAYLOAD_NO_FORMAT']);
  });

  it('a format key that is no local entry, a bad media type, a $n beyond the args, a bad ${…}', () => {
    expect(codes(diagnose('<payloadFactory><format key="nope"/></payloadFactory>'))).toEqual([
      'error:REF_LOCAL_ENTRY_MISSING',
    ]);
    expect(codes(diagnose('<payloadFactory media-type="yaml"><format>a</format></payloadFactory>'))).toEqual([
      'error:ENUM_VALUE',
    ]);
    // RegexTemplateProcessor.replace logs "Mis-match detected between number of formatters and arguments".
    expect(
      codes(
        diagnose(
          '<payloadFactory media-type="text"><format>$1 $2</format><args><arg value="a"/></args></payloadFactory>',
        ),
      ),
    ).toEqual(['warning:PAYLOAD_ARG_MISSING']);
    expect(
      codes(
        diagnose('<payloadFactory media-type="json"><format>{"a": ${payload.(}}</format></payloadFactory>'),
      ),
    ).toEqual(['error:EXPRESSION_SYNTAX']);
  });
});

describe('header validation', () => {
  it('accepts a prefix declared on the artifact or the header, well-known names, transport names', () => {
    const found = diagnose(
      [
        '<header name="m:A" value="1"/>',
        '<header name="n:B" expression="//x" xmlns:n="urn:n"/>',
        '<header name="Action" value="urn:act"/>',
        '<header name="X-Any-Thing" scope="transport" value="v"/>',
        '<header name="m:A" action="remove"/>',
        '<header><m:Block>1</m:Block></header>',
      ].join('\n'),
      ' xmlns:m="urn:m"',
    );
    expect(found).toEqual([]);
  });

  it('an undeclared prefix is located on the header', () => {
    // HeaderMediatorFactory: "Invalid namespace prefix 'x' in name attribute".
    const found = diagnose('<log/>\n  <header name="x:Missing" value="1"/>');
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'HEADER_PREFIX_UNDECLARED',
        path: ['sequence', 1],
        field: 'name',
        line: 3,
        column: 3,
      }),
    ]);
  });

  it('an unqualified SOAP header name, no value, no name, a bad scope', () => {
    // HeaderMediatorFactory: "All SOAP headers must be namespace qualified"; "A 'value' or
    // 'expression' attribute is required for a [set] header mediator"; "A valid name attribute
    // is required"; "Only 'transport' or 'default' values are allowed for attribute scope".
    expect(codes(diagnose('<header name="Custom" value="1"/>'))).toEqual(['error:HEADER_NAME_UNQUALIFIED']);
    expect(codes(diagnose('<header name="X-A" scope="transport"/>'))).toEqual(['error:HEADER_NO_VALUE']);
    expect(codes(diagnose('<header value="1"/>'))).toEqual(['error:HEADER_NO_NAME']);
    expect(codes(diagnose('<header name="X-A" scope="axis2" value="1"/>'))).toEqual(['error:ENUM_VALUE']);
    expect(codes(diagnose('<header name="X-A" scope="transport" expression="//a["/>'))).toEqual([
      'error:EXPRESSION_SYNTAX',
    ]);
  });
});

describe('payloadFactory and header edits', () => {
  const ref = { type: 'sequence' as const, name: 's' };
  const text = (p: Project) => serializeArtifact(findArtifact(p, ref)!);

  it('untouched XML round-trips byte for byte', () => {
    const body =
      '    <payloadFactory media-type=\'json\'>\n      <format><![CDATA[{"a": "$1"}]]></format>\n      <args>\n        <arg  expression="$.a"   evaluator="json"/>\n      </args>\n    </payloadFactory>\n    <header name="X-A"  scope="transport" value="&amp;"/>';
    const p = projectOf(body);
    expect(text(p)).toBe(`<sequence name="s" ${NS}>\n${body}\n</sequence>\n`);
  });

  it('args are written inside <args>, created when missing, and the rest stays as written', () => {
    const p = projectOf(
      '    <payloadFactory media-type="text">\n        <format>$1 $2</format>\n    </payloadFactory>',
    );
    const once = changeMediator(p, {
      artifact: ref,
      path: ['sequence', 0],
      values: { args: [{ value: 'a' }, { expression: '$.b', evaluator: 'json' }] },
    });
    expect(text(once)).toBe(
      `<sequence name="s" ${NS}>\n    <payloadFactory media-type="text">\n        <format>$1 $2</format>\n        <args>\n            <arg value="a"/>\n            <arg expression="$.b" evaluator="json"/>\n        </args>\n    </payloadFactory>\n</sequence>\n`,
    );
    const twice = changeMediator(once, {
      artifact: ref,
      path: ['sequence', 0],
      values: { args: [{ value: 'a' }] },
    });
    expect(text(twice)).toContain('<args>\n            <arg value="a"/>\n        </args>');
    expect(codes(validateProject(twice))).toEqual(['warning:PAYLOAD_ARG_MISSING']);
    const none = changeMediator(twice, { artifact: ref, path: ['sequence', 0], values: { args: [] } });
    expect(text(none)).toBe(text(p));
  });

  it('the format key and an inline format are set in <format>', () => {
    const p = projectOf('    <payloadFactory>\n        <format><a>$1</a></format>\n    </payloadFactory>');
    const keyed = changeMediator(p, {
      artifact: ref,
      path: ['sequence', 0],
      values: { format: { key: 'fmt' } },
    });
    expect(text(keyed)).toContain('<format key="fmt"><a>$1</a></format>');
    // As the inspector sends it: the row as read, with one attribute changed.
    const laidOut = projectOf(
      '    <payloadFactory>\n        <format>\n            <a>$1</a>\n        </format>\n    </payloadFactory>',
    );
    const keyedAsRead = changeMediator(laidOut, {
      artifact: ref,
      path: ['sequence', 0],
      values: { format: { inlineXml: '<a>$1</a>', key: 'fmt' } },
    });
    expect(text(keyedAsRead)).toContain('<format key="fmt">\n            <a>$1</a>\n        </format>');
    const inline = changeMediator(p, {
      artifact: ref,
      path: ['sequence', 0],
      values: { format: { inlineXml: '<b>$1</b>' } },
    });
    expect(text(inline)).toContain('<format><b>$1</b></format>');
  });

  it('header: switching to action="remove" drops the value', () => {
    const p = projectOf('    <header name="X-A" scope="transport" value="1"/>');
    const removed = changeMediator(p, { artifact: ref, path: ['sequence', 0], values: { action: 'remove' } });
    expect(text(removed)).toContain('<header name="X-A" scope="transport" action="remove"/>');
  });
});
