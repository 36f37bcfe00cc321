/**
 * A table of malformed and invalid inputs, each with the one diagnostic it must give: its code,
 * and its line and column (1-based, counted by hand from the input and noted beside each row),
 * and words the message must contain so that it tells the user what is wrong and where.
 */
import { describe, expect, it } from 'vitest';
import {
  buildProject,
  parseArtifact,
  validateProject,
  type MediatorPath,
  type ProjectFile,
} from '../src/model/index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** Lines joined with '\n', with a final newline. */
const doc = (...lines: string[]) => `${lines.join('\n')}\n`;
/** A named sequence whose body lines start on line 2. */
const seq = (name: string, ...bodyLines: string[]) =>
  doc(`<sequence name="${name}" ${NS}>`, ...bodyLines, '</sequence>');

interface XmlRow {
  readonly name: string;
  readonly input: string;
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly says: readonly string[];
}

const xmlRows: XmlRow[] = [
  {
    name: 'mismatched end tag',
    // Line 3: four spaces, then '</sequence>' at column 5, while <log> (line 2, column 5) is open.
    input: doc('<sequence name="s">', '    <log level="full">', '    </sequence>'),
    code: 'XML_MISMATCHED_TAG',
    line: 3,
    column: 5,
    says: ['</sequence>', '<log>', 'line 2, column 5'],
  },
  {
    name: 'unclosed element',
    // The file ends after line 2's newline: the end is line 3, column 1.
    input: doc('<sequence name="s">', '    <drop/>'),
    code: 'XML_UNCLOSED_ELEMENT',
    line: 3,
    column: 1,
    says: ['<sequence>', 'line 1, column 1', 'never closed'],
  },
  {
    name: 'unclosed start tag',
    // '<log' starts at line 2, column 5 and the file ends inside it.
    input: '<sequence name="s">\n    <log level="full"',
    code: 'XML_UNCLOSED_TAG',
    line: 2,
    column: 5,
    says: ['<log', "'>'"],
  },
  {
    name: 'unescaped & in an attribute',
    // '    <property name="q" value="' is 30 characters; 'a=1' is 31-33, '&' is column 34.
    input: seq('s', '    <property name="q" value="a=1&b=2"/>'),
    code: 'XML_BAD_REFERENCE',
    line: 2,
    column: 34,
    says: ["attribute 'value' of <property>", '&amp;'],
  },
  {
    name: 'unescaped & in text',
    // '    <description>' is 17 characters; 'Fish ' is 18-22, '&' is column 23.
    input: seq('s', '    <description>Fish & chips</description>'),
    code: 'XML_BAD_REFERENCE',
    line: 2,
    column: 23,
    says: ['text', '&amp;'],
  },
  {
    name: "'<' in an attribute value",
    // '    <filter xpath="' is 19 characters; '1 ' is 20-21, '<' is column 22.
    input: seq('s', '    <filter xpath="1 < 2">', '        <drop/>', '    </filter>'),
    code: 'XML_LT_IN_ATTRIBUTE',
    line: 2,
    column: 22,
    says: ["'xpath'", '&lt;'],
  },
  {
    name: 'duplicate attribute',
    // '    <log level="full" ' is 22 characters; the second 'level' starts at column 23.
    input: seq('s', '    <log level="full" level="simple"/>'),
    code: 'XML_DUPLICATE_ATTRIBUTE',
    line: 2,
    column: 23,
    says: ["'level'", '<log>'],
  },
  {
    name: 'unquoted attribute value',
    // '    <log level=' is 15 characters; the value 'full' starts at column 16.
    input: seq('s', '    <log level=full/>'),
    code: 'XML_UNQUOTED_ATTRIBUTE',
    line: 2,
    column: 16,
    says: ["'level'", 'quotes'],
  },
  {
    name: 'no white space between attributes',
    // '    <log level="full"' is 21 characters; 'category' starts at column 22.
    input: seq('s', '    <log level="full"category="WARN"/>'),
    code: 'XML_BAD_ATTRIBUTE',
    line: 2,
    column: 22,
    says: ['<log>', "'c'"],
  },
  {
    name: 'attribute without a value',
    // '    <drop async' is 15 characters; the '/' where '=' should be is column 16.
    input: seq('s', '    <drop async/>'),
    code: 'XML_BAD_ATTRIBUTE',
    line: 2,
    column: 16,
    says: ["'async'", 'async="…"'],
  },
  {
    name: 'XML declaration after a blank line',
    // Line 1 is empty; the declaration is at line 2, column 1.
    input: doc('', '<?xml version="1.0" encoding="UTF-8"?>', '<sequence name="s"/>'),
    code: 'XML_DECL_NOT_AT_START',
    line: 2,
    column: 1,
    says: ['<?xml', 'first'],
  },
  {
    name: 'XML declaration inside the root',
    input: seq('s', '    <?xml version="1.0"?>'),
    code: 'XML_DECL_NOT_AT_START',
    line: 2,
    column: 5,
    says: ['<?xml', 'first'],
  },
  {
    name: 'text after the root element',
    input: doc('<sequence name="s"/>', 'oops'),
    code: 'XML_TEXT_OUTSIDE_ROOT',
    line: 2,
    column: 1,
    says: ['"oops"', 'after the root element'],
  },
  {
    name: 'two root elements',
    input: doc('<sequence name="a"/>', '<sequence name="b"/>'),
    code: 'XML_MULTIPLE_ROOTS',
    line: 2,
    column: 1,
    says: ['<sequence>', '<definitions>'],
  },
  {
    name: 'stray end tag after the root',
    input: doc('<sequence name="s"/>', '</sequence>'),
    code: 'XML_JUNK_AFTER_ROOT',
    line: 2,
    column: 1,
    says: ['</sequence>', 'already closed'],
  },
  {
    name: 'empty document',
    input: '',
    code: 'XML_NO_ROOT',
    line: 1,
    column: 1,
    says: ['no root element'],
  },
  {
    name: 'a comment and nothing else',
    // The comment fills line 1; the end of the file is line 2, column 1.
    input: doc('<!-- nothing here -->'),
    code: 'XML_NO_ROOT',
    line: 2,
    column: 1,
    says: ['no root element'],
  },
  {
    name: "'--' inside a comment",
    // '    <!-- a ' is 11 characters; the '--' starts at column 12.
    input: seq('s', '    <!-- a -- b -->'),
    code: 'XML_BAD_COMMENT',
    line: 2,
    column: 12,
    says: ["'--'"],
  },
  {
    name: 'unclosed comment',
    input: seq('s', '    <!-- never closed'),
    code: 'XML_UNCLOSED_COMMENT',
    line: 2,
    column: 5,
    says: ['-->'],
  },
  {
    name: 'undefined entity',
    // '    <description>' is 17 characters; '&nbsp;' starts at column 18.
    input: seq('s', '    <description>&nbsp;</description>'),
    code: 'XML_BAD_REFERENCE',
    line: 2,
    column: 18,
    says: ['&nbsp;', 'Unknown entity'],
  },
  {
    name: 'character reference to a forbidden character',
    input: seq('s', '    <description>&#0;</description>'),
    code: 'XML_BAD_REFERENCE',
    line: 2,
    column: 18,
    says: ['&#0;'],
  },
  {
    name: 'invalid character (U+0007)',
    // 'bell' is columns 18-21; the BEL character is column 22.
    input: seq('s', '    <description>bell\u0007</description>'),
    code: 'XML_INVALID_CHARACTER',
    line: 2,
    column: 22,
    says: ['U+0007'],
  },
  {
    name: 'unclosed CDATA section',
    input: seq('s', '    <description><![CDATA[open'),
    code: 'XML_UNCLOSED_CDATA',
    line: 2,
    column: 18,
    says: [']]>'],
  },
  {
    name: "']]>' in text",
    // 'a ' is columns 18-19; ']]>' starts at column 20.
    input: seq('s', '    <description>a ]]> b</description>'),
    code: 'XML_BAD_TEXT',
    line: 2,
    column: 20,
    says: [']]&gt;'],
  },
  {
    name: "'<' followed by a space in text",
    // '    <description>1 ' is 19 characters; '<' is column 20 and the missing name column 21.
    input: seq('s', '    <description>1 < 2</description>'),
    code: 'XML_BAD_NAME',
    line: 2,
    column: 21,
    says: ['element name', "' '"],
  },
  {
    name: 'end tag with an unexpected character',
    // '    <in></in ' is 13 characters; the 'x' where '>' belongs is column 14.
    input: seq('s', '    <in></in x>'),
    code: 'XML_BAD_END_TAG',
    line: 2,
    column: 14,
    says: ['</in'],
  },
  {
    name: 'unsupported XML version (found by the conformance pass)',
    // saxes reports at the end of the declaration: '<?xml version="2.0"' is 19 characters, '?>' starts at 20.
    input: doc('<?xml version="2.0"?>', '<sequence name="s"/>'),
    code: 'XML_NOT_WELL_FORMED',
    line: 1,
    column: 20,
    says: ['version'],
  },
  {
    name: 'error position after CRLF line ends',
    // Columns do not count the '\r' of earlier lines: '&' is at line 3, column 23.
    input:
      '<sequence name="s">\r\n    <drop/>\r\n    <description>Fish & chips</description>\r\n</sequence>\r\n',
    code: 'XML_BAD_REFERENCE',
    line: 3,
    column: 23,
    says: ['text'],
  },
];

