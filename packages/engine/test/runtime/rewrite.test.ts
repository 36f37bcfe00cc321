/**
 * The URL rewrite mediator through a running runtime over HTTP: each action type on each URL
 * part, conditions (equal, match, and, or, not on url, param, header and property), inProperty/
 * outProperty and the To address, resolve, and the faults MI raises at run time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { apiXml, proxyXml, send } from './http-helpers.js';

/** A resource that rewrites `input` (inProperty) into `out` and logs it. */
const rewriting = (path: string, input: string, rules: string, extra = '') =>
  `<resource methods="POST" uri-template="${path}"><inSequence>
     <property name="in" value="${input}"/>${extra}
     <rewrite inProperty="in" outProperty="out">${rules}</rewrite>
     <log level="custom"><property name="out" expression="get-property('out')"/></log>
     <respond/>
   </inSequence></resource>`;
const rule = (actions: string, condition = '') =>
  `<rewriterule>${condition ? `<condition>${condition}</condition>` : ''}${actions}</rewriterule>`;

const URL = 'http://user@example.org:8280/services/Orders?x=1#top';

const API = apiXml(
  'Rw',
  '/rw',
  [
    rewriting(
      '/parts',
      URL,
      rule(`<action type="set" fragment="protocol" value="https"/>
            <action type="set" fragment="user" value="u2"/>
            <action type="set" fragment="host" value="backend"/>
            <action type="set" fragment="port" value="9000"/>
            <action type="append" fragment="path" value="/v2"/>
            <action type="replace" fragment="path" regex="(Ord)ers" value="$1ERS"/>
            <action type="prepend" fragment="query" value="k=v"/>
            <action type="remove" fragment="ref"/>`),
    ),
    rewriting('/full', URL, rule('<action value="http://other:81/a/b?c=d"/>')),
    rewriting(
      '/removeparts',
      URL,
      rule(`<action type="remove" fragment="user"/><action type="remove" fragment="port"/>
            <action type="remove" fragment="query"/><action type="set" fragment="path" value=""/>`),
    ),
    rewriting(
      '/query',
      'http://h/p?a=1&amp;b=2&amp;c=3',
      rule(`<action type="remove-query-param" fragment="query" value="b"/>
            <action type="append" fragment="query" value="d=4"/>`),
    ),
    rewriting(
      '/xpath',
      URL,
      rule(`<action fragment="port" xpath="//port"/><action fragment="host" xpath="concat('h', '1')"/>`),
    ),
    rewriting(
      '/resolve',
      'http://h/',
      rule(`<action type="append" fragment="path" value="users/{uid}/{kind}" resolve="true"/>`),
      '<property name="uid" value="42"/><property name="kind" value="full"/>',
    ),
    rewriting(
      '/unresolved',
      'http://h/',
      rule(`<action type="set" fragment="path" value="/u/{nobody}" resolve="true"/>`),
    ),
    rewriting(
      '/conditions',
      URL,
      [
        // equal ignores case (EqualEvaluator.equalsIgnoreCase); header is the default type.
        rule('<action type="append" fragment="path" value="/h"/>', '<equal source="X-Mode" value="FAST"/>'),
        rule(
          // EvaluatorContext.getParam takes everything after '?', so x is '1#top' here, not '1'.
          '<action type="append" fragment="path" value="/p"/>',
          '<equal type="param" source="x" value="1"/>',
        ),
        rule(
          '<action type="append" fragment="path" value="/p2"/>',
          '<equal type="param" source="x" value="1#TOP"/>',
        ),
        // match is a whole match (MatchEvaluator: Matcher.matches).
        rule(
          '<action type="append" fragment="path" value="/partial"/>',
          '<match type="url" source="host" regex="example"/>',
        ),
        rule(
          '<action type="append" fragment="path" value="/and"/>',
          '<and><match type="url" source="host" regex="example\\.org"/><equal type="url" source="port" value="8280"/></and>',
        ),
        rule(
          '<action type="append" fragment="path" value="/or"/>',
          '<or><equal type="property" source="flag" value="no"/><equal type="property" source="flag" value="yes"/></or>',
        ),
        rule(
          '<action type="append" fragment="path" value="/not"/>',
          '<not><match type="url" regex="ftp:.*"/></not>',
        ),
        // A property that is not set: equal is false (PropertyTextRetriever gives null).
        rule(
          '<action type="append" fragment="path" value="/missing"/>',
          '<equal type="property" source="none" value=""/>',
        ),
        // Conditions see the URL as the rules before them left it.
        rule(
          '<action type="append" fragment="query" value="seen=1"/>',
          '<match type="url" source="path" regex=".*/h/p2/and/or/not"/>',
        ),
      ].join(''),
      '<property name="flag" value="yes"/>',
    ),
    rewriting('/empty', 'x', '', '<property name="in" action="remove"/>'),
  ].join('\n'),
);

const FAULT_LOG = `<faultSequence><log level="custom"><property name="error" expression="get-property('ERROR_MESSAGE')"/></log>
  <property name="HTTP_SC" value="500" scope="axis2"/><respond/></faultSequence>`;

const TO_PROXY = proxyXml(
  'ToRw',
  `<inSequence>
     <rewrite><rewriterule><action type="set" fragment="path" value="/rewritten/path"/></rewriterule></rewrite>
     <log level="custom"><property name="to" expression="get-property('To')"/></log>
     <respond/>
   </inSequence>`,
);

