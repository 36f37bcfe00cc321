/**
 * The script mediator through a running runtime, with real HTTP clients: each `mc` method of
 * MI 4.4's GraalVMJavaScriptMessageContext that Mediate offers, inline and keyed scripts
 * (ScriptMediator.mediateForInlineScript / mediateWithExternalScript), `false` stopping the
 * flow, errors into the fault path, and isolation from Node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { httpRuntime, type EventLog } from './harness.js';
import { proxyXml, send } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** A proxy running `script` (inline) and responding; its fault sequence answers 500 with ERROR_MESSAGE. */
const scriptProxy = (name: string, script: string, after = '<respond/>') =>
  proxyXml(
    name,
    `<inSequence>${script}${after}</inSequence>
     <faultSequence>
       <property name="HTTP_SC" value="500" scope="axis2"/>
       <property name="messageType" value="text/plain" scope="axis2"/>
       <log level="custom"><property name="fault" expression="get-property('ERROR_MESSAGE')"/></log>
       <respond/>
     </faultSequence>`,
  );

const inline = (code: string, language = 'js') =>
  `<script language="${language}"><![CDATA[${code}]]></script>`;

const FILES: Record<string, string> = {
  'artifacts/proxy-services/XmlRoundTrip.xml': scriptProxy(
    'XmlRoundTrip',
    inline(`var x = mc.getPayloadXML(); mc.setPayloadXML('<wrapped>' + x + '</wrapped>');`),
  ),
  'artifacts/proxy-services/SoapBody.xml': scriptProxy(
    'SoapBody',
    inline(
      `mc.setPayloadXML('<ok xmlns="urn:x">' + (mc.getPayloadXML().indexOf('<getQuote') === 0) + '</ok>');`,
    ),
  ),
  'artifacts/proxy-services/JsonTotal.xml': scriptProxy(
    'JsonTotal',
    inline(`var o = mc.getPayloadJSON();
      o.total = o.items.reduce(function (s, i) { return s + i.price; }, 0);
      o.same = mc.getPayloadJSON() === o;
      mc.setPayloadJSON(o);`),
  ),
  'artifacts/proxy-services/JsonOfXml.xml': scriptProxy(
    'JsonOfXml',
    inline(
      `mc.setPayloadJSON({ seen: mc.getPayloadJSON(), keys: Object.keys(mc.getPayloadJSON()).length });`,
    ),
  ),
  'artifacts/proxy-services/Texts.xml': scriptProxy(
    'Texts',
    inline(
      `mc.setPayloadJSON({ text: mc.getPayloadText(), envelope: mc.getEnvelopeXML().indexOf('Envelope') > 0 });`,
    ),
  ),
  'artifacts/proxy-services/Props.xml': scriptProxy(
    'Props',
    `<property name="fromXml" value="set by property"/>
     <property name="gone" value="soon removed"/>
     ${inline(`mc.setProperty('plain', 'hello');
      mc.setProperty('num', 42);
      mc.setProperty('om', '<a><b>1</b></a>');
      mc.removeProperty('gone');
      mc.setProperty('X-Script', 'yes', 'transport');
      mc.setProperty('HTTP_SC', '201', 'axis2');
      mc.setVariable('v', { n: 1 });
      mc.setPayloadJSON({
        fromXml: mc.getProperty('fromXml'),
        gone: mc.getProperty('gone'),
        missing: mc.getProperty('missing'),
        num: mc.getProperty('num'),
        om: mc.getProperty('om'),
        header: mc.getProperty('X-In', 'transport'),
        v: mc.getVariable('v'),
        id: mc.getMessageID()
      });`)}
     <log level="custom">
       <property name="plain" expression="get-property('plain')"/>
       <property name="om" expression="get-property('om')/b"/>
     </log>`,
  ),
  'artifacts/proxy-services/StopFlow.xml': scriptProxy(
    'StopFlow',
    inline(`mc.setProperty('ran', 'yes'); false`),
    '<log level="custom"><property name="after" value="must not run"/></log><respond/>',
  ),
  'artifacts/proxy-services/Throws.xml': scriptProxy('Throws', inline(`mc.getPayloadJSON(); notDefined();`)),
  'artifacts/proxy-services/BadXml.xml': scriptProxy('BadXml', inline(`mc.setPayloadXML('<a><b></a>');`)),
  'artifacts/proxy-services/Isolated.xml': scriptProxy(
    'Isolated',
    inline(`var probe = function (f) { try { return f(); } catch (e) { return 'threw ' + e.name; } };
      mc.setPayloadJSON({
        require: typeof require,
        process: typeof process,
        globalProcess: typeof globalThis.process,
        timers: typeof setTimeout + ',' + typeof setImmediate + ',' + typeof queueMicrotask,
        network: typeof fetch + ',' + typeof WebSocket,
        viaThis: probe(function () { return this.constructor.constructor('return typeof process')(); }),
        viaMc: probe(function () { return mc.getProperty.constructor('return typeof process')(); }),
        viaMcObject: probe(function () { return mc.constructor.constructor('return typeof require')(); }),
        mcFrozen: Object.isFrozen(mc)
      });`),
  ),
  'artifacts/proxy-services/Keyed.xml': scriptProxy(
    'Keyed',
    `<property name="name" value="Ada"/>
     <script language="js" key="greetScript" function="greetAll"><include key="helperScript"/></script>`,
  ),
  'artifacts/proxy-services/KeyedDefault.xml': scriptProxy(
    'KeyedDefault',
    `<script language="nashornJs" key="greetScript"/>`,
  ),
  'artifacts/proxy-services/PerMessage.xml': scriptProxy(
    'PerMessage',
    inline(`var count = (typeof count === 'number' ? count : 0) + 1; mc.setPayloadJSON({ count: count });`),
  ),
  'artifacts/proxy-services/Printer.xml': scriptProxy(
    'Printer',
    inline(`print('printed', 1, { a: 2 }); console.warn('careful');`),
  ),
  'artifacts/local-entries/greetScript.xml': `<localEntry key="greetScript" ${NS}><![CDATA[
var calls = 0;
function greetAll(mc) {
  calls++;
  mc.setPayloadJSON({ greeting: greet(mc.getProperty('name')), calls: calls });
}
function mediate(mc) { mc.setPayloadJSON({ by: 'mediate' }); return true; }
]]></localEntry>`,
  'artifacts/local-entries/helperScript.xml': `<localEntry key="helperScript" ${NS}><![CDATA[
function greet(name) { return 'Hello ' + name; }
]]></localEntry>`,
};

