/**
 * The validate mediator through a running runtime and real HTTP clients: XSD (one, several,
 * with an import resolved by <resource>), JSON Schema (whole payload, a json-eval source,
 * json-source="true"), an XPath source, `{…}` schema keys, the error properties on-fail sees,
 * and the flow going on after on-fail unless it ends it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { httpRuntime, until, type EventLog } from './harness.js';
import { send, type Reply } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';

const entry = (key: string, inner: string) => `<localEntry key="${key}" ${NS}>${inner}</localEntry>`;
const proxy = (name: string, inSeq: string) =>
  `<proxy name="${name}" transports="http" startOnLoad="true" ${NS}><target><inSequence>${inSeq}</inSequence></target></proxy>`;
const soap = (body: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/** on-fail: log the error properties, answer 400 and end the flow. */
const REJECT = `<on-fail><log level="custom"><property name="failed" expression="get-property('ERROR_MESSAGE')"/><property name="detail" expression="get-property('ERROR_DETAIL')"/></log><property name="HTTP_SC" value="400" scope="axis2"/><respond/></on-fail>`;
const PASS = `<log level="custom"><property name="passed" value="yes"/></log><respond/>`;

const ORDER_XSD = `<xs:schema ${XS} targetNamespace="urn:m" xmlns="urn:m" elementFormDefault="qualified">
  <xs:element name="order"><xs:complexType><xs:sequence>
    <xs:element name="symbol"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="[A-Z]+"/></xs:restriction></xs:simpleType></xs:element>
    <xs:element name="qty" type="xs:int"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`;
const CANCEL_XSD = `<xs:schema ${XS} targetNamespace="urn:c" elementFormDefault="qualified"><xs:element name="cancel" type="xs:string"/></xs:schema>`;
const TYPES_XSD = `<xs:schema ${XS} targetNamespace="urn:t"><xs:simpleType name="code"><xs:restriction base="xs:string"><xs:length value="3"/></xs:restriction></xs:simpleType></xs:schema>`;
const USES_TYPES_XSD = `<xs:schema ${XS} xmlns:t="urn:t" targetNamespace="urn:u" elementFormDefault="qualified"><xs:import namespace="urn:t" schemaLocation="types.xsd"/><xs:element name="currency" type="t:code"/></xs:schema>`;
const ORDER_JSON = JSON.stringify({
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  required: ['symbol', 'qty'],
  properties: { symbol: { type: 'string', pattern: '^[A-Z]+$' }, qty: { type: 'integer' } },
});