describe('XML errors from parseArtifact', () => {
  it('has at least the rows the brief asks for', () => {
    expect(xmlRows.length).toBeGreaterThanOrEqual(14);
  });

  it.each(xmlRows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const r = parseArtifact(row.input, 'bad.xml');
    expect(r.artifact).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect({
      severity: d.severity,
      code: d.code,
      artifact: d.artifact,
      line: d.line,
      column: d.column,
    }).toEqual({
      severity: 'error',
      code: row.code,
      artifact: 'bad.xml',
      line: row.line,
      column: row.column,
    });
    for (const words of row.says) expect(d.message).toContain(words);
  });
});

interface ValidationRow {
  readonly name: string;
  readonly files: readonly ProjectFile[];
  readonly code: string;
  readonly artifact: string;
  readonly line: number;
  readonly column: number;
  readonly says: readonly string[];
  readonly path?: MediatorPath;
  readonly field?: string;
  readonly severity?: 'error' | 'warning';
}

const file = (path: string, text: string): ProjectFile => ({ path, text });
const inbound = (name: string, port: string, extra = '', lead = '') =>
  doc(
    `${lead}<inboundEndpoint name="${name}" protocol="ws" sequence="main" ${NS}>`,
    '    <parameters>',
    `        <parameter name="inbound.ws.port">${port}</parameter>`,
    ...(extra ? [extra] : []),
    '    </parameters>',
    '</inboundEndpoint>',
  );

