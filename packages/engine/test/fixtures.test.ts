/**
 * The fixture corpus under test/fixtures: the seed's two scenarios, one sequence per catalog kind
 * using every field of its definition, and one file per artifact type. Every file parses without
 * a diagnostic, serializes back to exactly its text, and reads into the values written in it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  attribute,
  artifactPath,
  branchListsOf,
  buildProject,
  CATALOG,
  definitionNames,
  definitionOf,
  hasErrors,
  parseArtifact,
  parseXml,
  serializeArtifact,
  serializeNode,
  SYNAPSE_NS,
  textContent,
  validateProject,
  type ApiArtifact,
  type Artifact,
  type DefinitionsArtifact,
  type EndpointArtifact,
  type InboundEndpointArtifact,
  type ListRow,
  type LocalEntryArtifact,
  type MediatorKind,
  type MediatorNode,
  type ProjectFile,
  type ProxyArtifact,
  type SequenceArtifact,
  type XmlElement,
} from '../src/model/index.js';
import { HAS_SHARED, SHARED_SKIP_REASON, sharedDir } from './shared-dir.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const DIRS = ['seed-example1', 'seed-example2', 'catalog', 'artifacts'] as const;

function read(rel: string): string {
  return readFileSync(join(fixtures, rel), 'utf8');
}

function xmlFiles(dir: string): string[] {
  return readdirSync(join(fixtures, dir))
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

function parsed(rel: string): Artifact | DefinitionsArtifact {
  const r = parseArtifact(read(rel), rel);
  expect(r.diagnostics).toEqual([]);
  if (!r.artifact) throw new Error(`${rel} did not parse`);
  return r.artifact;
}

function artifactOf<T extends Artifact['type']>(rel: string, type: T): Extract<Artifact, { type: T }> {
  const a = parsed(rel);
  expect(a.type).toBe(type);
  return a as Extract<Artifact, { type: T }>;
}

/** The body of a named sequence fixture. */
function body(rel: string): readonly MediatorNode[] {
  const s = artifactOf(rel, 'sequence');
  expect(s.lists.map((l) => l.key)).toEqual(['sequence']);
  return s.lists[0]!.mediators;
}

const kinds = (list: readonly MediatorNode[]) => list.map((m) => m.kind);
const rows = (m: MediatorNode, key = 'properties') => m.values[key] as readonly ListRow[];

/** Every mediator in a list, depth first, branches included. */
function walk(list: readonly MediatorNode[]): MediatorNode[] {
  return list.flatMap((m) => [m, ...Object.values(m.branches).flatMap((b) => walk(b))]);
}

/** The project files of a fixture folder, at the paths an MI project gives them. */
function projectFiles(dir: string, only?: (rel: string) => boolean): ProjectFile[] {
  return xmlFiles(dir)
    .filter((rel) => !only || only(rel))
    .map((rel) => {
      const a = parsed(rel);
      const path = a.type === 'definitions' || a.type === 'unsupported' ? rel : artifactPath(a.type, a.name);
      return { path, text: read(rel) };
    });
}