const FILES: Record<string, string> = {
  'artifacts/local-entries/orderXsd.xml': entry('orderXsd', ORDER_XSD),
  'artifacts/local-entries/cancelXsd.xml': entry('cancelXsd', CANCEL_XSD),
  'artifacts/local-entries/typesXsd.xml': entry('typesXsd', TYPES_XSD),
  'artifacts/local-entries/usesTypesXsd.xml': entry('usesTypesXsd', USES_TYPES_XSD),
  'artifacts/local-entries/orderJson.xml': entry('orderJson', ORDER_JSON),
  // MI's own test artifacts (ValidateJSONSchemaTestCase): the schema in CDATA, then <description/>.
  'artifacts/local-entries/validateJsonSchema.xml': `<localEntry ${NS} key="validateJsonSchema"><![CDATA[{
  "$schema": "http://json-schema.org/draft-04/schema#",
  "type": "object",
  "properties": { "getQuote": { "type": "object", "properties": { "request": { "type": "object",
    "properties": { "symbol": { "type": "string" } }, "required": ["symbol"] } }, "required": ["request"] } },
  "required": ["getQuote"]
}]]><description/>
</localEntry>`,
  'artifacts/proxy-services/validateMediatorJsonTestProxy.xml': proxy(
    'validateMediatorJsonTestProxy',
    `<validate source="json-eval($.msg)"><schema key="validateJsonSchema"/>${REJECT}</validate>${PASS}`,
  ),
  'artifacts/local-entries/draft7Json.xml': entry(
    'draft7Json',
    JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      properties: { kind: { const: 'order' } },
    }),
  ),
  'artifacts/local-entries/draft2020Json.xml': entry(
    'draft2020Json',
    JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      dependentRequired: { qty: ['symbol'] },
    }),
  ),
  'artifacts/proxy-services/Draft7.xml': proxy(
    'Draft7',
    `<validate><schema key="draft7Json"/>${REJECT}</validate>${PASS}`,
  ),
  'artifacts/proxy-services/Draft2020.xml': proxy(
    'Draft2020',
    `<validate><schema key="draft2020Json"/>${REJECT}</validate>${PASS}`,
  ),
  'artifacts/proxy-services/Xml.xml': proxy(
    'Xml',
    `<validate cache-schema="false"><schema key="orderXsd"/><feature name="http://javax.xml.XMLConstants/feature/secure-processing" value="true"/>${REJECT}</validate>${PASS}`,
  ),
  'artifacts/proxy-services/Two.xml': proxy(
    'Two',
    `<validate><schema key="orderXsd"/><schema key="cancelXsd"/>${REJECT}</validate>${PASS}`,
  ),
  'artifacts/proxy-services/Imports.xml': proxy(
    'Imports',
    `<validate><schema key="usesTypesXsd"/><resource location="types.xsd" key="typesXsd"/>${REJECT}</validate>${PASS}`,
  ),
  'artifacts/proxy-services/Source.xml': proxy(
    'Source',
    `<validate source="//m:order" xmlns:m="urn:m"><schema key="orderXsd"/>${REJECT}</validate>${PASS}`,
  ),
  'artifacts/proxy-services/Dynamic.xml': proxy(
    'Dynamic',
    `<validate><schema key="{$trp:X-Schema}"/>${REJECT}</validate>${PASS}`,
  ),
  'artifacts/proxy-services/GoesOn.xml': proxy(
    'GoesOn',
    `<validate><schema key="orderXsd"/><on-fail><log level="custom"><property name="onFail" value="ran"/></log></on-fail></validate><log level="custom"><property name="after" value="ran"/></log><respond/>`,
  ),
  'artifacts/proxy-services/Json.xml': proxy(
    'Json',
    `<validate><schema key="orderJson"/>${REJECT}</validate>${PASS}`,
  ),
  'artifacts/proxy-services/JsonPart.xml': proxy(
    'JsonPart',
    `<validate source="json-eval($.order)"><schema key="orderJson"/>${REJECT}</validate>${PASS}`,
  ),
  'artifacts/proxy-services/JsonSource.xml': proxy(
    'JsonSource',
    `<validate json-source="true"><schema key="orderJson"/>${REJECT}</validate>${PASS}`,
  ),
};

let runtime: Runtime;
let events: EventLog;
let base: string;

beforeAll(async () => {
  ({ runtime, events, base } = await httpRuntime(FILES));
});

afterAll(() => runtime.stop());

/** Posts and returns the reply with the properties of the log lines it caused. */
async function call(
  path: string,
  body: string,
  type = 'text/xml',
  headers: Record<string, string> = {},
): Promise<Reply & { logged: Record<string, string> }> {
  const before = events.logs().length;
  const r = await send(base + path, { body, type, headers });
  await until(() => events.logs().length > before);
  const logged: Record<string, string> = {};
  for (const e of events.logs().slice(before)) Object.assign(logged, e.properties ?? {});
  return { ...r, logged };
}

const ORDER = (symbol: string, qty: string) =>
  `<order xmlns="urn:m"><symbol>${symbol}</symbol><qty>${qty}</qty></order>`;

