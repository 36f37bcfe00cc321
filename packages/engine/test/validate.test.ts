/**
 * validateProject: a clean project gives nothing at all, and each problem added to it gives
 * exactly one diagnostic, on the right artifact and at the right mediator path.
 */
import { describe, expect, it } from 'vitest';
import {
  artifactPath,
  buildProject,
  hasErrors,
  validateProject,
  type Diagnostic,
  type MediatorPath,
  type ProjectFile,
} from '../src/model/index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const doc = (...lines: string[]) => `${lines.join('\n')}\n`;

const CONFIG = doc(
  '[server]',
  'offset = 10',
  '',
  '[transport.ws]',
  'sender.enable = true',
  'sender.outflow_dispatch_sequence = "outDispatchSeq"',
);

/** A small project using every artifact type and every catalog kind, with references between them. */
const CLEAN: Readonly<Record<string, string>> = {
  [artifactPath('sequence', 'dispatchSeq')]: doc(
    `<sequence name="dispatchSeq" onError="faultSeq" ${NS}>`,
    '    <in>',
    '        <property name="OUT_ONLY" value="true"/>',
    '        <variable name="started" expression="${payload.time}" type="STRING"/>',
    `        <filter xpath="get-property('transport', 'Upgrade') = 'websocket'">`,
    '            <then>',
    '                <log level="custom" category="DEBUG">',
    '                    <property name="kind" value="ws"/>',
    '                </log>',
    '            </then>',
    '            <else>',
    '                <sequence key="helperSeq"/>',
    '            </else>',
    '        </filter>',
    `        <filter source="get-property('To')" regex="/services/.*">`,
    '            <log/>',
    '        </filter>',
    '        <send receive="outDispatchSeq">',
    '            <endpoint key="WebsocketEp"/>',
    '        </send>',
    '    </in>',
    '    <out>',
    '        <respond/>',
    '    </out>',
    '</sequence>',
  ),
  [artifactPath('sequence', 'outDispatchSeq')]: doc(
    `<sequence name="outDispatchSeq" ${NS}>`,
    '    <log level="full"/>',
    '    <respond/>',
    '</sequence>',
  ),
  [artifactPath('sequence', 'helperSeq')]: doc(
    `<sequence name="helperSeq" ${NS}>`,
    '    <call>',
    '        <endpoint>',
    '            <address uri="https://localhost:8443/echo"/>',
    '        </endpoint>',
    '    </call>',
    '    <loopback/>',
    '</sequence>',
  ),
  [artifactPath('sequence', 'faultSeq')]: doc(
    `<sequence name="faultSeq" ${NS}>`,
    '    <log level="full"/>',
    '    <drop/>',
    '</sequence>',
  ),
  [artifactPath('endpoint', 'WebsocketEp')]: doc(
    `<endpoint name="WebsocketEp" ${NS}>`,
    '    <address uri="ws://localhost:8082/websocket"/>',
    '</endpoint>',
  ),
  [artifactPath('proxy', 'wsProxy')]: doc(
    `<proxy name="wsProxy" transports="http,https" ${NS}>`,
    '    <target inSequence="dispatchSeq" faultSequence="outDispatchSeq"/>',
    '</proxy>',
  ),
  [artifactPath('proxy', 'inlineProxy')]: doc(
    `<proxy name="inlineProxy" ${NS}>`,
    '    <target>',
    '        <inSequence>',
    '            <log/>',
    '            <send/>',
    '        </inSequence>',
    '        <outSequence>',
    '            <respond/>',
    '        </outSequence>',
    '        <faultSequence>',
    '            <drop/>',
    '        </faultSequence>',
    '    </target>',
    '</proxy>',
  ),
  [artifactPath('api', 'ordersApi')]: doc(
    `<api name="ordersApi" context="/orders" ${NS}>`,
    '    <resource methods="GET" uri-template="/{id}" inSequence="dispatchSeq"/>',
    '    <resource methods="POST PUT" url-mapping="/*">',
    '        <inSequence>',
    '            <respond/>',
    '        </inSequence>',
    '    </resource>',
    '</api>',
  ),
  [artifactPath('inboundEndpoint', 'wsInbound')]: doc(
    `<inboundEndpoint name="wsInbound" protocol="ws" sequence="dispatchSeq" onError="fault" suspend="false" ${NS}>`,
    '    <parameters>',
    '        <parameter name="inbound.ws.port">9092</parameter>',
    '        <parameter name="ws.client.side.broadcast.level">0</parameter>',
    '        <parameter name="ws.outflow.dispatch.sequence">outDispatchSeq</parameter>',
    '        <parameter name="ws.outflow.dispatch.fault.sequence">fault</parameter>',
    '    </parameters>',
    '</inboundEndpoint>',
  ),
  [artifactPath('localEntry', 'greeting')]: doc(`<localEntry key="greeting" ${NS}>hello</localEntry>`),
};

