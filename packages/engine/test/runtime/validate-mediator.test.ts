/**
 * The validate mediator with XSD through a running runtime and real HTTP clients: one schema,
 * several, an import resolved by <resource>, an XPath source, `{…}` schema keys, the error
 * properties on-fail sees, and the flow going on after on-fail unless it ends it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { until, type EventLog } from './harness.js';
import { entry, PASS, proxy, REJECT, soap, validatingRuntime, type Call } from './validate-helpers.js';

const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';

const ORDER_XSD = `<xs:schema ${XS} targetNamespace="urn:m" xmlns="urn:m" elementFormDefault="qualified">
  <xs:element name="order"><xs:complexType><xs:sequence>
    <xs:element name="symbol"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="[A-Z]+"/></xs:restriction></xs:simpleType></xs:element>
    <xs:element name="qty" type="xs:int"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`;
const CANCEL_XSD = `<xs:schema ${XS} targetNamespace="urn:c" elementFormDefault="qualified"><xs:element name="cancel" type="xs:string"/></xs:schema>`;
const TYPES_XSD = `<xs:schema ${XS} targetNamespace="urn:t"><xs:simpleType name="code"><xs:restriction base="xs:string"><xs:length value="3"/></xs:restriction></xs:simpleType></xs:schema>`;
const USES_TYPES_XSD = `<xs:schema ${XS} xmlns:t="urn:t" targetNamespace="urn:u" elementFormDefault="qualified"><xs:import namespace="urn:t" schemaLocation="types.xsd"/><xs:element name="currency" type="t:code"/></xs:schema>`;
const FILES: Record<string, string> = {
  'artifacts/local-entries/orderXsd.xml': entry('orderXsd', ORDER_XSD),
  'artifacts/local-entries/cancelXsd.xml': entry('cancelXsd', CANCEL_XSD),
  'artifacts/local-entries/typesXsd.xml': entry('typesXsd', TYPES_XSD),
  'artifacts/local-entries/usesTypesXsd.xml': entry('usesTypesXsd', USES_TYPES_XSD),
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
};

let runtime: Runtime;
let events: EventLog;
let call: Call;

beforeAll(async () => {
  ({ runtime, events, call } = await validatingRuntime(FILES));
});

afterAll(() => runtime.stop());

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