describe('fixture files', () => {
  it('are all there', () => {
    expect(xmlFiles('seed-example1')).toEqual([
      'seed-example1/WebSocketInbound.xml',
      'seed-example1/dispatchSeq.xml',
      'seed-example1/outDispatchSeq.xml',
    ]);
    expect(xmlFiles('seed-example2')).toEqual([
      'seed-example2/dispatchSeq.xml',
      'seed-example2/outDispatchSeq.xml',
      'seed-example2/websocketProxy1.xml',
    ]);
    for (const kind of Object.keys(CATALOG)) expect(xmlFiles('catalog')).toContain(`catalog/${kind}.xml`);
    expect(xmlFiles('catalog')).toContain('catalog/unknown.xml');
    expect(xmlFiles('artifacts')).toEqual([
      'artifacts/api.xml',
      'artifacts/definitions.xml',
      'artifacts/endpoint-http.xml',
      'artifacts/endpoint-ws.xml',
      'artifacts/inbound-ws.xml',
      'artifacts/inbound-wss.xml',
      'artifacts/local-entry.xml',
      'artifacts/message-store.xml',
      'artifacts/proxy-inline.xml',
      'artifacts/proxy-referenced.xml',
      'artifacts/sequence-fault.xml',
      'artifacts/sequence.xml',
      'artifacts/template.xml',
    ]);
  });

  it.each(DIRS.flatMap((d) => xmlFiles(d)))(
    '%s parses with no diagnostics and serializes back exactly',
    (rel) => {
      const text = read(rel);
      const r = parseArtifact(text, rel);
      expect(r.diagnostics).toEqual([]);
      expect(r.artifact).toBeDefined();
      expect(serializeArtifact(r.artifact!)).toBe(text);
    },
  );

  it('keep the shapes they were written to exercise', () => {
    // CRLF after each of the 13 lines of call.xml, and no bare CR or LF.
    const call = read('catalog/call.xml');
    expect(call.split('\r\n')).toHaveLength(14);
    expect(call.endsWith('</sequence>\r\n')).toBe(true);
    expect(call.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(artifactOf('catalog/call.xml', 'sequence').layout).toEqual({ eol: '\r\n', unit: '    ' });
    // respond.xml ends at its closing tag; every other file ends with one newline.
    expect(read('catalog/respond.xml').endsWith('</sequence>')).toBe(true);
    for (const rel of DIRS.flatMap((d) => xmlFiles(d)).filter((f) => f !== 'catalog/respond.xml')) {
      expect(read(rel), rel).toMatch(/>\r?\n$/);
    }
    // A single-quoted attribute, a namespace prefix declaration, a CDATA section and comments.
    const filter = body('catalog/filter.xml')[0]!.element;
    expect(filter.attributes.find((a) => a.name === 'xpath')).toMatchObject({
      quote: "'",
      raw: '//ns:order/ns:status = "open"',
    });
    expect(filter.attributes.find((a) => a.name === 'xmlns:ns')?.value).toBe('http://example.org/orders');
    const log = body('catalog/log.xml')[0]!.element;
    const message = log.children.find((c): c is XmlElement => c.type === 'element' && c.name === 'message')!;
    expect(message.children).toEqual([
      expect.objectContaining({ type: 'cdata', value: 'Order ${payload.orderId} < 10 & open' }),
    ]);
    const logDoc = artifactOf('catalog/log.xml', 'sequence').doc;
    expect(
      logDoc.root.children.filter((c) => c.type === 'comment').map((c) => (c as { value: string }).value),
    ).toEqual([' Every field of the log mediator. ']);
    expect(logDoc.prolog[0]).toMatchObject({ type: 'pi', target: 'xml' });
  });
});

describe('seed Example 2 fixtures', () => {
  const seed = HAS_SHARED
    ? readdirSync(join(sharedDir(), 'seed'))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(join(sharedDir(), 'seed', f), 'utf8'))
        .join('\n')
    : '';

  it.skipIf(!HAS_SHARED).each(xmlFiles('seed-example2'))(
    HAS_SHARED
      ? '%s is copied verbatim from the seed document'
      : `%s matches the seed document (${SHARED_SKIP_REASON})`,
    (rel) => {
      const text = read(rel);
      expect(text.endsWith('\n')).toBe(true);
      expect(seed).toContain(text);
    },
  );

  it('dispatchSeq keeps the seed spelling and odd indentation', () => {
    const text = read('seed-example2/dispatchSeq.xml');
    expect(text).toContain('websocket.accept.contenType');
    expect(text).toContain('\n             <send>\n');
    const [inM] = body('seed-example2/dispatchSeq.xml');
    expect(inM!.kind).toBe('in');
    const inner = inM!.branches.body!;
    expect(kinds(inner)).toEqual(['property', 'property', 'property', 'send']);
    expect(
      inner.slice(0, 3).map((m) => [m.values.name, m.values.scope, m.values.type, m.values.value]),
    ).toEqual([
      ['OUT_ONLY', undefined, undefined, 'true'],
      ['FORCE_SC_ACCEPTED', 'axis2', 'STRING', 'true'],
      ['websocket.accept.contenType', 'axis2', undefined, 'application/json'],
    ]);
    const send = inner[3]!;
    expect(send.values.endpoint).toEqual({ kind: 'address', uri: 'ws://localhost:8082/websocket' });
    expect(send.path).toEqual(['sequence', 0, 'body', 3]);
    expect(send.element.pos).toMatchObject({ line: 6, column: 14 });
  });

  it('outDispatchSeq logs full', () => {
    const [log] = body('seed-example2/outDispatchSeq.xml');
    expect(log!.kind).toBe('log');
    expect(log!.values.level).toBe('full');
    expect(log!.element.pos).toMatchObject({ line: 2, column: 4 });
  });

  it('websocketProxy1 references both sequences', () => {
    const p = artifactOf('seed-example2/websocketProxy1.xml', 'proxy') as ProxyArtifact;
    expect(p.name).toBe('websocketProxy1');
    expect(p.transports).toEqual(['http', 'https']);
    expect(p.startOnLoad).toBe(true);
    expect(p.lists).toEqual([]);
    expect(p.target).toEqual({
      inSequence: 'dispatchSeq',
      outSequence: undefined,
      faultSequence: 'outDispatchSeq',
      endpointKey: undefined,
      endpoint: undefined,
      hasInline: { inSequence: false, outSequence: false, faultSequence: false },
    });
    expect(p.parameters).toEqual([]);
  });
});

describe('seed Example 1 fixtures', () => {
  it('WebSocketInbound listens on 9092 and dispatches to the two sequences', () => {
    const ib = artifactOf('seed-example1/WebSocketInbound.xml', 'inboundEndpoint') as InboundEndpointArtifact;
    expect(ib.name).toBe('WebSocketInbound');
    expect(ib.protocol).toBe('ws');
    expect(ib.className).toBeUndefined();
    expect(ib.sequence).toBe('dispatchSeq');
    expect(ib.onError).toBe('fault');
    expect(ib.suspend).toBe(false);
    expect(ib.parameters).toEqual([
      { name: 'inbound.ws.port', value: '9092' },
      { name: 'ws.client.side.broadcast.level', value: '0' },
      { name: 'ws.outflow.dispatch.sequence', value: 'outDispatchSeq' },
      { name: 'ws.outflow.dispatch.fault.sequence', value: 'fault' },
    ]);
    expect(ib.doc.root.attributes.map((a) => a.name)).toEqual([
      'name',
      'protocol',
      'sequence',
      'onError',
      'suspend',
      'xmlns',
    ]);
  });

  it('dispatchSeq sets OUT_ONLY and sends to the ws back end', () => {
    const list = body('seed-example1/dispatchSeq.xml');
    expect(kinds(list)).toEqual(['property', 'send']);
    expect(list[0]!.values).toMatchObject({
      name: 'OUT_ONLY',
      value: 'true',
      scope: 'default',
      type: 'STRING',
    });
    expect(list[1]!.values.endpoint).toEqual({ kind: 'address', uri: 'ws://localhost:8082/websocket' });
  });

  it('outDispatchSeq logs full and responds', () => {
    const list = body('seed-example1/outDispatchSeq.xml');
    expect(kinds(list)).toEqual(['log', 'respond']);
    expect(list[0]!.values.level).toBe('full');
  });
});