function files(overrides: Readonly<Record<string, string>> = {}): ProjectFile[] {
  return Object.entries({ ...CLEAN, ...overrides }).map(([path, text]) => ({ path, text }));
}

function validate(overrides: Readonly<Record<string, string>> = {}, config = CONFIG): Diagnostic[] {
  const { project, diagnostics } = buildProject(config, files(overrides));
  expect(diagnostics).toEqual([]);
  return validateProject(project);
}

/** Replaces one exact piece of a clean file (which must occur once). */
function edit(path: string, from: string, to: string): Record<string, string> {
  const text = CLEAN[path]!;
  expect(text.split(from)).toHaveLength(2);
  return { [path]: text.replace(from, to) };
}

const where = (d: Diagnostic) => ({ code: d.code, artifact: d.artifact, path: d.path });

describe('validateProject on a clean project', () => {
  it('gives no diagnostics at all', () => {
    const { project, diagnostics } = buildProject(CONFIG, files());
    expect(diagnostics).toEqual([]);
    expect(project.artifacts).toHaveLength(10);
    expect(project.config.httpPort).toBe(8290);
    expect(project.config.wsSender.outflowDispatchSequence).toBe('outDispatchSeq');
    expect(validateProject(project)).toEqual([]);
  });

  it('accepts dynamic references and the built-in main and fault sequences', () => {
    const found = validate(
      edit(
        artifactPath('sequence', 'helperSeq'),
        '    <loopback/>',
        [
          `    <sequence key="{get-property('next')}"/>`,
          '    <sequence key="main"/>',
          `    <send receive="{get-property('reply')}">`,
          `        <endpoint key="{get-property('ep')}"/>`,
          '    </send>',
        ].join('\n'),
      ),
    );
    expect(found).toEqual([]);
  });
});

interface Mutation {
  readonly name: string;
  readonly overrides: Record<string, string>;
  readonly code: string;
  readonly artifact: string;
  readonly path?: MediatorPath;
  readonly severity?: 'error' | 'warning';
}

const D = artifactPath('sequence', 'dispatchSeq');
const H = artifactPath('sequence', 'helperSeq');
const P = artifactPath('proxy', 'inlineProxy');
const A = artifactPath('api', 'ordersApi');
const I = artifactPath('inboundEndpoint', 'wsInbound');