const faulting = (name: string, body: string) =>
  proxyXml(name, `<inSequence>${body}<respond/></inSequence>${FAULT_LOG}`);

let runtime: Runtime;
let events: EventLog;
let base: string;

beforeAll(async () => {
  const http = await freePort();
  ({ runtime, events } = await runtimeWith(
    project(
      {
        'artifacts/apis/Rw.xml': API,
        'artifacts/proxy-services/ToRw.xml': TO_PROXY,
        'artifacts/proxy-services/BadIn.xml': faulting(
          'BadIn',
          '<property name="in" value="http://h/a b"/><rewrite inProperty="in"><rewriterule><action fragment="host" value="x"/></rewriterule></rewrite>',
        ),
        'artifacts/proxy-services/RelPath.xml': faulting(
          'RelPath',
          '<property name="in" value="http://h/a"/><rewrite inProperty="in" outProperty="o"><rewriterule><action fragment="path" value="relative"/></rewriterule></rewrite>',
        ),
        'artifacts/proxy-services/BadPort.xml': faulting(
          'BadPort',
          '<rewrite outProperty="o"><rewriterule><action fragment="port" xpath="//port"/></rewriterule></rewrite>',
        ),
      },
      tomlFor(http),
    ),
  ));
  base = `http://127.0.0.1:${http}`;
});

afterAll(() => runtime.stop());

const soap = (inner: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;

/** Posts and returns the property `name` of the one log line the message wrote. */
async function logged(
  path: string,
  name: string,
  o: { body?: string; headers?: Record<string, string> } = {},
) {
  const before = new Set(events.logs().map((e) => e.messageId));
  const r = await send(`${base}${path}`, {
    body: o.body ?? soap('<a/>'),
    type: 'text/xml',
    headers: o.headers,
  });
  let line: Record<string, string> | undefined;
  await until(() => (line = events.logs().find((e) => !before.has(e.messageId))?.properties) !== undefined);
  return { status: r.status, value: (line as Record<string, string>)[name] };
}

describe('rewrite actions', () => {
  it('sets, appends, prepends, replaces and removes URL parts (RewriteAction.execute)', async () => {
    expect((await logged('/rw/parts', 'out')).value).toBe(
      'https://u2@backend:9000/services/OrdERS/v2?k=v&x=1',
    );
  });

  it('replaces the whole URL when no fragment is named (URIFragments.setFragments)', async () => {
    expect((await logged('/rw/full', 'out')).value).toBe('http://other:81/a/b?c=d');
  });

  it('removes parts; an authority is written only with a host (URIFragments.toURI)', async () => {
    expect((await logged('/rw/removeparts', 'out')).value).toBe('http://example.org#top');
  });

  it('joins query parameters with & and removes one by name (remove-query-param)', async () => {
    expect((await logged('/rw/query', 'out')).value).toBe('http://h/p?a=1&c=3&d=4');
  });

  it('takes values from XPath expressions', async () => {
    const r = await logged('/rw/xpath', 'out', { body: soap('<port>7001</port>') });
    expect(r.value).toBe('http://user@h1:7001/services/Orders?x=1#top');
  });

  it('resolves {name} from properties, and empties the part when one is missing (resolve="true")', async () => {
    expect((await logged('/rw/resolve', 'out')).value).toBe('http://h/users/42/full');
    expect((await logged('/rw/unresolved', 'out')).value).toBe('http://h');
  });

  it('builds from nothing when the input property is not set (URLRewriteMediator with no input URI)', async () => {
    expect((await logged('/rw/empty', 'out')).value).toBe('');
  });

  it('rewrites the To address when no property is named', async () => {
    const r = await logged('/services/ToRw?x=1', 'to');
    expect(r.value).toBe('/rewritten/path?x=1');
    expect(r.status).toBe(200);
  });
});

describe('rewrite conditions', () => {
  it('runs a rule only when its condition holds (RewriteRule.rewrite; EqualEvaluator, MatchEvaluator, And/Or/Not)', async () => {
    const r = await logged('/rw/conditions', 'out', { headers: { 'X-Mode': 'fast' } });
    expect(r.value).toBe('http://user@example.org:8280/services/Orders/h/p2/and/or/not?x=1&seen=1#top');
    const without = await logged('/rw/conditions', 'out');
    expect(without.value).toBe('http://user@example.org:8280/services/Orders/p2/and/or/not?x=1#top');
  });
});

describe('rewrite faults', () => {
  const fault = async (proxy: string, body?: string) => {
    const r = await logged(`/services/${proxy}`, 'error', body ? { body } : {});
    expect(r.status).toBe(500);
    return r.value;
  };

  it('faults on an input that is not a URI (URLRewriteMediator.getInputAddress)', async () => {
    expect(await fault('BadIn')).toBe('URL rewrite: malformed input URI: http://h/a b');
  });

  it('faults on a relative path after a scheme (URISyntaxException from URIFragments.toURI)', async () => {
    expect(await fault('RelPath')).toBe('Relative path in absolute URI: http:relative');
  });

  it('faults on a port that is not a number (Integer.parseInt in RewriteAction.execute)', async () => {
    expect(await fault('BadPort', soap('<port>eighty</port>'))).toBe(
      "URL rewrite: the port 'eighty' is not a number.",
    );
  });
});