describe('catalog fixtures', () => {
  it.each(Object.keys(CATALOG) as MediatorKind[])(
    'catalog/%s.xml uses every field of its definition',
    (kind) => {
      const def = definitionOf(kind);
      const all = walk(body(`catalog/${kind}.xml`)).filter((m) => m.kind === kind);
      expect(all.length).toBeGreaterThan(0);
      const present = (key: string) => all.some((m) => m.values[key] !== undefined);
      for (const f of def.fields) {
        expect(present(f.key), `${kind}.${f.key}`).toBe(true);
        if (f.type === 'list') {
          const allRows = all.flatMap((m) => rows(m, f.key));
          for (const sub of f.fields)
            expect(
              allRows.some((r) => r[sub.key] !== undefined),
              `${kind}.${f.key}.${sub.key}`,
            ).toBe(true);
          if (f.inlineXml)
            expect(
              allRows.some((r) => r.inlineXml !== undefined),
              `${kind}.${f.key} inline XML`,
            ).toBe(true);
        }
        if (f.type === 'child') {
          const children = all
            .map((m) => m.values[f.key] as ListRow | undefined)
            .filter((c) => c !== undefined);
          for (const sub of f.fields)
            expect(
              children.some((c) => c[sub.key] !== undefined),
              `${kind}.${f.key}.${sub.key}`,
            ).toBe(true);
          if (f.withText)
            expect(
              children.some((c) => c.text !== undefined),
              `${kind}.${f.key} text`,
            ).toBe(true);
          if (f.inlineXml)
            expect(
              children.some((c) => c.inlineXml !== undefined),
              `${kind}.${f.key} inline XML`,
            ).toBe(true);
        }
      }
      for (const b of def.branches ?? []) {
        // A repeated branch (switch's case) is one list per occurrence: case:0, case:1, …
        const lists = (m: MediatorNode) =>
          b.repeated
            ? branchListsOf(m).filter((l) => l.branch === b)
            : branchListsOf(m).filter((l) => l.key === b.key);
        expect(
          all.some((m) => lists(m).some((l) => (m.branches[l.key] ?? []).length > 0)),
          `${kind} branch ${b.key}`,
        ).toBe(true);
        for (const f of b.fields ?? [])
          expect(
            all.some((m) => lists(m).some((l) => l.values[f.key] !== undefined)),
            `${kind} branch ${b.key}.${f.key}`,
          ).toBe(true);
      }
    },
  );

  it('log: level, category, separator, flags, message and property rows', () => {
    const list = body('catalog/log.xml');
    expect(kinds(list)).toEqual(['log', 'log']);
    const [log, bare] = list;
    expect(log!.values).toMatchObject({
      level: 'custom',
      category: 'warn',
      separator: ' | ',
      logMessageID: 'true',
      logFullPayload: 'false',
      message: 'Order ${payload.orderId} < 10 & open',
      description: 'Log the order',
      trace: 'enable',
      statistics: 'enable',
    });
    expect(rows(log!)).toEqual([
      { name: 'literal', value: 'a & b' },
      { name: 'fromXPath', expression: "get-property('To')", scope: 'default' },
      { name: 'fromJson', expression: 'json-eval($.order.id)', scope: 'axis2' },
      { name: 'header', expression: '$trp:Content-Type', scope: 'transport' },
      { name: 'inline', inlineXml: '<order xmlns="http://example.org/orders"><id>42</id></order>' },
    ]);
    expect(rows(log!)[0]).toHaveProperty('value', 'a & b');
    expect(bare!.values.level).toBeUndefined();
    expect(rows(bare!)).toEqual([]);
    expect(bare!.path).toEqual(['sequence', 1]);
    expect(bare!.xmlPath).toEqual([1]);
    expect(definitionOf('log').summary(log!.values)).toBe('log custom +5 properties');
  });

  it('property: scope, type, pattern/group, dynamic name, inline XML and remove', () => {
    const list = body('catalog/property.xml');
    expect(kinds(list)).toEqual(Array(7).fill('property'));
    const v = list.map((m) => m.values);
    expect(v[0]).toMatchObject({ name: 'OUT_ONLY', value: 'true', action: undefined, scope: undefined });
    expect(v[1]).toMatchObject({
      name: 'FORCE_SC_ACCEPTED',
      action: 'set',
      value: 'true',
      scope: 'axis2',
      type: 'STRING',
    });
    expect(v[2]).toMatchObject({
      name: 'orderId',
      expression: '//m0:order/m0:id',
      scope: 'operation',
      type: 'INTEGER',
      description: 'order id',
      trace: 'disable',
      statistics: 'enable',
    });
    expect(v[3]).toMatchObject({
      name: 'code',
      expression: 'json-eval($.code)',
      pattern: '([A-Z]+)-(\\d+)',
      group: '2',
    });
    expect(v[4]).toMatchObject({ name: "{get-property('dynamicName')}", value: 'dynamic', scope: 'default' });
    expect(v[5]).toMatchObject({
      name: 'orderTemplate',
      type: 'OM',
      value: undefined,
      inlineXml: '<m0:order><m0:id>1</m0:id></m0:order>',
    });
    expect(v[6]).toMatchObject({
      name: 'Content-Length',
      action: 'remove',
      scope: 'transport',
      value: undefined,
    });
    expect(list.slice(0, 5).every((m) => m.values.inlineXml === undefined)).toBe(true);
    const root = artifactOf('catalog/property.xml', 'sequence').doc.root;
    expect(root.attributes.find((a) => a.name === 'xmlns:m0')?.value).toBe('http://services.samples');
    expect(definitionOf('property').summary(v[1]!)).toBe('FORCE_SC_ACCEPTED = true (axis2)');
    expect(definitionOf('property').summary(v[6]!)).toBe('remove Content-Length');
  });

  it('send: receive, buildmessage and an inline ws endpoint', () => {
    const [send] = body('catalog/send.xml');
    expect(send!.kind).toBe('send');
    expect(send!.values).toMatchObject({
      receive: 'catalogOut',
      buildmessage: 'true',
      description: 'to the ws back end',
      trace: 'disable',
      statistics: 'disable',
    });
    expect(send!.values.endpoint).toEqual({ kind: 'address', uri: 'ws://localhost:8082/websocket' });
    expect(definitionOf('send').summary(send!.values)).toBe('send → ws://localhost:8082/websocket');
  });

  it('call: client options, source, target, endpoint key and an inline http endpoint (CRLF file)', () => {
    const list = body('catalog/call.xml');
    expect(kinds(list)).toEqual(['call', 'call']);
    const [keyed, inline] = list;
    expect(keyed!.values).toMatchObject({
      blocking: 'true',
      initAxis2ClientOptions: 'false',
      axis2xml: 'conf/axis2/axis2_blocking_client.xml',
      repository: 'repository/deployment/client',
      description: 'blocking call',
      trace: 'enable',
      statistics: 'enable',
    });
    expect(keyed!.values.source).toEqual({
      type: 'custom',
      contentType: 'application/json',
      text: 'json-eval($.request)',
    });
    expect(keyed!.values.target).toEqual({ type: 'property', text: 'backendResponse' });
    expect(keyed!.values.endpoint).toEqual({ key: 'HttpEp' });
    expect(inline!.values.endpoint).toEqual({
      kind: 'http',
      uri: 'http://localhost:8080/orders/{uri.var.id}',
    });
    expect(inline!.values.source).toBeUndefined();
    expect(keyed!.element.pos).toMatchObject({ line: 3, column: 5 });
    expect(inline!.element.pos).toMatchObject({ line: 8, column: 5 });
  });

  it('in and out hold their mediators in the body branch', () => {
    const [inM] = body('catalog/in.xml');
    expect(inM!.values).toMatchObject({
      description: 'requests only',
      trace: 'enable',
      statistics: 'enable',
    });
    expect(kinds(inM!.branches.body!)).toEqual(['log', 'property', 'drop']);
    expect(inM!.branches.body![1]!.path).toEqual(['sequence', 0, 'body', 1]);
    const [outM] = body('catalog/out.xml');
    expect(outM!.values).toMatchObject({
      description: 'responses only',
      trace: 'disable',
      statistics: 'disable',
    });
    expect(kinds(outM!.branches.body!)).toEqual(['log', 'respond']);
    expect(outM!.branches.body![0]!.values.level).toBe('headers');
  });

  it('respond, drop and loopback carry the common fields', () => {
    expect(body('catalog/respond.xml')[0]!.values).toEqual({
      description: 'back to the client',
      trace: 'enable',
      statistics: 'enable',
    });
    expect(body('catalog/drop.xml')[0]!.values).toEqual({
      description: 'discard',
      trace: 'disable',
      statistics: 'enable',
    });
    const loop = artifactOf('catalog/loopback.xml', 'sequence');
    expect(loop.name).toBe('catalogLoopback');
    expect(loop.doc.root.name).toBe('syn:sequence');
    const [lb] = loop.lists[0]!.mediators;
    expect(lb!.kind).toBe('loopback');
    expect(lb!.tag).toBe('loopback');
    expect(lb!.element.name).toBe('syn:loopback');
    expect(lb!.values).toEqual({ description: 'to the out path', trace: 'enable', statistics: 'disable' });
  });

  it('filter: xpath with then/else, and source+regex with an implicit then', () => {
    const list = body('catalog/filter.xml');
    expect(kinds(list)).toEqual(['filter', 'filter']);
    const [xp, rx] = list;
    expect(xp!.values).toMatchObject({
      xpath: '//ns:order/ns:status = "open"',
      source: undefined,
      regex: undefined,
      description: 'open orders',
      trace: 'enable',
      statistics: 'enable',
    });
    expect(kinds(xp!.branches.then!)).toEqual(['log', 'sequence']);
    expect(kinds(xp!.branches.else!)).toEqual(['drop']);
    expect(rows(xp!.branches.then![0]!)).toEqual([{ name: 'status', value: 'open' }]);
    expect(xp!.branches.then![1]!.values.key).toBe('catalogVariable');
    expect(xp!.branches.then![1]!.path).toEqual(['sequence', 0, 'then', 1]);
    expect(xp!.branches.then![1]!.xmlPath).toEqual([0, 0, 1]);
    expect(xp!.branches.else![0]!.path).toEqual(['sequence', 0, 'else', 0]);
    expect(rx!.values).toMatchObject({
      source: "get-property('To')",
      regex: '.*/services/.*',
      xpath: undefined,
    });
    expect(kinds(rx!.branches.then!)).toEqual(['log', 'respond']);
    expect(rx!.branches.then![0]!.values.level).toBe('full');
    expect(rx!.branches.then![1]!.xmlPath).toEqual([1, 1]);
    expect(rx!.branches.else).toEqual([]);
  });

  it('clone: four kinds of target as four branches, and iterations with one target', () => {
    const list = body('catalog/clone.xml');
    expect(kinds(list)).toEqual(['clone', 'clone']);
    const [all, times] = list;
    expect(all!.values).toMatchObject({
      id: 'orders',
      sequential: 'true',
      continueParent: 'true',
      iterations: undefined,
      description: 'fan out orders',
    });
    expect(rows(all!, 'targets')).toEqual([
      {
        to: 'http://localhost:8280/audit',
        soapAction: 'urn:audit',
        sequence: undefined,
        endpoint: undefined,
      },
      { to: undefined, soapAction: undefined, sequence: 'catalogVariable', endpoint: undefined },
      { to: undefined, soapAction: undefined, sequence: undefined, endpoint: 'HttpEp' },
      { to: undefined, soapAction: undefined, sequence: undefined, endpoint: undefined },
    ]);
    expect(Object.keys(all!.branches)).toEqual(['target:0', 'target:1', 'target:2', 'target:3']);
    expect(kinds(all!.branches['target:0']!)).toEqual(['log', 'respond']);
    expect(all!.branches['target:0']![1]!.path).toEqual(['sequence', 0, 'target:0', 1]);
    expect(times!.values.iterations).toBe("{get-property('copies')}");
    expect(kinds(times!.branches['target:0']!)).toEqual(['drop']);
  });

  it('sequence: static and dynamic references, with the artifact description and onError', () => {
    const s = artifactOf('catalog/sequence.xml', 'sequence') as SequenceArtifact;
    expect(s.onError).toBe('fault');
    expect(s.description).toBe('Runs other sequences by name.');
    const list = s.lists[0]!.mediators;
    expect(kinds(list)).toEqual(['sequence', 'sequence']);
    expect(list[0]!.values).toEqual({
      key: 'catalogVariable',
      description: 'static reference',
      trace: 'enable',
      statistics: 'enable',
    });
    expect(list[1]!.values.key).toBe("{get-property('next')}");
    // The <description> child is not a mediator; the first reference is element child 1.
    expect(list[0]!.xmlPath).toEqual([1]);
  });

  it('variable: set with value and expressions, typed, and remove', () => {
    const list = body('catalog/variable.xml');
    expect(kinds(list)).toEqual(['variable', 'variable', 'variable', 'variable']);
    expect(
      list.map((m) => [m.values.name, m.values.action, m.values.value, m.values.expression, m.values.type]),
    ).toEqual([
      ['greeting', 'set', 'hello', undefined, 'STRING'],
      ['count', undefined, undefined, '${payload.items.length()}', 'INTEGER'],
      ['order', undefined, undefined, 'json-eval($.order)', 'JSON'],
      ['greeting', 'remove', undefined, undefined, undefined],
    ]);
    expect(list[0]!.values).toMatchObject({
      description: 'a literal',
      trace: 'disable',
      statistics: 'enable',
    });
  });

  it('an unknown mediator is a raw node kept verbatim', () => {
    const list = body('catalog/unknown.xml');
    expect(kinds(list)).toEqual(['raw', 'respond']);
    expect(list[0]!.tag).toBe('dblookup');
    expect(list[0]!.values).toEqual({});
    expect(serializeNode(list[0]!.element)).toBe(
      '<dblookup>\n' +
        '        <connection><pool><dsName>ordersDs</dsName></pool></connection>\n' +
        '        <statement>\n' +
        '            <sql>select name from orders where id = ?</sql>\n' +
        '        </statement>\n' +
        '    </dblookup>',
    );
  });

  it('validate with no diagnostics (with the endpoint and local entry they reference), except the unknown mediator', () => {
    const files = [
      ...projectFiles('catalog'),
      ...projectFiles(
        'artifacts',
        (f) =>
          f.endsWith('endpoint-http.xml') ||
          f.endsWith('local-entry.xml') ||
          f.endsWith('template.xml') ||
          f.endsWith('message-store.xml'),
      ),
    ];
    const { project, diagnostics } = buildProject('', files);
    expect(diagnostics).toEqual([]);
    const found = validateProject(project);
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'MEDIATOR_UNSUPPORTED',
        artifact: 'catalogUnknown',
        path: ['sequence', 0],
        line: 3,
        column: 5,
      }),
    ]);
    expect(found[0]!.message).toContain('<dblookup>');
  });
});