const mutations: Mutation[] = [
  {
    name: 'bad property in the in-branch',
    overrides: edit(D, '<property name="OUT_ONLY" value="true"/>', '<property name="OUT_ONLY"/>'),
    code: 'PROPERTY_NO_VALUE',
    artifact: 'dispatchSeq',
    path: ['sequence', 0, 'body', 0],
  },
  {
    name: 'bad variable type',
    overrides: edit(D, 'type="STRING"', 'type="TEXT"'),
    code: 'ENUM_VALUE',
    artifact: 'dispatchSeq',
    path: ['sequence', 0, 'body', 1],
  },
  {
    name: 'bad log category in a filter then-branch',
    overrides: edit(D, 'category="DEBUG"', 'category="VERBOSE"'),
    code: 'ENUM_VALUE',
    artifact: 'dispatchSeq',
    path: ['sequence', 0, 'body', 2, 'then', 0],
  },
  {
    name: 'missing sequence in a filter else-branch',
    overrides: edit(D, '<sequence key="helperSeq"/>', '<sequence key="noSuchSeq"/>'),
    code: 'REF_SEQUENCE_MISSING',
    artifact: 'dispatchSeq',
    path: ['sequence', 0, 'body', 2, 'else', 0],
  },
  {
    name: 'unknown mediator in an implicit then-branch',
    overrides: edit(D, '            <log/>', '            <dblookup/>'),
    code: 'MEDIATOR_UNSUPPORTED',
    artifact: 'dispatchSeq',
    path: ['sequence', 0, 'body', 3, 'then', 0],
  },
  {
    name: 'missing endpoint on a send',
    overrides: edit(D, 'key="WebsocketEp"', 'key="NoSuchEp"'),
    code: 'REF_ENDPOINT_MISSING',
    severity: 'warning',
    artifact: 'dispatchSeq',
    path: ['sequence', 0, 'body', 4],
  },
  {
    name: 'bad mediator in the out-branch',
    overrides: edit(D, '        <respond/>', '        <respond trace="on"/>'),
    code: 'ENUM_VALUE',
    artifact: 'dispatchSeq',
    path: ['sequence', 1, 'body', 0],
  },
  {
    name: 'missing onError sequence',
    overrides: edit(D, 'onError="faultSeq"', 'onError="noFaultSeq"'),
    code: 'REF_SEQUENCE_MISSING',
    artifact: 'dispatchSeq',
  },
  {
    name: 'unsupported scheme on a call endpoint',
    overrides: edit(H, 'https://localhost:8443/echo', 'jms:/queue?transport.jms.ConnectionFactory=x'),
    code: 'ENDPOINT_SCHEME',
    severity: 'warning',
    artifact: 'helperSeq',
    path: ['sequence', 0],
  },
  {
    name: 'bad mediator in a proxy outSequence',
    overrides: edit(P, '            <respond/>', '            <respond statistics="yes"/>'),
    code: 'ENUM_VALUE',
    artifact: 'inlineProxy',
    path: ['outSequence', 0],
  },
  {
    name: 'bad mediator in a proxy faultSequence',
    overrides: edit(P, '            <drop/>', '            <drop/>\n            <sequence/>'),
    code: 'REQUIRED_FIELD',
    artifact: 'inlineProxy',
    path: ['faultSequence', 1],
  },
  {
    name: 'bad mediator in the second API resource',
    overrides: edit(
      A,
      '            <respond/>',
      '            <log level="verbose"/>\n            <respond/>',
    ),
    code: 'ENUM_VALUE',
    artifact: 'ordersApi',
    path: ['resource.1.inSequence', 0],
  },
  {
    name: 'API resource naming a missing sequence',
    overrides: edit(A, 'inSequence="dispatchSeq"', 'inSequence="gone"'),
    code: 'REF_SEQUENCE_MISSING',
    artifact: 'ordersApi',
  },
  {
    name: 'duplicate API method',
    overrides: edit(A, 'methods="POST PUT"', 'methods="POST POST"'),
    code: 'API_METHODS',
    artifact: 'ordersApi',
  },
  {
    name: 'proxy naming a missing fault sequence',
    overrides: edit(
      artifactPath('proxy', 'wsProxy'),
      'faultSequence="outDispatchSeq"',
      'faultSequence="gone"',
    ),
    code: 'REF_SEQUENCE_MISSING',
    artifact: 'wsProxy',
  },
  {
    name: 'inbound endpoint without a port',
    overrides: edit(I, '        <parameter name="inbound.ws.port">9092</parameter>\n', ''),
    code: 'REQUIRED_FIELD',
    artifact: 'wsInbound',
  },
  {
    name: 'inbound fault dispatch sequence that does not exist',
    overrides: edit(I, '">fault</parameter>', '">noSuchFault</parameter>'),
    code: 'REF_SEQUENCE_MISSING',
    artifact: 'wsInbound',
  },
  {
    name: 'a second inbound endpoint on the same port',
    overrides: {
      'artifacts/inbound-endpoints/wsInbound2.xml': CLEAN[I]!.replace(
        'name="wsInbound"',
        'name="wsInbound2"',
      ),
    },
    code: 'INBOUND_PORT_IN_USE',
    artifact: 'wsInbound2',
  },
  {
    name: 'a second sequence with a taken name',
    overrides: { 'artifacts/sequences/copy.xml': CLEAN[H]! },
    code: 'ARTIFACT_DUPLICATE',
    artifact: 'helperSeq',
  },
  {
    name: 'ignored inbound parameter (a warning)',
    overrides: edit(
      I,
      '    </parameters>',
      '        <parameter name="ws.boss.thread.pool.size">4</parameter>\n    </parameters>',
    ),
    code: 'INBOUND_PARAMETER_IGNORED',
    artifact: 'wsInbound',
    severity: 'warning',
  },
  {
    name: 'proxy transport Mediate does not serve (a warning)',
    overrides: edit(artifactPath('proxy', 'wsProxy'), 'transports="http,https"', 'transports="http,jms"'),
    code: 'PROXY_TRANSPORT',
    artifact: 'wsProxy',
    severity: 'warning',
  },
  {
    name: 'failover endpoint, kept but not run (a warning)',
    overrides: edit(
      artifactPath('endpoint', 'WebsocketEp'),
      '    <address uri="ws://localhost:8082/websocket"/>',
      '    <failover>\n        <endpoint key="WebsocketEp"/>\n    </failover>',
    ),
    code: 'ENDPOINT_KIND_UNSUPPORTED',
    artifact: 'WebsocketEp',
    severity: 'warning',
  },
  {
    name: 'an artifact type Mediate does not model (a warning): an endpoint template',
    overrides: {
      'artifacts/templates/t.xml': doc(
        `<template name="t" ${NS}>`,
        '    <endpoint name="e"><address uri="http://localhost:9000/x"/></endpoint>',
        '</template>',
      ),
    },
    code: 'ARTIFACT_UNSUPPORTED',
    artifact: 't',
    severity: 'warning',
  },
];

