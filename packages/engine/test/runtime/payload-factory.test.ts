/**
 * payloadFactory golden tests through a running runtime: real HTTP requests to proxies and an
 * API, and frames from a WebSocket client of an inbound endpoint. Each expectation is derived by
 * hand from MI 4.4's PayloadFactoryMediator, its RegexTemplateProcessor/TemplateProcessor and
 * PayloadFactoryMediatorFactory; the comment on each names the class and method it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { connectWebSocket } from '../../src/runtime/ws/index.js';
import { freePort, httpRuntime, type EventLog } from './harness.js';
import { send, wsInboundXml } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const SYN = 'http://ws.apache.org/ns/synapse';
const JSON_SP = "synapse(contentType='application/json')";
const SOAP = (body: string, header = '') =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">${header}<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const proxy = (name: string, inSequence: string) =>
  `<proxy name="${name}" transports="http" startOnLoad="true" ${NS}><target><inSequence>${inSequence}</inSequence>` +
  `<faultSequence><property name="messageType" value="text/plain" scope="axis2"/><payloadFactory media-type="text"><format>FAULT: $1</format><args><arg expression="get-property('ERROR_MESSAGE')"/></args></payloadFactory><property name="HTTP_SC" value="500" scope="axis2"/><respond/></faultSequence></target></proxy>`;

const PROXIES: Record<string, string> = {
  XmlArgs: `<payloadFactory media-type="xml">
      <format>
        <order>
          <id>$1</id>
          <name attr="$2">$2</name>
          <lit>$3</lit>
          <plain xmlns=""><x>$1</x></plain>
        </order>
      </format>
      <args>
        <arg evaluator="xml" expression="//id"/>
        <arg expression="//name"/>
        <arg value="a&amp;b 'q'"/>
      </args>
    </payloadFactory>
    <respond/>`,
  XmlText: `<payloadFactory media-type="xml">
      <format><![CDATA[<a>$1</a><b>ignored</b>]]></format>
      <args><arg value="v"/></args>
    </payloadFactory>
    <respond/>`,
  XmlPrefixed: `<property name="id" value="42"/>
    <payloadFactory media-type="xml" xmlns:m="urn:m">
      <format><m:order><m:id>$1</m:id></m:order></format>
      <args><arg expression="$ctx:id"/></args>
    </payloadFactory>
    <respond/>`,
  JsonArgs: `<payloadFactory media-type="json">
      <format>{"id": $1, "name": "$2", "items": $3, "ok": $4, "fromXml": $5, "missing": "$6"}</format>
      <args>
        <arg evaluator="json" expression="$.id"/>
        <arg evaluator="json" expression="$.name"/>
        <arg evaluator="json" expression="json-eval($.items)"/>
        <arg evaluator="json" expression="$.ok"/>
        <arg value="&lt;a&gt;&lt;b&gt;1&lt;/b&gt;&lt;c&gt;x&lt;/c&gt;&lt;/a&gt;"/>
        <arg evaluator="json" expression="$.nothing"/>
      </args>
    </payloadFactory>
    <respond/>`,
  JsonLiteral: `<payloadFactory media-type="json">
      <format>{"raw": "$1", "escapedValue": "$2"}</format>
      <args>
        <arg evaluator="json" expression="$.items" literal="true"/>
        <arg value="x &lt; y"/>
      </args>
    </payloadFactory>
    <respond/>`,
  JsonQuote: `<property name="QUOTE_STRING_IN_PAYLOAD_FACTORY_JSON" value="true"/>
    <payloadFactory media-type="json">
      <format>{"s": $1, "n": $2, "b": $3, "nul": $4}</format>
      <args>
        <arg value="text"/>
        <arg value="-1.5e3"/>
        <arg value="false"/>
        <arg value="null"/>
      </args>
    </payloadFactory>
    <respond/>`,
  EscapeXmlChars: `<payloadFactory media-type="json" escapeXmlChars="true">
      <format>{"obj": $1, "s": "$2"}</format>
      <args>
        <arg evaluator="json" expression="$.obj"/>
        <arg evaluator="json" expression="$.s"/>
      </args>
    </payloadFactory>
    <respond/>`,
  JsonFromXml: `<payloadFactory media-type="json">
      <format>{"person": $1, "name": "$2"}</format>
      <args>
        <arg expression="//person"/>
        <arg expression="//person/name"/>
      </args>
    </payloadFactory>
    <respond/>`,
  XmlFromJson: `<payloadFactory media-type="xml">
      <format><wrap xmlns="">$1</wrap></format>
      <args><arg evaluator="json" expression="$.items"/></args>
    </payloadFactory>
    <respond/>`,
  Text: `<payloadFactory media-type="text">
      <format>Hello $1, value $2 &amp; done</format>
      <args>
        <arg evaluator="json" expression="$.name"/>
        <arg value="a&lt;b"/>
      </args>
    </payloadFactory>
    <respond/>`,
  Inline: `<variable name="who" value="Ann &lt;A&gt;"/>
    <payloadFactory media-type="json">
      <format>{"n": \${payload.n}, "s": "\${payload.s}", "o": \${payload.o}, "var": "\${vars.who}", "sum": \${payload.n + 1}}</format>
    </payloadFactory>
    <respond/>`,
  InlineXml: `<payloadFactory media-type="xml">
      <format><r xmlns=""><s>\${payload.s}</s><n>\${payload.n}</n></r></format>
    </payloadFactory>
    <respond/>`,
  FromKey: `<payloadFactory media-type="xml">
      <format key="xmlFormat"/>
      <args><arg value="Bob"/></args>
    </payloadFactory>
    <respond/>`,
  FromTextKey: `<payloadFactory media-type="json">
      <format key="jsonFormat"/>
      <args><arg value="Eve"/></args>
    </payloadFactory>
    <respond/>`,
  DynamicKey: `<payloadFactory media-type="json">
      <format key="{$trp:X-Format}"/>
      <args><arg value="Dyn"/></args>
    </payloadFactory>
    <respond/>`,
  Envelope: `<payloadFactory media-type="xml">
      <format>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
          <soapenv:Header><h xmlns="urn:h">$1</h></soapenv:Header>
          <soapenv:Body><done xmlns="urn:d">$1</done></soapenv:Body>
        </soapenv:Envelope>
      </format>
      <args><arg value="ok"/></args>
    </payloadFactory>
    <respond/>`,
  TooFewArgs: `<payloadFactory media-type="text">
      <format>a=$1 b=$2 c=$1</format>
      <args><arg value="A"/></args>
    </payloadFactory>
    <respond/>`,
  NotJson: `<payloadFactory media-type="json">
      <format>$1</format>
      <args><arg value="plain words"/></args>
    </payloadFactory>
    <respond/>`,
  ContentTypeHeader: `<payloadFactory media-type="json">
      <format>{"a": 1}</format>
    </payloadFactory>
    <log level="custom"><property name="ct" expression="$trp:Content-Type"/></log>
    <payloadFactory media-type="text">
      <format>$1|$2</format>
      <args><arg expression="$trp:Content-Type"/><arg expression="$axis2:messageType"/></args>
    </payloadFactory>
    <respond/>`,
};

const FILES: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(PROXIES).map(([name, body]) => [
      `artifacts/proxy-services/${name}.xml`,
      proxy(name, body),
    ]),
  ),
  'artifacts/local-entries/xmlFormat.xml': `<localEntry key="xmlFormat" ${NS}><greeting>\n  <to>$1</to>\n</greeting></localEntry>`,
  'artifacts/local-entries/jsonFormat.xml': `<localEntry key="jsonFormat" ${NS}><![CDATA[{"hello": "$1"}]]></localEntry>`,
  'artifacts/local-entries/otherFormat.xml': `<localEntry key="otherFormat" ${NS}><![CDATA[{"other": "$1"}]]></localEntry>`,
  'artifacts/apis/SynapseExpressionPayloadAPI.xml': `<api ${NS} name="SynapseExpressionPayloadAPI" context="/synapseExpressionPayload">
    <resource methods="POST" url-mapping="/json-json">
        <inSequence>
            <variable name="id" value="123" type="INTEGER"/>
            <payloadFactory media-type="json">
                <format><![CDATA[{
                    "variable": \${var.id},
                    "username": "\${payload.customer_name}",
                    "escapedVariable": "\${var.id}",
                    "bool": \${payload.path},
                    "escapedBool": "\${payload.path}",
                    "escapedObject": "\${payload.pet}",
                    "object": \${payload.pet}
                    }]]>
                </format>
            </payloadFactory>
            <respond/>
        </inSequence>
    </resource>
    <resource methods="POST GET" uri-template="/payload-json-xml">
        <inSequence>
            <variable name="user_name" value="123&lt;456"/>
            <variable name="special_json_str" value="123\\n456"/>
            <variable name="xml_data" value="&lt;fruit&gt;apple&lt;/fruit&gt;" type="OM"/>
            <payloadFactory media-type="xml">
                <format>
                    <sleepOperation xmlns="">
                        <username>\${var.user_name}</username>
                        <name>\${payload.pet.name}</name>
                        <load>\${var.xml_data}</load>
                        <data>\${payload.pet}</data>
                        <special_json_str>\${var.special_json_str}</special_json_str>
                    </sleepOperation>
                </format>
            </payloadFactory>
            <respond/>
        </inSequence>
    </resource>
    <resource methods="POST GET" uri-template="/payload-xml-xml">
        <inSequence>
            <variable name="load" value="123.34"/>
            <variable name="id" value="123&lt;456"/>
            <variable name="special_json" value="123\\n456"/>
            <payloadFactory media-type="xml">
                <format>
                    <sleepOperation xmlns="">
                        <username>\${xpath('//root/customer_name/text()')}</username>
                        <load>\${var.id}</load>
                        <json>\${var.special_json}</json>
                        <data>\${xpath('//root/pet')}</data>
                    </sleepOperation>
                </format>
            </payloadFactory>
            <respond/>
        </inSequence>
    </resource>
    <resource methods="POST GET" uri-template="/payload-xml-json">
        <inSequence>
            <variable name="id" value="123&lt;456"/>
            <variable name="special_json" value="123\\n456"/>
            <payloadFactory media-type="json">
                <format>{
                    "string": "\${xpath('//root/customer_name/text()')}",
                    "escapedObject": "\${xpath('//root/pet')}",
                    "escapedObject2": "\${xpath('//root/pet2')}",
                    "object": \${xpath('//root/pet')},
                    "xml": "\${var.id}",
                    "json": "\${var.special_json}"
                    }
                </format>
            </payloadFactory>
            <respond/>
        </inSequence>
    </resource>
</api>`,
  'artifacts/apis/deepCheckAPI.xml': `<api ${NS} name="deepCheckAPI" context="/deepCheckAPI">
    <resource methods="POST">
        <inSequence>
            <property name="messageType" value="application/json" scope="axis2" type="STRING"/>
            <property name="inputValue" expression="json-eval($.input.value)" scope="default" type="STRING"/>
            <payloadFactory media-type="json">
                <format>
                    {
                    "output": "$1"
                    }
                </format>
                <args>
                    <arg evaluator="xml" expression="$ctx:inputValue"/>
                </args>
            </payloadFactory>
            <respond/>
        </inSequence>
    </resource>
</api>`,
  'artifacts/apis/LiteralArgumentAPI.xml': `<api ${NS} name="LiteralArgumentAPI" context="/literal">
    <resource methods="POST" url-mapping="/true">
        <inSequence>
            <property name="EXTRACT" expression="json-eval($.extract)" scope="default" type="STRING"/>
            <payloadFactory media-type="json">
                <format>{ "payload": "$1" }</format>
                <args>
                    <arg deepCheck="false" literal="true" evaluator="xml" expression="$ctx:EXTRACT"/>
                </args>
            </payloadFactory>
            <respond/>
        </inSequence>
    </resource>
    <resource methods="POST" url-mapping="/false">
        <inSequence>
            <property name="EXTRACT" expression="json-eval($.extract)" scope="default" type="STRING"/>
            <payloadFactory media-type="json">
                <format>{ "payload": "$1" }</format>
                <args>
                    <arg deepCheck="false" literal="false" evaluator="xml" expression="$ctx:EXTRACT"/>
                </args>
            </payloadFactory>
            <respond/>
        </inSequence>
    </resource>
</api>`,
  'artifacts/apis/Pf.xml': `<api name="Pf" context="/pf" ${NS}>
  <resource methods="GET" uri-template="/greet/{name}">
    <inSequence>
      <payloadFactory media-type="json">
        <format>{"greeting": "Hello $1", "q": "$2"}</format>
        <args>
          <arg expression="$url:name"/>
          <arg expression="$url:lang"/>
        </args>
      </payloadFactory>
      <respond/>
    </inSequence>
  </resource>
</api>`,
};

let runtime: Runtime;
let events: EventLog;
let base: string;
let wsPort: number;

beforeAll(async () => {
  wsPort = await freePort();
  const inbound = wsInboundXml('PfWs', 'pfWs', wsPort);
  const seq = `<sequence name="pfWs" ${NS}>
  <filter xpath="get-property('source.handshake.present') = 'true' or get-property('connection.terminate') = 'true'">
    <then><drop/></then>
  </filter>
  <payloadFactory media-type="json">
    <format>{"echo": $1, "at": "$2"}</format>
    <args>
      <arg evaluator="json" expression="$.msg"/>
      <arg expression="get-property('MESSAGE_FORMAT')"/>
    </args>
  </payloadFactory>
  <respond/>
</sequence>`;
  ({ runtime, base, events } = await httpRuntime({
    ...FILES,
    'artifacts/inbound-endpoints/PfWs.xml': inbound,
    'artifacts/sequences/pfWs.xml': seq,
  }));
});

afterAll(() => runtime.stop());

const post = (name: string, body: string, type: string, headers: Record<string, string> = {}) =>
  send(`${base}/services/${name}`, { body, type, headers });

describe('payloadFactory media-type="xml"', () => {
  it('fills $n from XPath and value args, XML-escaped; unprefixed elements are in the Synapse namespace unless reset; indentation dropped', async () => {
    // PayloadFactoryMediatorFactory.removeIndentations drops whitespace-only text;
    // TemplateProcessor.getArgValues XML-escapes a value arg and a non-XML expression result
    // (escapeXml10: & < > " ' all escaped), and the result is built into OM and written again
    // (so &quot; and &apos; in text come out as " and '); the format's elements carry the
    // config's default namespace (the Synapse one): the format is OM parsed in the configuration.
    const r = await post('XmlArgs', '<req><id>7</id><name>A&lt;B "C"</name></req>', 'application/xml');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.body).toBe(
      `<order xmlns="${SYN}"><id>7</id><name attr="A&lt;B &quot;C&quot;">A&lt;B "C"</name><lit>a&amp;b 'q'</lit><plain xmlns=""><x>7</x></plain></order>`,
    );
  });

  it('a format given as text is parsed as it is, and only its first element is the payload', async () => {
    // PayloadFactoryMediatorFactory (no element in <format>: its text); PayloadFactoryMediator.mediate
    // adds omXML.getFirstElement() of the <pfPadding>-wrapped result to the body.
    const r = await send(`${base}/services/XmlText`, { body: '<x/>', type: 'application/xml' });
    expect(r.body).toBe('<a>v</a>');
  });

  it('keeps prefixes declared on the mediator', async () => {
    // PayloadFactoryMediatorFactory: the format element is cloned with its in-scope namespaces.
    const r = await send(`${base}/services/XmlPrefixed`, { body: '<a/>', type: 'application/xml' });
    expect(r.body).toBe('<m:order xmlns:m="urn:m"><m:id>42</m:id></m:order>');
  });

  it('a SOAP request keeps its envelope and gets the new body, as text/xml', async () => {
    // PayloadFactoryMediator.mediate adds the result to the SOAP body; setContentType leaves
    // an XML messageType (text/xml) as it is.
    const r = await post('XmlArgs', SOAP('<req><id>1</id><name>n</name></req>'), 'text/xml');
    expect(r.headers['content-type']).toBe('text/xml');
    expect(r.body).toBe(
      SOAP(
        `<order xmlns="${SYN}"><id>1</id><name attr="n">n</name><lit>a&amp;b 'q'</lit><plain xmlns=""><x>1</x></plain></order>`,
      ),
    );
  });

  it('a JSON request becomes application/xml', async () => {
    // PayloadFactoryMediator.setContentType: a messageType that is not XML becomes application/xml.
    const r = await post('XmlFromJson', '{"items": {"a": [1, 2], "b": "x&y"}}', 'application/json');
    expect(r.headers['content-type']).toBe('application/xml');
    // TemplateProcessor.prepareReplacementValue: a JSON arg in an XML format is converted
    // (JsonUtil.toXml), arrays as repeated elements.
    expect(r.body).toBe('<wrap><a>1</a><a>2</a><b>x&amp;y</b></wrap>');
  });

  it('a format that is a SOAP envelope replaces the envelope', async () => {
    // PayloadFactoryMediator.checkAndReplaceEnvelope.
    const r = await post('Envelope', SOAP('<old/>'), 'text/xml');
    expect(r.headers['content-type']).toBe('text/xml');
    expect(r.body).toBe(
      SOAP('<done xmlns="urn:d">ok</done>', '<soapenv:Header><h xmlns="urn:h">ok</h></soapenv:Header>'),
    );
  });

  it('${…} inline expressions are XML-escaped', async () => {
    // RegexTemplateProcessor.replace: an unquoted ${…} string is escapeXml10'd in XML.
    const r = await post('InlineXml', '{"s": "a<b", "n": 3}', 'application/json');
    expect(r.body).toBe('<r><s>a&lt;b</s><n>3</n></r>');
  });

  it("format from a local entry (key): its elements are in the entry's namespace, indentation dropped", async () => {
    // PayloadFactoryMediator.transform: the entry's element, cloned, removeIndentations, toString.
    const r = await post('FromKey', '<a/>', 'application/xml');
    expect(r.body).toBe(`<greeting xmlns="${SYN}"><to>Bob</to></greeting>`);
  });
});

describe('payloadFactory media-type="json"', () => {
  it('strings stay as written in the format, numbers, objects and booleans go in raw', async () => {
    // TemplateProcessor.prepareReplacementValue: a JSON-path string is escaped (escapeSpecialChars)
    // but not quoted; a value starting with { or [ goes in as JSON; an XML value arg is converted
    // to JSON (convertXmlArgumentToJson, numbers as numbers); a path with no result gives ''.
    const r = await post(
      'JsonArgs',
      '{"id": 12, "name": "Al \\"x\\"\\n", "items": {"a": [1, 2]}, "ok": true}',
      'application/json',
    );
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body).toBe(
      '{"id": 12, "name": "Al \\"x\\"\\n", "items": {"a":[1,2]}, "ok": true, "fromXml": {"a":{"b":1,"c":"x"}}, "missing": ""}',
    );
    expect(JSON.parse(r.body).name).toBe('Al "x"\n');
  });

  it('literal="true" inserts a JSON value as an escaped string; value args are XML-escaped even in JSON', async () => {
    // TemplateProcessor.inferReplacementType: literal → string; getArgValues escapes value args.
    const r = await post('JsonLiteral', '{"items": {"a": "b"}}', 'application/json');
    expect(r.body).toBe('{"raw": "{\\"a\\":\\"b\\"}", "escapedValue": "x &lt; y"}');
  });

  it('QUOTE_STRING_IN_PAYLOAD_FACTORY_JSON quotes strings but not numbers, booleans or null', async () => {
    // TemplateProcessor.prepareReplacementValue, force_string_quote.
    const r = await post('JsonQuote', '{}', 'application/json');
    expect(r.body).toBe('{"s": "text", "n": -1.5e3, "b": false, "nul": null}');
  });

  it('escapeXmlChars="true" keeps JSON args valid JSON and strings escaped', async () => {
    // TemplateProcessor.prepareReplacementValue: escapeXMLSpecialChars applies to JSON values from
    // a JSON evaluator (their control characters are already escaped as JSON text).
    const r = await post('EscapeXmlChars', '{"obj": {"t": "a\\nb <c>"}, "s": "x\\ty"}', 'application/json');
    expect(JSON.parse(r.body)).toEqual({ obj: { t: 'a\nb <c>' }, s: 'x\ty' });
  });

  it('an XPath arg that selects XML is converted to JSON; one that selects text is a string', async () => {
    // TemplateProcessor.convertXmlArgumentToJson; inferReplacementType (XPath, not XML → string).
    const r = await post(
      'JsonFromXml',
      '<r><person><name>Kim</name><age>30</age></person></r>',
      'application/xml',
    );
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body)).toEqual({ person: { person: { name: 'Kim', age: 30 } }, name: 'Kim' });
  });

  it('${…} inline expressions: quoted strings escaped, numbers and objects raw', async () => {
    // RegexTemplateProcessor.replace: "${…}" and ${…} patterns.
    const r = await post('Inline', '{"n": 5, "s": "say \\"hi\\"", "o": {"k": [true]}}', 'application/json');
    expect(r.body).toBe('{"n": 5, "s": "say \\"hi\\"", "o": {"k":[true]}, "var": "Ann <A>", "sum": 6}');
  });

  it('format from a text local entry, and from a key given by an expression', async () => {
    // PayloadFactoryMediator.transform: a String/OMText entry is the format text; the key is a
    // Value that may be dynamic ({…}).
    expect((await post('FromTextKey', '{}', 'application/json')).body).toBe('{"hello": "Eve"}');
    const a = await post('DynamicKey', '{}', 'application/json', { 'X-Format': 'jsonFormat' });
    const b = await post('DynamicKey', '{}', 'application/json', { 'X-Format': 'otherFormat' });
    expect([a.body, b.body]).toEqual(['{"hello": "Dyn"}', '{"other": "Dyn"}']);
  });

  it('a key that names no entry faults the message', async () => {
    // PayloadFactoryMediator.transform: handleException("Key … not found").
    const r = await post('DynamicKey', '{}', 'application/json', { 'X-Format': 'nope' });
    expect(r.status).toBe(500);
    expect(r.body).toBe('FAULT: Key nope not found');
  });

  it('a result that cannot start a JSON payload faults the message', async () => {
    // JsonUtil.getNewJsonPayload refuses a stream that does not start like JSON.
    const r = await post('NotJson', '{}', 'application/json');
    expect(r.status).toBe(500);
    expect(r.body).toBe('FAULT: Error creating JSON Payload from source plain words');
  });

  it('sets the Content-Type header and messageType', async () => {
    // PayloadFactoryMediator.setContentType and handleSpecialProperties.
    const r = await post('ContentTypeHeader', '<a/>', 'application/xml');
    expect(r.body).toBe('application/json|application/json');
    expect(r.headers['content-type']).toBe('text/plain');
  });

  it('in an API, from URI-template and query parameters', async () => {
    const r = await send(`${base}/pf/greet/Zoe?lang=en`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ greeting: 'Hello Zoe', q: 'en' });
  });
});

describe('payloadFactory media-type="text"', () => {
  it('writes text/plain; value args are XML-escaped, expression args are not', async () => {
    // PayloadFactoryMediator.mediate (TEXT_TYPE → text element) and getArgValues.
    const r = await post('Text', '{"name": "O<Neil"}', 'application/json');
    expect(r.headers['content-type']).toBe('text/plain');
    expect(r.body).toBe('Hello O<Neil, value a&lt;b & done');
  });

  it('a $n with no arg stops the substitution there', async () => {
    // RegexTemplateProcessor.replace: ArrayIndexOutOfBoundsException is caught and the rest of
    // the format is appended as it is.
    const r = await post('TooFewArgs', '{}', 'application/json');
    expect(r.body).toBe('a=A b=$2 c=$1');
    const e = await events.waitFor((x) => x.category === 'RegexTemplateProcessor');
    expect(e).toMatchObject({ level: 'ERROR', text: expect.stringContaining('Mis-match detected') });
  });
});

describe('payloadFactory on a WebSocket frame', () => {
  it('answers the client with the JSON built from its frame', async () => {
    // The same PayloadFactoryMediator path on a frame of a synapse(contentType=…) client.
    const { ws } = await connectWebSocket(`ws://127.0.0.1:${wsPort}/chat`, { subprotocol: JSON_SP });
    ws.on('error', () => undefined);
    const reply = new Promise<string>((resolve) => ws.once('message', (d: Buffer) => resolve(d.toString())));
    ws.send('{"msg": {"text": "hi"}}');
    // MESSAGE_FORMAT (GetPropertyFunction): a WebSocket frame is never doingREST and is built
    // into a SOAP 1.1 envelope (InboundWebsocketSourceHandler), so soap11.
    expect(JSON.parse(await reply)).toEqual({ echo: { text: 'hi' }, at: 'soap11' });
    ws.close(1000);
  });
});

describe("MI's PayloadFactorySynapseExpressionTestCase (${…} formats), replayed", () => {
  // The API and the requests of MI 4.4's integration test (synapse_expressions_payload_factory.xml);
  // the expected payloads are that test's, compared as it compares them (parsed JSON, XML).
  const api = `/synapseExpressionPayload`;

  it('json to json', async () => {
    // RegexTemplateProcessor.replace: "${…}" and ${…} with Gson primitives, objects and Java values.
    const r = await send(`${base}${api}/json-json`, {
      body: '{\n    "customer_name": "[]John&\\nDoe]",\n    "pet": {\n        "type":"cat\\n\\rdog",\n        "name":"john"\n    },\n    "path": true\n}',
      type: 'application/json',
    });
    expect(JSON.parse(r.body)).toEqual({
      variable: 123,
      username: '[]John&\nDoe]',
      escapedVariable: '123',
      bool: true,
      escapedBool: 'true',
      escapedObject: '{"type":"cat\\n\\rdog","name":"john"}',
      object: { type: 'cat\n\rdog', name: 'john' },
    });
  });

  it('json to xml', async () => {
    // prepareJSONPrimitiveReplacementValue (a payload string is JSON-escaped, then XML-escaped);
    // convertJsonToXML's escapeSpecialCharactersOfXml; an OM variable goes in as XML.
    const r = await send(`${base}${api}/payload-json-xml`, {
      body: '{\n    "customer_name": "John<Doe",\n    "pet": {\n        "type":"cat&",\n        "name":"abc\\\\ndef"\n    },\n    "path": true\n}',
      type: 'application/json',
    });
    expect(r.body).toBe(
      '<sleepOperation><username>123&lt;456</username><name>abc\\\\ndef</name>' +
        '<load><fruit>apple</fruit></load><data><type>cat&amp;</type><name>abc\\\\ndef</name></data>' +
        '<special_json_str>123\\n456</special_json_str></sleepOperation>',
    );
  });

  it('xml to xml', async () => {
    // ${xpath(…)} gives SynapseXPath.stringValueOf: text, or a lone element's XML.
    const r = await send(`${base}${api}/payload-xml-xml`, {
      body: '<root>\n    <customer_name>John&lt;</customer_name>\n    <pet>\n        <type>cat</type>\n        <name>abc\\nxyz</name>\n    </pet>\n    <path>true</path>\n</root>',
      type: 'application/xml',
    });
    expect(r.body).toBe(
      '<sleepOperation><username>John&lt;</username><load>123&lt;456</load><json>123\\n456</json><data><pet>\n' +
        '        <type>cat</type>\n        <name>abc\\nxyz</name>\n    </pet></data></sleepOperation>',
    );
  });

  it('xml to json', async () => {
    // convertXMLToJSON and escapeSpecialCharactersOfJson, then appendReplacement (which loses a
    // backslash of an escaped one, as MI's expected payload shows).
    const r = await send(`${base}${api}/payload-xml-json`, {
      body: '<root>\n    <customer_name>John&lt;</customer_name>\n    <pet><type>cat</type><name>emily\\\\ntini</name></pet>\n    <pet2>\n        <type>dog&lt;</type>\n        <name>John\\\\nWayne</name>\n    </pet2>\n    <path>true</path>\n</root>',
      type: 'application/xml',
    });
    expect(JSON.parse(r.body)).toEqual({
      string: 'John<',
      escapedObject: '<pet><type>cat</type><name>emily\\\\ntini</name></pet>',
      escapedObject2:
        '<pet2>\n        <type>dog&lt;</type>\n        <name>John\\\\nWayne</name>\n    </pet2>',
      object: { pet: { type: 'cat', name: 'emily\\ntini' } },
      xml: '123<456',
      json: '123\n456',
    });
  });
});

describe("MI's PayloadFactoryLiteralArgumentTestCase, replayed", () => {
  // literal_argument_payload_factory.xml: the same XML string with literal true and false.
  it('literal="true" keeps an XML value as a string; literal="false" converts it to JSON', async () => {
    // TemplateProcessor.inferReplacementType (literal → string) and convertXmlArgumentToJson.
    const body = '{"extract": "<hello/>"}';
    const yes = await send(`${base}/literal/true`, { body, type: 'application/json' });
    const no = await send(`${base}/literal/false`, { body, type: 'application/json' });
    expect(yes.body).toBe('{ "payload": "<hello/>" }');
    expect(no.body).toBe('{ "payload": "{"hello":null}" }');
  });
});

describe("MI's payloadFactory patch tests, replayed", () => {
  // deepCheckAPI.xml / trailingSpaceAPI.xml of MI 4.4's tests-patches (ESBJAVA3573, ESBJAVA5030).
  it('an arg that starts like an HTML tag but is not XML is a JSON-escaped string', async () => {
    // ESBJAVA3573PayloadFormatWithBeginHtmlTagArgument: TemplateProcessor.isXML is false, the
    // value is escaped by escapeSpecialChars.
    const r = await send(`${base}/deepCheckAPI`, {
      body: '{\n  "input": { "value": "<ta>&$@%*\\"\\" \'>" }\n}',
      type: 'application/json',
    });
    expect(r.body).toContain('"output": "<ta>&$@%*\\"\\" \'>"');
  });

  it('an XML arg with a trailing space is converted to JSON', async () => {
    // ESBJAVA5030PayloadFormatArgumentWithTrailingSpaceTestCase: isXML trims first;
    // convertXmlArgumentToJson.
    const r = await send(`${base}/deepCheckAPI`, {
      body: '{\n  "input": { "value": "<abc>sample</abc> " }\n}',
      type: 'application/json',
    });
    expect(r.body).toContain('output": "{"abc":"sample"}');
  });
});