let runtime: Runtime;
let events: EventLog;
let base: string;

beforeAll(async () => {
  ({ runtime, events, base } = await httpRuntime(FILES));
});

afterAll(async () => {
  await runtime.stop();
});

const post = (proxy: string, body: string, type: string, headers: Record<string, string> = {}) =>
  send(`${base}/services/${proxy}`, { body, type, headers });

describe('mc payload methods (GraalVMJavaScriptMessageContext)', () => {
  it('getPayloadXML gives the body element as text; setPayloadXML replaces it (ExtendedJavaScriptXmlHelper: strings)', async () => {
    const r = await post('XmlRoundTrip', '<order><qty>2</qty></order>', 'application/xml');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/xml');
    expect(r.body).toBe('<wrapped><order><qty>2</qty></order></wrapped>');
  });

  it('setPayloadXML on a SOAP message replaces the first body child and keeps the envelope', async () => {
    const env =
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><getQuote><s>IBM</s></getQuote></soapenv:Body></soapenv:Envelope>';
    const r = await post('SoapBody', env, 'text/xml');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<soapenv:Body><ok xmlns="urn:x">true</ok></soapenv:Body>');
    expect(r.body).toContain('soapenv:Envelope');
  });

  it('getPayloadJSON gives a JS object (the same one on each call); setPayloadJSON writes JSON', async () => {
    const r = await post('JsonTotal', '{"items":[{"price":2},{"price":3.5}]}', 'application/json');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(JSON.parse(r.body)).toEqual({ items: [{ price: 2 }, { price: 3.5 }], total: 5.5, same: true });
  });

  it('getPayloadJSON of a message that is not JSON is an empty object (jsonObject: emptyJsonObject)', async () => {
    const r = await post('JsonOfXml', '<a/>', 'application/xml');
    expect(JSON.parse(r.body)).toEqual({ seen: {}, keys: 0 });
  });

  it('getPayloadText gives the JSON text, or the envelope of an XML message; getEnvelopeXML the envelope', async () => {
    const json = await post('Texts', '{"a": 1}', 'application/json');
    expect(JSON.parse(json.body)).toEqual({ text: '{"a": 1}', envelope: true });
    const xml = await post('Texts', '<a>1</a>', 'application/xml');
    const text = (JSON.parse(xml.body) as { text: string }).text;
    expect(text).toContain('Envelope');
    expect(text).toContain('<soapenv:Body><a>1</a></soapenv:Body>');
  });
});