describe('each problem is reported once, on the right artifact and path', () => {
  it.each(mutations.map((m) => [m.name, m] as const))('%s', (_name, m) => {
    const found = validate(m.overrides);
    expect(found, JSON.stringify(found, null, 1)).toHaveLength(1);
    const d = found[0]!;
    expect(where(d)).toEqual({ code: m.code, artifact: m.artifact, path: m.path });
    expect(d.severity).toBe(m.severity ?? 'error');
    expect(hasErrors(found)).toBe(d.severity === 'error');
    expect(d.line).toBeGreaterThan(0);
    expect(d.column).toBeGreaterThan(0);
  });

  it('problems in different artifacts are each reported once, together', () => {
    const all = mutations.filter((m) => m.overrides && !Object.keys(m.overrides).some((k) => !(k in CLEAN)));
    // One mutation per file, so that they do not overwrite each other.
    const chosen = new Map<string, Mutation>();
    for (const m of all) {
      const key = Object.keys(m.overrides)[0]!;
      if (!chosen.has(key)) chosen.set(key, m);
    }
    const overrides = Object.assign({}, ...[...chosen.values()].map((m) => m.overrides)) as Record<
      string,
      string
    >;
    const found = validate(overrides).map(where);
    expect(found).toHaveLength(chosen.size);
    expect(found).toEqual(
      expect.arrayContaining(
        [...chosen.values()].map((m) => ({ code: m.code, artifact: m.artifact, path: m.path })),
      ),
    );
  });

  it('reports a mediator problem at the mediator element', () => {
    // In the dispatchSeq text, the <log ... category> of the then-branch is line 7, column 17.
    const [d] = validate(edit(D, 'category="DEBUG"', 'category="VERBOSE"'));
    expect(d).toMatchObject({ line: 7, column: 17, field: 'category' });
    expect(d!.message).toContain("'VERBOSE'");
  });
});

describe('regressions of fixed model bugs', () => {
  it('a mediator problem in an artifact without a name is reported against its file, like the artifact problem', () => {
    // validate-project.ts: emitterFor() labels artifact diagnostics `a.name || a.file`, but
    // validateMediators() is called with `a.name` alone, so mediator diagnostics get artifact ''.
    const { project } = buildProject('', [
      {
        path: 'artifacts/sequences/n.xml',
        text: doc(`<sequence ${NS}>`, '    <property value="x"/>', '</sequence>'),
      },
    ]);
    const found = validateProject(project);
    expect(found.map((d) => [d.code, d.artifact])).toEqual([
      ['REQUIRED_FIELD', 'artifacts/sequences/n.xml'],
      ['REQUIRED_FIELD', 'artifacts/sequences/n.xml'],
    ]);
  });

  it('a blank filter xpath is one problem, reported once', () => {
    // The xpath field check gives EXPRESSION_SYNTAX "the XPath is empty" and the filter rule
    // gives FILTER_NO_CONDITION for the same attribute.
    const found = validate(
      edit(H, '    <loopback/>', '    <filter xpath="">\n        <drop/>\n    </filter>'),
    );
    expect(found).toHaveLength(1);
  });

  it('a Java regex with an inline flag, which MI accepts, is not a syntax error', () => {
    // Synapse compiles regex/pattern with java.util.regex; validate-mediators.ts checkScalar()
    // compiles them with JavaScript's RegExp, which rejects Java's inline flags such as (?i).
    const found = validate(
      edit(
        H,
        '    <loopback/>',
        `    <filter source="get-property('To')" regex="(?i).*/ECHO">\n        <drop/>\n    </filter>`,
      ),
    );
    expect(found).toEqual([]);
  });
});