const validationRows: ValidationRow[] = [
  {
    name: 'property without its required name',
    files: [file('s.xml', seq('s', '    <property value="x"/>'))],
    code: 'REQUIRED_FIELD',
    artifact: 's',
    line: 2,
    column: 5,
    path: ['sequence', 0],
    field: 'name',
    says: ['<property>', "'name'"],
  },
  {
    name: 'log level outside its enum',
    files: [file('s.xml', seq('s', '    <log level="loud"/>'))],
    code: 'ENUM_VALUE',
    artifact: 's',
    line: 2,
    column: 5,
    path: ['sequence', 0],
    field: 'level',
    says: ["'level'", "'loud'", 'simple, headers, full, custom'],
  },
  {
    name: 'property with both value and expression',
    files: [file('s.xml', seq('s', '    <log/>', '    <property name="p" value="x" expression="//a"/>'))],
    code: 'PROPERTY_TWO_VALUES',
    artifact: 's',
    line: 3,
    column: 5,
    path: ['sequence', 1],
    field: 'value',
    says: ["'p'", 'keep one'],
  },
  {
    name: 'property with neither value nor expression',
    files: [file('s.xml', seq('s', '    <property name="p"/>'))],
    code: 'PROPERTY_NO_VALUE',
    artifact: 's',
    line: 2,
    column: 5,
    path: ['sequence', 0],
    says: ["'p'", 'value'],
  },
  {
    name: 'property group without a pattern',
    files: [file('s.xml', seq('s', '    <property name="p" value="x" group="1"/>'))],
    code: 'PROPERTY_GROUP_WITHOUT_PATTERN',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'group',
    says: ['group', 'pattern'],
  },
  {
    name: 'property scope outside its enum (env is read-only)',
    files: [file('s.xml', seq('s', '    <property name="p" value="x" scope="env"/>'))],
    code: 'ENUM_VALUE',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'scope',
    says: ["'scope'", "'env'"],
  },
  {
    name: 'malformed XPath in a filter',
    // Line 3 holds the filter, at column 5.
    files: [
      file(
        's.xml',
        seq('s', '    <log/>', `    <filter xpath="//order[@id='1'">`, '        <drop/>', '    </filter>'),
      ),
    ],
    code: 'EXPRESSION_SYNTAX',
    artifact: 's',
    line: 3,
    column: 5,
    path: ['sequence', 1],
    field: 'xpath',
    says: ["'xpath'", "//order[@id='1'", "unclosed '['"],
  },
  {
    name: 'property value that does not convert to its INTEGER type',
    files: [file('s.xml', seq('s', '    <property name="n" value="12abc" type="INTEGER"/>'))],
    code: 'PROPERTY_VALUE_TYPE',
    artifact: 's',
    line: 2,
    column: 5,
    path: ['sequence', 0],
    field: 'value',
    says: ["'n'", 'INTEGER', "'12abc' is not a whole number"],
  },
  {
    name: 'property SHORT value out of range',
    files: [file('s.xml', seq('s', '    <property name="n" value="40000" type="SHORT"/>'))],
    code: 'PROPERTY_VALUE_TYPE',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'value',
    says: ['SHORT', "'40000' is out of range"],
  },
  {
    name: 'property BOOLEAN value MI reads as false (a warning)',
    files: [file('s.xml', seq('s', '    <property name="b" value="ture" type="BOOLEAN"/>'))],
    code: 'PROPERTY_VALUE_TYPE',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'value',
    severity: 'warning',
    says: ["'ture'", 'BOOLEAN', 'false'],
  },
  {
    name: 'removed property with a value and a type (a warning)',
    files: [file('s.xml', seq('s', '    <property name="p" action="remove" value="x" type="STRING"/>'))],
    code: 'PROPERTY_REMOVE_IGNORES',
    artifact: 's',
    line: 2,
    column: 5,
    severity: 'warning',
    says: ["'p'", 'action="remove"', 'value and type', 'ignored'],
  },
  {
    name: 'variable DOUBLE value that is not a number',
    files: [file('s.xml', seq('s', '    <variable name="v" value="1,5" type="DOUBLE"/>'))],
    code: 'VARIABLE_VALUE_TYPE',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'value',
    says: ["'v'", 'DOUBLE', "'1,5' is not a number"],
  },
  {
    name: '${…} expression that does not parse, with where',
    // 'vars.x +* 2': the '*' is at offset 8 of the text between the braces.
    files: [file('s.xml', seq('s', '    <property name="p" expression="${vars.x +* 2}"/>'))],
    code: 'EXPRESSION_SYNTAX',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'expression',
    says: ['${vars.x +* 2}', "unexpected '*' at position 8"],
  },
  {
    // A path without `$` is fine (Jayway's PathCompiler reads `order.id` as `$.order.id`).
    name: 'malformed JSONPath in json-eval',
    files: [file('s.xml', seq('s', '    <property name="p" expression="json-eval($.order[)"/>'))],
    code: 'EXPRESSION_SYNTAX',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'expression',
    says: ['json-eval($.order[)', "unclosed '['"],
  },
  {
    name: 'invalid regex in a filter',
    files: [
      file(
        's.xml',
        seq(
          's',
          `    <filter source="get-property('To')" regex="(open">`,
          '        <drop/>',
          '    </filter>',
        ),
      ),
    ],
    code: 'REGEX_SYNTAX',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'regex',
    says: ["'regex'", 'regular expression'],
  },
  {
    name: 'filter with a source but no regex',
    files: [file('s.xml', seq('s', '    <filter source="//status">', '        <drop/>', '    </filter>'))],
    code: 'FILTER_NO_CONDITION',
    artifact: 's',
    line: 2,
    column: 5,
    says: ['xpath', 'source and regex'],
  },
  {
    name: 'log property with both value and expression',
    // The diagnostic is on the <log> (line 2), the row is named in the message.
    files: [
      file(
        's.xml',
        seq(
          's',
          '    <log level="custom">',
          '        <property name="p" value="1" expression="//a"/>',
          '    </log>',
        ),
      ),
    ],
    code: 'LOG_PROPERTY_TWO_VALUES',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'properties',
    says: ["#1 'p'"],
  },
  {
    name: 'boolean attribute that is not true or false',
    files: [file('s.xml', seq('s', '    <send buildmessage="yes"/>'))],
    code: 'BOOLEAN_VALUE',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'buildmessage',
    says: ["'buildmessage'", "'yes'"],
  },
  {
    name: 'reference to a missing sequence (nested in <in>)',
    // The reference is on line 3, indented 8: column 9.
    files: [file('s.xml', seq('s', '    <in>', '        <sequence key="nowhere"/>', '    </in>'))],
    code: 'REF_SEQUENCE_MISSING',
    artifact: 's',
    line: 3,
    column: 9,
    path: ['sequence', 0, 'body', 0],
    field: 'key',
    says: ["'nowhere'"],
  },
  {
    name: 'send receive naming a missing sequence',
    files: [file('s.xml', seq('s', '    <send receive="replies"/>'))],
    code: 'REF_SEQUENCE_MISSING',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'receive',
    says: ["'receive'", "'replies'"],
  },
  {
    name: 'sequence onError naming a missing sequence',
    files: [file('s.xml', doc(`<sequence name="s" onError="handler" ${NS}>`, '    <drop/>', '</sequence>'))],
    code: 'REF_SEQUENCE_MISSING',
    artifact: 's',
    line: 1,
    column: 1,
    says: ['onError', "'handler'"],
  },
  {
    name: 'endpoint key naming a missing endpoint',
    // Reported on the <send> (line 2) that owns the endpoint.
    files: [file('s.xml', seq('s', '    <send>', '        <endpoint key="NoSuchEp"/>', '    </send>'))],
    // IndirectEndpoint: MI deploys it and faults a message sent to it at run time.
    code: 'REF_ENDPOINT_MISSING',
    severity: 'warning',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'endpoint',
    says: ["'NoSuchEp'", 'faults at run time'],
  },
  {
    name: 'empty inline endpoint',
    files: [file('s.xml', seq('s', '    <send>', '        <endpoint/>', '    </send>'))],
    code: 'ENDPOINT_EMPTY',
    artifact: 's',
    line: 2,
    column: 5,
    says: ['neither a key nor an address'],
  },
  {
    name: 'inline endpoint URI with an ftp:// scheme',
    files: [
      file(
        's.xml',
        seq(
          's',
          '    <send>',
          '        <endpoint>',
          '            <address uri="ftp://files.example.org/in"/>',
          '        </endpoint>',
          '    </send>',
        ),
      ),
    ],
    // MI deploys an address whose transport is not enabled and fails each send to it.
    code: 'ENDPOINT_SCHEME',
    severity: 'warning',
    artifact: 's',
    line: 2,
    column: 5,
    field: 'endpoint',
    says: ["'ftp://files.example.org/in'", 'ws, wss, http and https', 'faults at run time'],
  },
  {
    name: 'named endpoint with an ftp:// URI',
    files: [
      file(
        'e.xml',
        doc(
          `<endpoint name="FtpEp" ${NS}>`,
          '    <address uri="ftp://files.example.org/in"/>',
          '</endpoint>',
        ),
      ),
    ],
    code: 'ENDPOINT_SCHEME',
    severity: 'warning',
    artifact: 'FtpEp',
    line: 1,
    column: 1,
    says: ["'ftp://files.example.org/in'"],
  },
  {
    name: 'unknown mediator',
    files: [file('s.xml', seq('s', '    <log/>', '    <dblookup/>'))],
    code: 'MEDIATOR_UNSUPPORTED',
    artifact: 's',
    line: 3,
    column: 5,
    path: ['sequence', 1],
    says: ['<dblookup>'],
  },
  {
    name: 'duplicate artifact names',
    // The second file has an XML declaration, so its root is on line 2.
    files: [
      file('a.xml', seq('dup', '    <drop/>')),
      file('b.xml', `<?xml version="1.0" encoding="UTF-8"?>\n${seq('dup', '    <drop/>')}`),
    ],
    code: 'ARTIFACT_DUPLICATE',
    artifact: 'dup',
    line: 2,
    column: 1,
    says: ['sequence', "'dup'"],
  },
  {
    name: 'artifact name with a slash',
    files: [file('s.xml', seq('a/b', '    <drop/>'))],
    code: 'ARTIFACT_NAME_UNSAFE',
    artifact: 'a/b',
    line: 1,
    column: 1,
    says: ["'a/b'", 'file name'],
  },
  {
    name: 'artifact name climbing out of its folder',
    files: [file('s.xml', seq('../x', '    <drop/>'))],
    code: 'ARTIFACT_NAME_UNSAFE',
    artifact: '../x',
    line: 1,
    column: 1,
    says: ["'../x'"],
  },
  {
    name: 'two inbound endpoints on one port',
    // The second file starts with a comment line, so its root is on line 2.
    files: [
      file('a.xml', inbound('first', '9092')),
      file('b.xml', inbound('second', '9092', '', '<!-- copy -->\n')),
    ],
    code: 'INBOUND_PORT_IN_USE',
    artifact: 'second',
    line: 2,
    column: 1,
    field: 'inbound.ws.port',
    says: ["Inbound endpoints 'first' and 'second' both listen on port 9092", 'inbound.ws.port'],
  },
  {
    name: 'inbound endpoint on the HTTP listener port',
    files: [file('a.xml', inbound('first', '8290'))],
    code: 'INBOUND_PORT_IN_USE',
    artifact: 'first',
    line: 1,
    column: 1,
    field: 'inbound.ws.port',
    says: ["Inbound endpoint 'first'", '8290', 'the HTTP listener'],
  },
  {
    name: 'inbound port out of range',
    files: [file('a.xml', inbound('first', '70000'))],
    code: 'INBOUND_PORT',
    artifact: 'first',
    line: 1,
    column: 1,
    field: 'inbound.ws.port',
    says: ['70000', '1 to 65535'],
  },
  {
    name: 'inbound broadcast level out of range',
    files: [
      file(
        'a.xml',
        inbound('first', '9092', '        <parameter name="ws.client.side.broadcast.level">3</parameter>'),
      ),
    ],
    code: 'INBOUND_BROADCAST_LEVEL',
    artifact: 'first',
    line: 1,
    column: 1,
    says: ['ws.client.side.broadcast.level', "'3'"],
  },
  {
    name: 'inbound outflow sequence that does not exist',
    files: [
      file(
        'a.xml',
        inbound('first', '9092', '        <parameter name="ws.outflow.dispatch.sequence">outSeq</parameter>'),
      ),
    ],
    code: 'REF_SEQUENCE_MISSING',
    artifact: 'first',
    line: 1,
    column: 1,
    says: ['ws.outflow.dispatch.sequence', "'outSeq'"],
  },
  {
    name: 'inbound protocol the runtime does not serve',
    files: [file('a.xml', inbound('first', '9092').replace('protocol="ws"', 'protocol="jms"'))],
    code: 'INBOUND_PROTOCOL_UNSUPPORTED',
    artifact: 'first',
    line: 1,
    column: 1,
    field: 'protocol',
    says: ["'jms'"],
  },
  {
    name: 'proxy target naming a missing sequence',
    // Reported on the <target> at line 2, column 5.
    files: [file('p.xml', doc(`<proxy name="p" ${NS}>`, '    <target inSequence="missingIn"/>', '</proxy>'))],
    code: 'REF_SEQUENCE_MISSING',
    artifact: 'p',
    line: 2,
    column: 5,
    says: ['inSequence', "'missingIn'"],
  },
  {
    name: 'proxy without a target',
    files: [file('p.xml', doc(`<proxy name="p" ${NS}>`, '    <description/>', '</proxy>'))],
    code: 'PROXY_NO_TARGET',
    artifact: 'p',
    line: 1,
    column: 1,
    says: ["'p'", '<target>'],
  },
  {
    name: 'proxy target with neither inSequence nor endpoint',
    files: [file('p.xml', doc(`<proxy name="p" ${NS}>`, '    <target faultSequence="fault"/>', '</proxy>'))],
    code: 'PROXY_TARGET_EMPTY',
    artifact: 'p',
    line: 2,
    column: 5,
    says: ['inSequence or endpoint'],
  },
  {
    name: 'api context without a leading slash',
    files: [
      file(
        'a.xml',
        doc(
          `<api name="a" context="orders" ${NS}>`,
          '    <resource methods="GET" uri-template="/x">',
          '        <inSequence>',
          '            <respond/>',
          '        </inSequence>',
          '    </resource>',
          '</api>',
        ),
      ),
    ],
    code: 'API_CONTEXT',
    artifact: 'a',
    line: 1,
    column: 1,
    field: 'context',
    says: ["'orders'", "'/'"],
  },
  {
    name: 'api resource with an unknown method',
    files: [
      file(
        'a.xml',
        doc(
          `<api name="a" context="/orders" ${NS}>`,
          '    <resource methods="GET FETCH" uri-template="/x" inSequence="main"/>',
          '</api>',
        ),
      ),
    ],
    code: 'ENUM_VALUE',
    artifact: 'a',
    line: 1,
    column: 1,
    says: ['Resource #1', "'FETCH'"],
  },
  {
    name: 'error inside a <definitions> file points into that file',
    // The <log> is line 3 of the definitions file, indented 8: column 9.
    files: [
      file(
        'defs.xml',
        doc(
          `<definitions ${NS}>`,
          '    <sequence name="inDefs">',
          '        <log level="loud"/>',
          '    </sequence>',
          '</definitions>',
        ),
      ),
    ],
    code: 'ENUM_VALUE',
    artifact: 'inDefs',
    line: 3,
    column: 9,
    path: ['sequence', 0],
    says: ["'loud'"],
  },
  {
    name: 'error inside a proxy inline inSequence',
    files: [
      file(
        'p.xml',
        doc(
          `<proxy name="p" ${NS}>`,
          '    <target>',
          '        <inSequence>',
          '            <log/>',
          '            <property name="p"/>',
          '        </inSequence>',
          '    </target>',
          '</proxy>',
        ),
      ),
    ],
    code: 'PROPERTY_NO_VALUE',
    artifact: 'p',
    line: 5,
    column: 13,
    path: ['inSequence', 1],
    says: ["'p'"],
  },
];