describe('artifact fixtures', () => {
  it('sequence: name, onError, description and body', () => {
    const s = artifactOf('artifacts/sequence.xml', 'sequence') as SequenceArtifact;
    expect(s.name).toBe('ArtifactSequence');
    expect(s.file).toBe('artifacts/sequence.xml');
    expect(s.onError).toBe('ArtifactFault');
    expect(s.description).toBe('A named sequence with its own error handler.');
    expect(kinds(s.lists[0]!.mediators)).toEqual(['log', 'sequence']);
    expect(rows(s.lists[0]!.mediators[0]!)).toEqual([{ name: 'step', value: 'start' }]);
    expect(kinds(body('artifacts/sequence-fault.xml'))).toEqual(['log', 'drop']);
  });

  it('proxy with inline sequences and an inline endpoint', () => {
    const p = artifactOf('artifacts/proxy-inline.xml', 'proxy') as ProxyArtifact;
    expect(p.name).toBe('InlineProxy');
    expect(p.transports).toEqual(['http', 'https']);
    expect(p.startOnLoad).toBe(true);
    expect(p.target).toEqual({
      inSequence: undefined,
      outSequence: undefined,
      faultSequence: undefined,
      endpointKey: undefined,
      endpoint: { kind: 'address', uri: 'http://localhost:9000/services/Echo' },
      hasInline: { inSequence: true, outSequence: true, faultSequence: true },
    });
    expect(p.lists.map((l) => [l.key, l.xmlPath, kinds(l.mediators)])).toEqual([
      ['inSequence', [0, 0], ['log', 'property']],
      ['outSequence', [0, 1], ['respond']],
      ['faultSequence', [0, 2], ['log', 'drop']],
    ]);
    expect(p.lists[0]!.mediators[1]!.path).toEqual(['inSequence', 1]);
    expect(p.parameters).toEqual([{ name: 'serviceType', value: 'proxy' }]);
  });

  it('proxy with referenced sequences and an endpoint attribute', () => {
    const p = artifactOf('artifacts/proxy-referenced.xml', 'proxy') as ProxyArtifact;
    expect(p.name).toBe('ReferencedProxy');
    expect(p.transports).toEqual(['https']);
    expect(p.startOnLoad).toBe(false);
    expect(p.lists).toEqual([]);
    expect(p.target).toEqual({
      inSequence: 'ArtifactSequence',
      outSequence: 'ArtifactSequence',
      faultSequence: 'ArtifactFault',
      endpointKey: 'WebsocketEp',
      endpoint: undefined,
      hasInline: { inSequence: false, outSequence: false, faultSequence: false },
    });
  });

  it('api with a uri-template resource and a url-mapping resource', () => {
    const api = artifactOf('artifacts/api.xml', 'api') as ApiArtifact;
    expect(api.name).toBe('OrdersApi');
    expect(api.context).toBe('/orders');
    expect(api.version).toBe('1.0.0');
    expect(api.versionType).toBe('context');
    expect(api.resources).toEqual([
      {
        methods: ['GET', 'DELETE'],
        uriTemplate: '/{orderId}',
        urlMapping: undefined,
        inSequence: undefined,
        outSequence: undefined,
        faultSequence: undefined,
        listKeys: {
          inSequence: 'resource.0.inSequence',
          outSequence: undefined,
          faultSequence: 'resource.0.faultSequence',
        },
      },
      {
        methods: ['POST'],
        uriTemplate: undefined,
        urlMapping: '/status/*',
        inSequence: 'ArtifactSequence',
        outSequence: undefined,
        faultSequence: 'ArtifactFault',
        listKeys: { inSequence: undefined, outSequence: undefined, faultSequence: undefined },
      },
    ]);
    expect(api.lists.map((l) => [l.key, kinds(l.mediators)])).toEqual([
      ['resource.0.inSequence', ['log', 'respond']],
      ['resource.0.faultSequence', []],
    ]);
    expect(api.lists[0]!.mediators[0]!.path).toEqual(['resource.0.inSequence', 0]);
    expect(rows(api.lists[0]!.mediators[0]!)).toEqual([
      { name: 'orderId', expression: "get-property('uri.var.orderId')" },
    ]);
  });

  it('inbound endpoints: ws and wss', () => {
    const ws = artifactOf('artifacts/inbound-ws.xml', 'inboundEndpoint') as InboundEndpointArtifact;
    expect([ws.name, ws.protocol, ws.sequence, ws.onError, ws.suspend]).toEqual([
      'WsInbound',
      'ws',
      'ArtifactSequence',
      'ArtifactFault',
      false,
    ]);
    expect(ws.parameters.map((p) => [p.name, p.value])).toEqual([
      ['inbound.ws.port', '9093'],
      ['ws.client.side.broadcast.level', '1'],
      ['ws.outflow.dispatch.sequence', 'ArtifactSequence'],
      ['ws.outflow.dispatch.fault.sequence', 'ArtifactFault'],
      ['ws.default.content.type', 'application/json'],
      ['ws.shutdown.status.code', '1001'],
      ['ws.shutdown.status.message', 'Shutting down'],
    ]);
    const wss = artifactOf('artifacts/inbound-wss.xml', 'inboundEndpoint') as InboundEndpointArtifact;
    expect([wss.name, wss.protocol, wss.sequence, wss.onError]).toEqual([
      'WssInbound',
      'wss',
      'ArtifactSequence',
      'fault',
    ]);
    expect(Object.fromEntries(wss.parameters.map((p) => [p.name, p.value]))).toEqual({
      'inbound.ws.port': '9443',
      'ws.client.side.broadcast.level': '2',
      'wss.ssl.key.file': 'certs/server-key.pem',
      'wss.ssl.cert.file': 'certs/server-cert.pem',
      'ws.max.frame.size': '65536',
    });
  });

  it('named endpoints: ws and http addresses', () => {
    const ws = artifactOf('artifacts/endpoint-ws.xml', 'endpoint') as EndpointArtifact;
    expect(ws.name).toBe('WebsocketEp');
    expect(ws.endpoint).toEqual({
      name: 'WebsocketEp',
      kind: 'address',
      uri: 'ws://localhost:8082/websocket',
    });
    const http = artifactOf('artifacts/endpoint-http.xml', 'endpoint') as EndpointArtifact;
    expect(http.endpoint).toEqual({
      name: 'HttpEp',
      kind: 'address',
      uri: 'http://localhost:8080/orders',
      format: 'rest',
    });
  });

  it('local entry: key and CDATA text', () => {
    const le = artifactOf('artifacts/local-entry.xml', 'localEntry') as LocalEntryArtifact;
    expect(le.name).toBe('GreetingEntry');
    expect(le.src).toBeUndefined();
    expect(textContent(le.doc.root)).toBe('Hello & welcome');
  });

  it('definitions: split into its artifacts, each a standalone document with the namespace', () => {
    const defs = parsed('artifacts/definitions.xml') as DefinitionsArtifact;
    expect(defs.type).toBe('definitions');
    expect(defs.file).toBe('artifacts/definitions.xml');
    expect(defs.artifacts.map((a) => [a.type, a.name])).toEqual([
      ['localEntry', 'defsGreeting'],
      ['endpoint', 'defsEndpoint'],
      ['sequence', 'defsMain'],
      ['sequence', 'defsFault'],
      ['proxy', 'defsProxy'],
    ]);
    expect(definitionNames(defs)).toEqual([
      'localEntry:defsGreeting',
      'endpoint:defsEndpoint',
      'sequence:defsMain',
      'sequence:defsFault',
      'proxy:defsProxy',
    ]);
    for (const a of defs.artifacts) {
      const text = serializeArtifact(a);
      expect(
        text.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<${a.doc.root.name} xmlns="${SYNAPSE_NS}" `),
      ).toBe(true);
      expect(text.endsWith('>\n')).toBe(true);
      const again = parseArtifact(text);
      expect(again.diagnostics).toEqual([]);
      expect(again.artifact).toMatchObject({ type: a.type, name: a.name });
      expect(serializeArtifact(again.artifact!)).toBe(text);
    }
    expect(serializeArtifact(defs.artifacts[0]!)).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<localEntry xmlns="${SYNAPSE_NS}" key="defsGreeting">Hello</localEntry>\n`,
    );
    expect(serializeArtifact(defs.artifacts[2]!)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<sequence xmlns="${SYNAPSE_NS}" name="defsMain">\n` +
        '    <in>\n' +
        '        <send>\n' +
        '            <endpoint key="defsEndpoint"/>\n' +
        '        </send>\n' +
        '    </in>\n' +
        '    <out>\n' +
        '        <send/>\n' +
        '    </out>\n' +
        '</sequence>\n',
    );
    const main = defs.artifacts[2] as SequenceArtifact;
    expect(kinds(main.lists[0]!.mediators)).toEqual(['in', 'out']);
    expect(main.lists[0]!.mediators[0]!.branches.body![0]!.values.endpoint).toEqual({ key: 'defsEndpoint' });
    // Positions still point into the definitions file.
    expect(main.lists[0]!.mediators[0]!.element.pos).toMatchObject({ line: 9, column: 9 });
    const proxy = defs.artifacts[4] as ProxyArtifact;
    expect(proxy.transports).toEqual(['https', 'http']);
    expect(proxy.target).toMatchObject({ inSequence: 'defsMain', faultSequence: 'defsFault' });
    expect((defs.artifacts[1] as EndpointArtifact).endpoint).toEqual({
      name: 'defsEndpoint',
      kind: 'address',
      uri: 'http://localhost:9000/services/SimpleStockQuoteService',
    });
  });

  it('buildProject splits the definitions file and the whole folder validates with no diagnostics', () => {
    const { project, diagnostics } = buildProject('', projectFiles('artifacts'));
    expect(diagnostics).toEqual([]);
    expect(project.artifacts.map((a) => `${a.type}:${a.name}`).sort()).toEqual(
      [
        'api:OrdersApi',
        'endpoint:HttpEp',
        'endpoint:WebsocketEp',
        'endpoint:defsEndpoint',
        'inboundEndpoint:WsInbound',
        'inboundEndpoint:WssInbound',
        'localEntry:GreetingEntry',
        'localEntry:defsGreeting',
        'messageStore:catalogMessageStore',
        'proxy:InlineProxy',
        'proxy:ReferencedProxy',
        'proxy:defsProxy',
        'sequence:ArtifactFault',
        'sequence:ArtifactSequence',
        'sequence:defsFault',
        'sequence:defsMain',
        'template:catalogTemplate',
      ].sort(),
    );
    expect(project.artifacts.filter((a) => a.name.startsWith('defs')).map((a) => a.file)).toEqual(
      Array(5).fill('artifacts/definitions.xml'),
    );
    expect(validateProject(project)).toEqual([]);
  });
});

describe('seed projects', () => {
  it('Example 1 (WS client → inbound 9092 → ws back end) validates with no diagnostics', () => {
    const files = projectFiles('seed-example1');
    expect(files.map((f) => f.path)).toEqual([
      'artifacts/inbound-endpoints/WebSocketInbound.xml',
      'artifacts/sequences/dispatchSeq.xml',
      'artifacts/sequences/outDispatchSeq.xml',
    ]);
    const { project, diagnostics } = buildProject('', files);
    expect(diagnostics).toEqual([]);
    expect(project.artifacts.map((a) => `${a.type}:${a.name}`)).toEqual([
      'inboundEndpoint:WebSocketInbound',
      'sequence:dispatchSeq',
      'sequence:outDispatchSeq',
    ]);
    const found = validateProject(project);
    expect(hasErrors(found)).toBe(false);
    expect(found).toEqual([]);
  });

  it('Example 2 (HTTP client → proxy websocketProxy1 → ws back end) validates with no diagnostics', () => {
    // The seed's deployment.toml addition: the WebSocket sender switched on.
    const config = '[transport.ws]\nsender.enable = true\n';
    const files = projectFiles('seed-example2');
    expect(files.map((f) => f.path)).toEqual([
      'artifacts/sequences/dispatchSeq.xml',
      'artifacts/sequences/outDispatchSeq.xml',
      'artifacts/proxy-services/websocketProxy1.xml',
    ]);
    const { project, diagnostics } = buildProject(config, files);
    expect(diagnostics).toEqual([]);
    expect(project.config.wsSender.enable).toBe(true);
    const found = validateProject(project);
    expect(hasErrors(found)).toBe(false);
    expect(found).toEqual([]);
  });

  it('Example 2 with the seed sequences and proxy in one <definitions> file validates too', () => {
    const inner = xmlFiles('seed-example2')
      .map((rel) => read(rel).replace(` xmlns="${SYNAPSE_NS}"`, ''))
      .join('');
    const text = `<definitions xmlns="${SYNAPSE_NS}">\n${inner}</definitions>\n`;
    const { project, diagnostics } = buildProject('', [{ path: 'synapse.xml', text }]);
    expect(diagnostics).toEqual([]);
    expect(project.artifacts.map((a) => `${a.type}:${a.name}`)).toEqual([
      'sequence:dispatchSeq',
      'sequence:outDispatchSeq',
      'proxy:websocketProxy1',
    ]);
    expect(validateProject(project)).toEqual([]);
  });

  it('each seed folder holds exactly the artifacts its scenario names', () => {
    const names = (dir: string) => xmlFiles(dir).map((rel) => (parsed(rel) as Artifact).name);
    expect(names('seed-example1')).toEqual(['WebSocketInbound', 'dispatchSeq', 'outDispatchSeq']);
    expect(names('seed-example2')).toEqual(['dispatchSeq', 'outDispatchSeq', 'websocketProxy1']);
    // File names match artifact names, as MI's project layout expects.
    for (const dir of ['seed-example1', 'seed-example2']) {
      for (const rel of xmlFiles(dir))
        expect(rel.endsWith(`/${(parsed(rel) as Artifact).name}.xml`)).toBe(true);
    }
  });
});

describe('regressions of fixed model bugs', () => {
  it('a split <definitions> artifact keeps the namespace prefixes declared on <definitions>', () => {
    // artifact-parse.ts standalone(): only the default xmlns of <definitions> is copied onto the
    // split root. A prefix declared on <definitions> and used inside the child (here in an XPath
    // and in inline XML) is lost, so the standalone document no longer means the same thing
    // (the XPath prefix m0 is unbound and <m0:order> is not namespace-well-formed).
    const text =
      `<definitions xmlns="${SYNAPSE_NS}" xmlns:m0="http://services.samples">\n` +
      '    <sequence name="prefixed">\n' +
      '        <filter xpath="//m0:symbol">\n' +
      '            <property name="order" type="OM">\n' +
      '                <m0:order/>\n' +
      '            </property>\n' +
      '        </filter>\n' +
      '    </sequence>\n' +
      '</definitions>\n';
    const defs = parseArtifact(text).artifact as DefinitionsArtifact;
    const split = defs.artifacts[0]!;
    expect(attribute(split.doc.root, 'xmlns:m0')).toBe('http://services.samples');
    expect(serializeArtifact(split)).toContain('xmlns:m0="http://services.samples"');
  });

  it('CRLF inside attribute values and text reads as XML 1.0 says (one line break, one space)', () => {
    // xml-parse.ts: XML 1.0 §2.11 turns CRLF (and a lone CR) into LF before parsing, and §3.3.3
    // then turns each line break in an attribute value into one space. Scanner.attribute()
    // replaces \r and \n separately (CRLF gives two spaces) and Scanner.text() keeps \r in the
    // decoded value. raw (and so the round trip) must stay as written.
    const text = '<log separator="a\r\nb"><message>one\r\ntwo\rthree</message></log>';
    const r = parseXml(text);
    if (!r.ok) throw new Error(r.error.message);
    expect.soft(attribute(r.document.root, 'separator')).toBe('a b');
    expect.soft(textContent(r.document.root.children[0] as XmlElement)).toBe('one\ntwo\nthree');
  });
});