describe('mc properties and variables', () => {
  it('getProperty/setProperty/removeProperty in default, transport and axis2 scopes; getVariable/setVariable; getMessageID', async () => {
    const r = await post('Props', '{}', 'application/json', { 'X-In': 'from client' });
    // setProperty('HTTP_SC', '201', 'axis2') and a transport header reach the HTTP response.
    expect(r.status).toBe(201);
    expect(r.headers['x-script']).toBe('yes');
    const body = JSON.parse(r.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      fromXml: 'set by property',
      gone: null,
      missing: null,
      num: 42,
      // setProperty stores a string that is XML as XML (toOMElement first), read back as text.
      om: '<a><b>1</b></a>',
      header: 'from client',
      v: { n: 1 },
    });
    expect(String(body.id)).toMatch(/^urn:uuid:/);
    // What the script set is what the next mediators read: the OM property answers XPath.
    const line = await events.waitFor((e) => e.kind === 'log' && e.text.includes('plain = hello'));
    expect(line.text).toContain('om = 1');
  });
});

describe('flow and faults (ScriptMediator.invokeScript)', () => {
  it('a script whose value is false stops the flow: nothing after it runs', async () => {
    const r = await post('StopFlow', '<a/>', 'application/xml');
    expect(r.status).toBe(202);
    expect(r.body).toBe('');
    expect(events.logs().some((e) => e.text.includes('must not run'))).toBe(false);
  });

  it('an error in the script faults the message with the script engine error', async () => {
    const r = await post('Throws', '{}', 'application/json');
    expect(r.status).toBe(500);
    const fault = await events.waitFor((e) => e.kind === 'log' && e.text.includes('notDefined'));
    expect(fault.text).toContain(
      'The script engine returned an error executing the inlined js script: ReferenceError: notDefined is not defined',
    );
  });

  it('setPayloadXML with XML that is not well-formed faults the message', async () => {
    const r = await post('BadXml', '<a/>', 'application/xml');
    expect(r.status).toBe(500);
    await events.waitFor((e) => e.kind === 'log' && e.text.includes('not well-formed XML'));
  });
});

describe('keyed scripts (ScriptMediator.mediateWithExternalScript)', () => {
  it('loads the includes and the entry once, then calls the function with mc per message', async () => {
    const first = await post('Keyed', '<a/>', 'application/xml');
    expect(JSON.parse(first.body)).toEqual({ greeting: 'Hello Ada', calls: 1 });
    // The entry's globals persist across messages, as in MI's pooled engines.
    const second = await post('Keyed', '<a/>', 'application/xml');
    expect(JSON.parse(second.body)).toEqual({ greeting: 'Hello Ada', calls: 2 });
  });

  it("calls 'mediate' when no function is given", async () => {
    const r = await post('KeyedDefault', '<a/>', 'application/xml');
    expect(JSON.parse(r.body)).toEqual({ by: 'mediate' });
  });

  it("an inline script's variables are its own per message (fresh bindings per run)", async () => {
    expect(JSON.parse((await post('PerMessage', '{}', 'application/json')).body)).toEqual({ count: 1 });
    expect(JSON.parse((await post('PerMessage', '{}', 'application/json')).body)).toEqual({ count: 1 });
  });
});

describe('print and console (GraalJS built-ins)', () => {
  it("write the message's log lines under ScriptMediator", async () => {
    await post('Printer', '{}', 'application/json');
    const printed = await events.waitFor(
      (e) => e.category === 'ScriptMediator' && e.text.startsWith('printed'),
    );
    expect(printed).toMatchObject({ kind: 'log', level: 'INFO', text: 'printed 1 {"a":2}' });
    expect(printed.artifact).toMatchObject({ type: 'proxy', name: 'Printer' });
    const warned = await events.waitFor((e) => e.category === 'ScriptMediator' && e.text === 'careful');
    expect(warned.level).toBe('WARN');
  });
});

describe('isolation', () => {
  it('a script reaches nothing of Node: no require, process, timers or network, and no way out through mc', async () => {
    const r = await post('Isolated', '{}', 'application/json');
    expect(JSON.parse(r.body)).toEqual({
      require: 'undefined',
      process: 'undefined',
      globalProcess: 'undefined',
      timers: 'undefined,undefined,undefined',
      network: 'undefined,undefined',
      viaThis: 'undefined',
      viaMc: 'undefined',
      viaMcObject: 'undefined',
      mcFrozen: true,
    });
  });
});