describe('validation errors from buildProject + validateProject', () => {
  it('has at least the rows the brief asks for', () => {
    expect(validationRows.length).toBeGreaterThanOrEqual(14);
    expect(xmlRows.length + validationRows.length).toBeGreaterThanOrEqual(20);
  });

  it.each(validationRows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const { project, diagnostics } = buildProject('', row.files);
    expect(diagnostics).toEqual([]);
    const found = validateProject(project);
    expect(found, JSON.stringify(found, null, 1)).toHaveLength(1);
    const d = found[0]!;
    expect({
      severity: d.severity,
      code: d.code,
      artifact: d.artifact,
      line: d.line,
      column: d.column,
    }).toEqual({
      severity: row.severity ?? 'error',
      code: row.code,
      artifact: row.artifact,
      line: row.line,
      column: row.column,
    });
    if (row.path) expect(d.path).toEqual(row.path);
    if (row.field) expect(d.field).toBe(row.field);
    for (const words of row.says) expect(d.message).toContain(words);
  });
});

describe('XML errors through buildProject', () => {
  it('a file that does not parse is reported with its path and left out', () => {
    const { project, diagnostics } = buildProject('', [
      file('artifacts/sequences/good.xml', seq('good', '    <drop/>')),
      file('artifacts/sequences/bad.xml', seq('bad', '    <log level="full">')),
    ]);
    expect(project.artifacts.map((a) => a.name)).toEqual(['good']);
    // '</sequence>' on line 3 closes nothing: <log> (line 2, column 5) is still open.
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'XML_MISMATCHED_TAG',
        artifact: 'artifacts/sequences/bad.xml',
        line: 3,
        column: 1,
      }),
    ]);
    expect(validateProject(project)).toEqual([]);
  });
});

