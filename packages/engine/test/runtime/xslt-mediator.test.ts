/**
 * The xslt and fastXSLT mediators through a running runtime and real HTTP clients: stylesheets
 * from local entries, parameters (literal and expression), the default and an XPath source,
 * `target`, text output, `<resource>` for xsl:include, `{…}` keys, JSON and POX payloads, and
 * a failing transformation going down the fault path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { httpRuntime, until, type EventLog } from './harness.js';
import { send } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const SYN = 'http://ws.apache.org/ns/synapse';
const XSL = 'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"';

const entry = (key: string, inner: string) => `<localEntry key="${key}" ${NS}>${inner}</localEntry>`;
const proxy = (name: string, inSeq: string, fault = '') =>
  `<proxy name="${name}" transports="http" startOnLoad="true" ${NS}><target><inSequence>${inSeq}</inSequence>${fault}</target></proxy>`;
const soap = (body: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
const QUOTE = '<m:getQuote xmlns:m="urn:q"><m:request><m:symbol>IBM</m:symbol></m:request></m:getQuote>';

const TO_ORDER = `<xsl:stylesheet version="1.0" ${XSL} xmlns:m="urn:q" exclude-result-prefixes="m">
  <xsl:param name="greeting" select="'none'"/>
  <xsl:param name="who"/>
  <xsl:template match="/">
    <order><symbol><xsl:value-of select="//m:symbol"/></symbol><greeting><xsl:value-of select="$greeting"/></greeting><who><xsl:value-of select="$who"/></who></order>
  </xsl:template>
</xsl:stylesheet>`;

const FILES: Record<string, string> = {
  'artifacts/local-entries/toOrder.xml': entry('toOrder', TO_ORDER),
  'artifacts/local-entries/plain.xml': entry(
    'plain',
    `<xsl:stylesheet version="1.0" ${XSL} xmlns:m="urn:q"><xsl:template match="/"><m:symbol xmlns:m="urn:out"><xsl:value-of select="."/></m:symbol></xsl:template></xsl:stylesheet>`,
  ),
  'artifacts/local-entries/asText.xml': entry(
    'asText',
    `<xsl:stylesheet version="1.0" ${XSL}><xsl:output method="text"/><xsl:template match="/">symbol=<xsl:value-of select="//*[local-name()='symbol']"/> &amp; done</xsl:template></xsl:stylesheet>`,
  ),
  'artifacts/local-entries/withInclude.xml': entry(
    'withInclude',
    `<xsl:stylesheet version="1.0" ${XSL}><xsl:include href="common.xsl"/><xsl:template match="/"><wrapped xmlns=""><xsl:call-template name="stamp"/></wrapped></xsl:template></xsl:stylesheet>`,
  ),
  'artifacts/local-entries/commonSheet.xml': entry(
    'commonSheet',
    `<xsl:stylesheet version="1.0" ${XSL}><xsl:template name="stamp"><stamp xmlns="">from the included sheet</stamp></xsl:template></xsl:stylesheet>`,
  ),
  'artifacts/local-entries/fromJson.xml': entry(
    'fromJson',
    `<xsl:stylesheet version="1.0" ${XSL}><xsl:template match="/"><total xmlns=""><xsl:value-of select="sum(//price)"/></total></xsl:template></xsl:stylesheet>`,
  ),
  // MI's own test artifacts (XSLTonEmptySoapBodyWithSourceXPath): an envelope from "/" on a GET.
  'artifacts/local-entries/xsltSimpleEnvelope.xml': entry(
    'xsltSimpleEnvelope',
    `<xsl:stylesheet ${XSL} version="1.0"><xsl:template match="/"><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><Address xmlns="${SYN}"><FirstName>Hello</FirstName><LastName>World</LastName></Address></soapenv:Body></soapenv:Envelope></xsl:template></xsl:stylesheet>`,
  ),
  'artifacts/apis/xsltEmptySoapBodyWithSourceXPath.xml': `<api ${NS} context="/xsltEmptySoapBodyWithSourceXPath" name="xsltEmptySoapBodyWithSourceXPath"><resource methods="GET"><inSequence><xslt key="xsltSimpleEnvelope" source="/"/><property name="NO_ENTITY_BODY" scope="axis2" action="remove"/><respond/></inSequence></resource></api>`,
  'artifacts/proxy-services/Params.xml': proxy(
    'Params',
    `<xslt key="toOrder"><property name="greeting" value="hello &amp; &lt;bye&gt;"/><property xmlns:m="urn:q" name="who" expression="concat('for ', //m:symbol)"/><feature name="http://ws.apache.org/ns/synapse/transform/feature/dom" value="false"/></xslt><respond/>`,
  ),
  'artifacts/proxy-services/Source.xml': proxy(
    'Source',
    '<xslt key="plain" source="//m:symbol" xmlns:m="urn:q"/><respond/>',
  ),
  'artifacts/proxy-services/Target.xml': proxy(
    'Target',
    `<xslt key="toOrder" target="orderXml"/><log level="custom"><property name="symbol" expression="$ctx:orderXml//*[local-name()='symbol']"/></log><respond/>`,
  ),
  'artifacts/proxy-services/Text.xml': proxy(
    'Text',
    '<xslt key="asText"/><log level="full"/><property name="messageType" value="text/plain" scope="axis2"/><respond/>',
  ),
  'artifacts/proxy-services/Include.xml': proxy(
    'Include',
    '<xslt key="withInclude"><resource location="common.xsl" key="commonSheet"/></xslt><respond/>',
  ),
  'artifacts/proxy-services/Dynamic.xml': proxy(
    'Dynamic',
    `<xslt key="{$trp:X-Sheet}"/><respond/>`,
    `<faultSequence><log level="custom"><property name="fault" expression="get-property('ERROR_MESSAGE')"/></log><respond/></faultSequence>`,
  ),
  'artifacts/proxy-services/Fails.xml': proxy(
    'Fails',
    '<xslt key="toOrder" source="//nowhere"/><log level="custom"><property name="after" value="must not run"/></log><respond/>',
    `<faultSequence><log level="custom"><property name="fault" expression="get-property('ERROR_MESSAGE')"/></log><respond/></faultSequence>`,
  ),
  'artifacts/proxy-services/Json.xml': proxy('Json', '<xslt key="fromJson"/><respond/>'),
  'artifacts/proxy-services/Fast.xml': proxy('Fast', '<fastXSLT key="toOrder"/><respond/>'),
};

let runtime: Runtime;
let events: EventLog;
let base: string;

beforeAll(async () => {
  ({ runtime, events, base } = await httpRuntime(FILES));
});

afterAll(() => runtime.stop());

const post = (path: string, body: string, type = 'text/xml', headers: Record<string, string> = {}) =>
  send(base + path, { body, type, headers: { SOAPAction: 'urn:getQuote', ...headers } });

describe('xslt: the stylesheet and its parameters', () => {
  it("replaces the body's first element with the result, passing literal and expression parameters", async () => {
    // XSLTMediator.performXSLT: default source is the body's first element; applyProperties
    // sets each <property> as a stylesheet parameter (value, or the expression's string).
    // Unprefixed result elements are in the Synapse namespace: the stylesheet inherits the
    // <localEntry>'s default namespace (MI serializes the entry's element with it).
    const r = await post('/services/Params', soap(QUOTE));
    expect(r.status).toBe(200);
    expect(r.body).toBe(
      soap(
        `<order xmlns="${SYN}"><symbol>IBM</symbol><greeting>hello &amp; &lt;bye&gt;</greeting><who>for IBM</who></order>`,
      ),
    );
  });

  it('keeps concurrent messages apart: each gets its own parameters and result', async () => {
    // XSLTMediator.performXSLT: one Transformer per message from the shared, compiled Templates.
    const symbols = Array.from({ length: 40 }, (_, i) => `S${i}`);
    const replies = await Promise.all(
      symbols.map((sym) => post('/services/Params', soap(QUOTE.replace('IBM', sym)))),
    );
    replies.forEach((r, i) => expect(r.body).toContain(`<who>for ${symbols[i]}</who>`));
  });

  it('transforms a POX body and answers with the result as the whole payload', async () => {
    const r = await post('/services/Params', QUOTE, 'application/xml');
    expect(r.headers['content-type']).toMatch(/^application\/xml/);
    expect(r.body).toBe(
      `<order xmlns="${SYN}"><symbol>IBM</symbol><greeting>hello &amp; &lt;bye&gt;</greeting><who>for IBM</who></order>`,
    );
  });

  it('transforms only the node the source XPath selects, which the result replaces', async () => {
    // XSLTMediator.performXSLT: sourceNode.insertSiblingAfter(result); sourceNode.detach().
    const r = await post('/services/Source', soap(QUOTE));
    expect(r.body).toBe(
      soap(
        '<m:getQuote xmlns:m="urn:q"><m:request><m:symbol xmlns:m="urn:out">IBM</m:symbol></m:request></m:getQuote>',
      ),
    );
  });

  it('puts the result in the target property and leaves the message as it was', async () => {
    // XSLTMediator.performXSLT: targetPropertyName set -> synCtx.setProperty(target, result).
    const before = events.logs().length;
    const r = await post('/services/Target', soap(QUOTE));
    expect(r.body).toBe(soap(QUOTE));
    await until(() => events.logs().length > before);
    expect(events.logs()[before]?.properties?.symbol).toBe('IBM');
  });

  it('wraps a text result like a text/plain payload, which messageType text/plain writes as text', async () => {
    // XSLTMediator: output method "text" -> ResultBuilderFactory.Output.TEXT (the text wrapper).
    const before = events.logs().length;
    const r = await post('/services/Text', soap(QUOTE));
    expect(r.body).toBe('symbol=IBM & done');
    await until(() => events.logs().length > before);
    expect(events.logs()[before]?.text).toContain(
      '<text xmlns="http://ws.apache.org/commons/ns/payload">symbol=IBM &amp; done</text>',
    );
  });

  it('resolves xsl:include through <resource location key>', async () => {
    // XSLTMediator.createTemplate: CustomJAXPURIResolver over the mediator's ResourceMap.
    const r = await post('/services/Include', soap(QUOTE));
    expect(r.body).toBe(soap('<wrapped><stamp>from the included sheet</stamp></wrapped>'));
  });

  it('transforms a JSON payload through its XML view', async () => {
    const r = await post('/services/Json', '{"items":[{"price":2},{"price":3.5}]}', 'application/json');
    expect(r.body).toBe('<total>5.5</total>');
  });
});

describe('xslt: dynamic keys and failures', () => {
  it('reads a {…} key per message, and faults when it names no entry', async () => {
    // XSLTMediator.performXSLT: xsltKey.evaluateValue(synCtx), then the cached Templates.
    const ok = await post('/services/Dynamic', soap(QUOTE), 'text/xml', { 'X-Sheet': 'plain' });
    expect(ok.body).toBe(soap('<m:symbol xmlns:m="urn:out">IBM</m:symbol>'));
    const before = events.logs().length;
    await post('/services/Dynamic', soap(QUOTE), 'text/xml', { 'X-Sheet': 'nope' });
    await until(() => events.logs().length > before);
    expect(events.logs()[before]?.properties?.fault).toBe(
      "Unable to perform XSLT transformation using : {$trp:X-Sheet} against source XPath : s11:Body/child::*[position()=1] | s12:Body/child::*[position()=1] reason : Local entry 'nope' does not exist in this project.",
    );
  });

  it('faults when the source XPath selects nothing, and nothing after it runs', async () => {
    // SourceXPathSupport.selectOMNode: a result that is not a node is a SynapseException.
    const before = events.logs().length;
    await post('/services/Fails', soap(QUOTE));
    await until(() => events.logs().length > before);
    const mine = events.logs().slice(before);
    expect(mine.map((e) => Object.keys(e.properties ?? {}))).toEqual([['fault']]);
    expect(mine[0]?.properties?.fault).toBe(
      'Unable to perform XSLT transformation using : toOrder against source XPath : //nowhere reason : The evaluation of the XPath expression //nowhere did not result in an OMNode : null',
    );
  });

  it('skips the transformation of an empty body (no source given)', async () => {
    // XSLTMediator.mediate: "Found empty soap body, skipping XSLT transformation".
    const r = await post('/services/Params', soap(''));
    expect(r.body).toBe(soap(''));
  });
});

describe('xslt: source "/"', () => {
  it('transforms the whole envelope of a bodiless GET and makes the result the envelope', async () => {
    // XSLTMediator.performXSLT: a source XPath is given, so an empty body is not skipped; the
    // result of transforming the envelope replaces it (synCtx.setEnvelope). MI's integration
    // test XSLTonEmptySoapBodyWithSourceXPath expects 'Hello' in the response.
    const r = await send(`${base}/xsltEmptySoapBodyWithSourceXPath`, { headers: { accept: 'text/xml' } });
    expect(r.status).toBe(200);
    expect(r.body).toBe(
      `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><Address xmlns="${SYN}"><FirstName>Hello</FirstName><LastName>World</LastName></Address></soapenv:Body></soapenv:Envelope>`,
    );
  });
});

describe('fastXSLT', () => {
  it("transforms the body's first element with the stylesheet", async () => {
    // FastXSLTMediator on a built message: as XSLTMediator with the default source, no params.
    const r = await post('/services/Fast', soap(QUOTE));
    expect(r.body).toBe(
      soap(`<order xmlns="${SYN}"><symbol>IBM</symbol><greeting>none</greeting><who/></order>`),
    );
  });
});