describe('validate: XSD', () => {
  it('lets a valid message through and runs what follows', async () => {
    const r = await call('/services/Xml', soap(ORDER('IBM', '3')));
    expect(r.status).toBe(200);
    expect(r.logged).toEqual({ passed: 'yes' });
  });

  it('runs on-fail with every error in ERROR_MESSAGE, each ending in a newline', async () => {
    // ValidateMediator.mediate: ERROR_MESSAGE = errorHandler.getAllExceptions() (message + "\n"
    // per error), ERROR_DETAIL from the last error; then invokeOnFailSequence.
    const r = await call('/services/Xml', soap(ORDER('ibm', 'x')));
    expect(r.status).toBe(400);
    expect(r.body).toBe(soap(ORDER('ibm', 'x')));
    expect(r.logged.failed).toBe(
      "Element '{urn:m}symbol': [facet 'pattern'] The value 'ibm' is not accepted by the pattern '[A-Z]+'.\n" +
        "Element '{urn:m}qty': 'x' is not a valid value of the atomic type 'xs:int'.\n",
    );
    expect(r.logged.detail).toBe(
      "Element '{urn:m}qty': 'x' is not a valid value of the atomic type 'xs:int'.",
    );
    expect(r.logged.passed).toBeUndefined();
  });

  it('validates a POX body too', async () => {
    expect((await call('/services/Xml', ORDER('IBM', '3'), 'application/xml')).logged).toEqual({
      passed: 'yes',
    });
    expect((await call('/services/Xml', '<other/>', 'application/xml')).logged.failed).toBe(
      "Element 'other': No matching global declaration available for the validation root.\n",
    );
  });

  it('accepts a message valid against any of several schemas', async () => {
    // ValidateMediator: factory.newSchema(sources) over every <schema key>.
    expect((await call('/services/Two', soap(ORDER('IBM', '1')))).logged).toEqual({ passed: 'yes' });
    expect((await call('/services/Two', soap('<cancel xmlns="urn:c">IBM</cancel>'))).logged).toEqual({
      passed: 'yes',
    });
    expect((await call('/services/Two', soap('<cancel xmlns="urn:x"/>'))).status).toBe(400);
  });

  it("resolves a schema's import through <resource location key>", async () => {
    // ValidateMediator: SchemaResourceResolver over the mediator's ResourceMap.
    expect((await call('/services/Imports', soap('<currency xmlns="urn:u">EUR</currency>'))).logged).toEqual({
      passed: 'yes',
    });
    expect((await call('/services/Imports', soap('<currency xmlns="urn:u">EURO</currency>'))).status).toBe(
      400,
    );
  });

  it('validates the node the source XPath selects, and fails when it selects none', async () => {
    // ValidateMediator.getValidationSource; a source not in the message goes to on-fail with
    // "Error occurred while accessing source element: <source>".
    const wrapped = (o: string) => soap(`<wrap xmlns="urn:w">${o}</wrap>`);
    expect((await call('/services/Source', wrapped(ORDER('IBM', '2')))).logged).toEqual({ passed: 'yes' });
    expect((await call('/services/Source', wrapped(ORDER('IBM', 'two')))).status).toBe(400);
    const missing = await call('/services/Source', wrapped('<none/>'));
    expect(missing.status).toBe(400);
    expect(missing.logged.failed).toBe('Error occurred while accessing source element: //m:order');
  });

  it('reads a {…} schema key per message', async () => {
    const ok = await call('/services/Dynamic', soap('<cancel xmlns="urn:c">x</cancel>'), 'text/xml', {
      'X-Schema': 'cancelXsd',
    });
    expect(ok.logged).toEqual({ passed: 'yes' });
    const no = await call('/services/Dynamic', soap('<cancel xmlns="urn:c">x</cancel>'), 'text/xml', {
      'X-Schema': 'orderXsd',
    });
    expect(no.status).toBe(400);
  });

  it('goes on after the validate mediator when on-fail does not end the flow', async () => {
    // ValidateMediator.invokeOnFailSequence returns the on-fail list's result (true: go on).
    const r = await call('/services/GoesOn', soap('<bad/>'));
    await until(() => events.logs().some((e) => e.properties?.after === 'ran'));
    expect(r.status).toBe(200);
    const last = events
      .logs()
      .slice(-2)
      .map((e) => e.properties);
    expect(last).toEqual([{ onFail: 'ran' }, { after: 'ran' }]);
  });
});