describe('regressions of fixed model bugs', () => {
  it('an unpaired surrogate is reported as an invalid character where it stands', () => {
    // xml-chars.ts FORBIDDEN_CHAR does not match lone surrogates (U+D800–U+DFFF not in a pair), so
    // the scanner accepts them; saxes then pairs U+D800 with the following '<' and reports
    // "unclosed tag: a" at 1:8 with code XML_NOT_WELL_FORMED. The bad character is at 1:4.
    // (Reachable from the studio: JSON.parse('"\\ud800"') gives such a string.)
    const r = parseArtifact('<a>\uD800</a>', 'bad.xml');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'XML_INVALID_CHARACTER', line: 1, column: 4 }),
    ]);
  });

  it('a DOCTYPE after the root is not called a second root element "<>"', () => {
    // xml-parse.ts Scanner.document(): after the root, anything starting with '<' that is not a
    // comment, PI or end tag is reported as XML_MULTIPLE_ROOTS with peekName() of '!DOCTYPE',
    // which is '' — the message reads "A second root element <> follows <sequence>".
    const r = parseArtifact(doc('<sequence name="s"/>', '<!DOCTYPE sequence>'), 'bad.xml');
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect([d.line, d.column]).toEqual([2, 1]);
    expect(d.message).not.toContain('<>');
    expect(d.message).toContain('DOCTYPE');
  });
});
