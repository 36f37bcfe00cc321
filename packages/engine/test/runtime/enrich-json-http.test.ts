/**
 * enrich on JSON messages through a running runtime, with real HTTP clients: JSONPath sources
 * and targets, the body, properties, variables and inline JSON, with replace, child, key
 * renames and remove, as EnrichMediator does with native JSON support (and the XML path it
 * falls back to for inline XML). Each case cites the MI class and method it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { httpRuntime, type EventLog } from './harness.js';
import { apiXml, send } from './http-helpers.js';

const SYN = 'http://ws.apache.org/ns/synapse';
const PATIENT = {
  name: 'John',
  email: 'john@x.org',
  phone: [111, 222],
  doctor: { name: 'Dr. Who', id: 'D1' },
  hospital: 'General',
};

const resource = (path: string, body: string) =>
  `<resource methods="POST" uri-template="${path}"><inSequence>${body}<respond/></inSequence></resource>`;
const e = (source: string, target: string) => `<enrich>${source}${target}</enrich>`;

const RESOURCES = [
  // MI's own TestEnrichMediator1 (outSequence part): the body into a JSONPath.
  resource(
    '/body-to-path',
    e('<source type="body" clone="true"/>', '<target xpath="json-eval($.hospital)"/>'),
  ),
  resource(
    '/child-root',
    e(
      '<source type="inline" clone="true">{"appointment_id" : "1"}</source>',
      '<target action="child" xpath="json-eval($)"/>',
    ),
  ),
  resource(
    '/child-paths',
    e(
      '<source type="inline">{"countryCode" : 94}</source>',
      '<target action="child" xpath="json-eval($.phone)"/>',
    ) +
      e(
        '<source type="inline">{"active" : true}</source>',
        '<target action="child" xpath="json-eval($.doctor)"/>',
      ),
  ),
  resource(
    '/sibling',
    e('<source type="inline">{"countryCode" : 94}</source>', '<target type="property" property="code"/>') +
      e(
        '<source type="property" property="code"/>',
        '<target action="sibling" xpath="json-eval($.doctor)"/>',
      ),
  ),
  resource(
    '/property-round-trip',
    e('<source xpath="json-eval($.email)"/>', '<target type="property" property="mail"/>') +
      e(
        '<source type="inline">{"person" : {"name": "Alice", "email" : null}}</source>',
        '<target type="body"/>',
      ) +
      e('<source type="property" property="mail"/>', '<target xpath="json-eval($.person.email)"/>'),
  ),
  resource(
    '/inline-properties',
    e('<source type="inline">alice@integrator.net</source>', '<target type="property" property="mail"/>') +
      e('<source type="inline">[1, 2, null]</source>', '<target type="property" property="list"/>') +
      e(
        '<source type="inline">{"n": 3}</source>',
        '<target type="property" property="list" action="child"/>',
      ) +
      e('<source type="property" property="mail"/>', '<target xpath="json-eval($.email)"/>') +
      e('<source type="property" property="list"/>', '<target xpath="json-eval($.phone)"/>'),
  ),
  resource(
    '/move',
    e('<source xpath="json-eval($.doctor)" clone="false"/>', '<target type="property" property="doc"/>') +
      e('<source type="property" property="doc"/>', '<target xpath="json-eval($.hospital)"/>'),
  ),
  resource(
    '/rename',
    e('<source type="inline">physician</source>', '<target type="key" xpath="json-eval($.doctor)"/>') +
      e(
        '<source type="inline">fullName</source>',
        '<target type="key" xpath="json-eval($.physician.name)"/>',
      ),
  ),
  resource(
    '/remove',
    e('<source xpath="json-eval($.phone,$.doctor.id)"/>', '<target type="body" action="remove"/>'),
  ),
  resource(
    '/remove-property',
    e('<source type="body"/>', '<target type="property" property="copy"/>') +
      e(
        '<source xpath="json-eval($.doctor)"/>',
        '<target type="property" property="copy" action="remove"/>',
      ) +
      e('<source type="property" property="copy"/>', '<target type="body"/>'),
  ),
  resource(
    '/variable',
    e('<source xpath="json-eval($.doctor)"/>', '<target type="variable" property="doc"/>') +
      e('<source type="variable" property="doc"/>', '<target xpath="json-eval($.hospital)"/>'),
  ),
  // MI's EnrichDoubleQuoteAPI and EnrichInvalidJSONProxy: {…} expressions in inline JSON.
  resource(
    '/inline-expressions',
    `<property name="value" value="Value with space"/><property name="n" expression="json-eval($.phone[0])"/>` +
      e(
        '<source type="inline">{"value": "{$ctx:value}", "bare": {$ctx:value}, "n": {$ctx:n}, "doctor": {json-eval($.doctor)}}</source>',
        '<target action="child" xpath="json-eval($)"/>',
      ),
  ),
  resource(
    '/inline-xml-expression',
    e('<source type="inline"><note>{json-eval($.name)}</note></source>', '<target type="body"/>'),
  ),
  resource('/body-primitive', e('<source xpath="json-eval($.name)"/>', '<target type="body"/>')),
  resource('/inline-xml', e('<source type="inline"><note>hi</note></source>', '<target type="body"/>')),
  resource('/missing', e('<source xpath="json-eval($.nothing)"/>', '<target type="body"/>')).replace(
    '</inSequence>',
    `</inSequence><faultSequence><property name="HTTP_SC" value="500" scope="axis2"/><property name="messageType" value="text/plain" scope="axis2"/><respond/></faultSequence>`,
  ),
].join('\n');

let runtime: Runtime;
let base: string;
let events: EventLog;

beforeAll(async () => {
  ({ runtime, base, events } = await httpRuntime({
    'artifacts/apis/Enrich.xml': apiXml('Enrich', '/enrich', RESOURCES),
  }));
});
afterAll(() => runtime.stop());

const post = async (path: string, body: unknown = PATIENT) => {
  const r = await send(`${base}/enrich${path}`, { body: JSON.stringify(body), type: 'application/json' });
  return {
    ...r,
    json:
      r.headers['content-type'] === 'application/json' && r.body
        ? (JSON.parse(r.body) as unknown)
        : undefined,
  };
};

describe('JSONPath targets (Target.insertJson, setEnrichResultToBody)', () => {
  it('replaces a JSONPath with the body (MI TestEnrichMediator1)', async () => {
    const r = await post('/body-to-path');
    expect(r.json).toEqual({ ...PATIENT, hospital: PATIENT });
  });

  it('child merges an object into the root object (EnrichAddChildUsingJsonPath)', async () => {
    expect((await post('/child-root')).json).toEqual({ ...PATIENT, appointment_id: '1' });
  });

  it('child appends to an array and merges into an object (getNewJSONString)', async () => {
    expect((await post('/child-paths')).json).toEqual({
      ...PATIENT,
      phone: [111, 222, { countryCode: 94 }],
      doctor: { ...PATIENT.doctor, active: true },
    });
  });

  it('sibling on a JSONPath changes nothing (MI logs it is not supported)', async () => {
    const r = await post('/sibling');
    expect(r.json).toEqual(PATIENT);
    expect(
      events.all.some((x) => x.text === 'Action sibling is not supported. Please use child action instead'),
    ).toBe(true);
  });
});

describe('properties, variables and inline JSON (Source.evaluateJson)', () => {
  it('a JSONPath value kept in a property goes back into a new body (enrichPropertyReplaceBodyandEnrichPropertyBack)', async () => {
    expect((await post('/property-round-trip')).json).toEqual({
      person: { name: 'Alice', email: 'john@x.org' },
    });
  });

  it('inline text, arrays and objects into properties, a child added to a property array, then into the body', async () => {
    expect((await post('/inline-properties')).json).toEqual({
      ...PATIENT,
      email: 'alice@integrator.net',
      phone: [1, 2, null, { n: 3 }],
    });
  });

  it('clone="false" takes the source out of the payload', async () => {
    const { doctor, ...rest } = PATIENT;
    expect((await post('/move')).json).toEqual({ ...rest, hospital: doctor });
  });

  it('replaces {…} expressions in inline JSON, quoting a value that is neither JSON nor XML unless it is quoted already (InlineExpressionUtil)', async () => {
    expect((await post('/inline-expressions')).json).toEqual({
      ...PATIENT,
      value: 'Value with space',
      bare: 'Value with space',
      n: 111,
      doctor: PATIENT.doctor,
    });
  });

  it('an inline element with an expression becomes XML (EnrichMediator.mediate: isInlineTextXML)', async () => {
    const r = await post('/inline-xml-expression');
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.body).toBe(`<note xmlns="${SYN}">"John"</note>`);
  });

  it('a variable target and source (a Mediate extension)', async () => {
    expect((await post('/variable')).json).toEqual({ ...PATIENT, hospital: PATIENT.doctor });
  });
});

describe('key, remove and failures', () => {
  it('type="key" renames a key (Target.renameKey; the key moves last, as Jayway puts it)', async () => {
    const r = await post('/rename');
    expect(r.json).toEqual({
      name: 'John',
      email: 'john@x.org',
      phone: [111, 222],
      hospital: 'General',
      physician: { id: 'D1', fullName: 'Dr. Who' },
    });
    expect(Object.keys(r.json as object)).toEqual(['name', 'email', 'phone', 'hospital', 'physician']);
  });

  it('action="remove" deletes every listed path from the body, or from a property', async () => {
    expect((await post('/remove')).json).toEqual({
      name: 'John',
      email: 'john@x.org',
      doctor: { name: 'Dr. Who' },
      hospital: 'General',
    });
    const { doctor: _d, ...rest } = PATIENT;
    void _d;
    expect((await post('/remove-property')).json).toEqual(rest);
  });

  it('a primitive cannot become the body: the payload is kept (insertJson logs it)', async () => {
    expect((await post('/body-primitive')).json).toEqual(PATIENT);
  });

  it('a definite JSONPath source that matches nothing faults the message', async () => {
    const r = await post('/missing');
    expect(r.status).toBe(500);
  });

  it('inline XML is not native JSON: the body becomes that XML (EnrichMediatorFactory isInlineSourceXML)', async () => {
    const r = await post('/inline-xml');
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.body).toBe(`<note xmlns="${SYN}">hi</note>`);
  });
});