describe('validate: JSON Schema', () => {
  it('checks a JSON payload against the JSON Schema entry', async () => {
    // ValidateMediator.mediate: JsonUtil.hasAJsonPayload -> the JSON Schema branch.
    expect((await call('/services/Json', '{"symbol":"IBM","qty":3}', 'application/json')).logged).toEqual({
      passed: 'yes',
    });
    const bad = await call('/services/Json', '{"symbol":"IBM","qty":"three"}', 'application/json');
    expect(bad.status).toBe(400);
    expect(bad.body).toBe('{"symbol":"IBM","qty":"three"}');
    // ERROR_MESSAGE: the first error; ERROR_DETAIL: "Error while validating Json message " + all.
    expect(bad.logged.failed).toBe('/qty must be integer');
    expect(bad.logged.detail).toBe(
      'Error while validating Json message /qty must be integer (#/properties/qty/type)',
    );
  });

  it("runs MI's JSON Schema test proxy: a schema entry with a <description>, a json-eval source", async () => {
    // ValidateJSONSchemaTestCase: valid msg passes; a wrong key, a missing msg ("" -> "{}") and
    // an empty object fail. EntryFactory: <description> is not the entry's value.
    const path = '/services/validateMediatorJsonTestProxy';
    const valid = await call(path, '{"msg":{"getQuote":{"request":{"symbol":"WSO2"}}}}', 'application/json');
    expect(valid.status).toBe(200);
    expect(valid.body).toContain('getQuote');
    for (const bad of [
      '{"msg":{"getQuote":{"request":{"symbol1":"WSO2"}}}}',
      '{"body":{"getQuote":{}}}',
      '{}',
    ])
      expect((await call(path, bad, 'application/json')).status).toBe(400);
  });

  it('reads a schema by the draft its $schema names (draft 7, 2020-12)', async () => {
    const json = 'application/json';
    expect((await call('/services/Draft7', '{"kind":"order"}', json)).logged).toEqual({ passed: 'yes' });
    expect((await call('/services/Draft7', '{"kind":"other"}', json)).logged.failed).toBe(
      '/kind must be equal to constant',
    );
    expect((await call('/services/Draft2020', '{"qty":1,"symbol":"A"}', json)).logged).toEqual({
      passed: 'yes',
    });
    expect((await call('/services/Draft2020', '{"qty":1}', json)).logged.failed).toBe(
      '/ must have property symbol when property qty is present',
    );
  });

  it('treats an empty JSON payload as {}', async () => {
    // ValidateMediator: an empty payload is validated as "{}".
    const r = await call('/services/Json', '', 'application/json');
    expect(r.logged.failed).toBe("/ must have required property 'symbol'");
  });

  it('checks the part a json-eval source selects', async () => {
    // ValidateMediator: sourcePath is a SynapseJsonPath -> jsonPayload = sourcePath.stringValueOf.
    expect(
      (await call('/services/JsonPart', '{"order":{"symbol":"IBM","qty":1},"meta":1}', 'application/json'))
        .logged,
    ).toEqual({ passed: 'yes' });
    expect(
      (await call('/services/JsonPart', '{"order":{"symbol":"ibm","qty":1}}', 'application/json')).logged
        .failed,
    ).toBe('/symbol must match pattern "^[A-Z]+$"');
  });

  it('validates as JSON with json-source="true" whatever the content type', async () => {
    // ValidateMediatorFactory: json-source -> setIsJSONSource(true).
    expect((await call('/services/JsonSource', '{"symbol":"IBM","qty":1}', 'text/plain')).logged).toEqual({
      passed: 'yes',
    });
    expect((await call('/services/JsonSource', '{"symbol":"IBM"}', 'text/plain')).logged.failed).toBe(
      "/ must have required property 'qty'",
    );
  });
});
