/**
 * The validate mediator with JSON Schema through a running runtime and real HTTP clients: the
 * whole payload, a json-eval source, json-source="true", an empty payload, the drafts a schema
 * names, and MI's own JSON Schema test proxy and entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { entry, NS, PASS, proxy, REJECT, validatingRuntime, type Call } from './validate-helpers.js';

const ORDER_JSON = JSON.stringify({
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  required: ['symbol', 'qty'],
  properties: { symbol: { type: 'string', pattern: '^[A-Z]+$' }, qty: { type: 'integer' } },
});

const FILES: Record<string, string> = {
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
let call: Call;

beforeAll(async () => {
  ({ runtime, call } = await validatingRuntime(FILES));
});

afterAll(() => runtime.stop());

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
