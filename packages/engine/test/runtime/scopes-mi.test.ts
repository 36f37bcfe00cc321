/**
 * Issue 14, "Scopes and get-property keys" and "MessageID": real HTTP requests to proxies and an
 * API, each value checked in a custom log line (and, where MI's own integration test does, in
 * the reply). Each test names the MI class it follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, httpRuntime, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { apiXml, makeTlsFiles, proxyXml, send, startBackend, type Backend } from './http-helpers.js';

const SOAP11 = (body: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
const SOAP12 = (body: string) =>
  `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>${body}</soap:Body></soap:Envelope>`;

const logProps = (props: Record<string, string>) =>
  `<log level="custom">${Object.entries(props)
    .map(([n, x]) => `<property name="${n}" expression="${x}"/>`)
    .join('')}</log>`;

const PROXIES: Record<string, string> = {
  // MI's MESSAGE_FORMAT_TestProxy (tests-mediator-1, PropertyIntegrationMessageFormatPropertyTestCase).
  Format: proxyXml(
    'Format',
    `<inSequence>
       ${logProps({ f: "get-property('MESSAGE_FORMAT')", mt: "get-property('axis2','messageType')" })}
       <property name="messageType" value="application/json" scope="axis2"/>
       ${logProps({ after: "get-property('MESSAGE_FORMAT')" })}
       <property name="messageType" value="application/xml" scope="axis2"/>
       <payloadFactory media-type="xml">
         <format><messageformat xmlns="">$1</messageformat></format>
         <args><arg evaluator="xml" expression="get-property('MESSAGE_FORMAT')"/></args>
       </payloadFactory>
       <respond/>
     </inSequence>`,
  ),
  // MI's propertyOperationNameTestProxy, plus the proxy's name under its real key.
  Names: proxyXml(
    'Names',
    `<inSequence>
       ${logProps({
         op: "get-property('OperationName')",
         opNs: "get-property('OperationNamespace')",
         proxy: "get-property('proxy.name')",
         literal: "get-property('PROXY_SERVICE')",
         tin: "get-property('TRANSPORT_IN_NAME')",
         rest: "get-property('IsClientDoingREST')",
         soap11: "get-property('IsClientDoingSOAP11')",
         addr: "get-property('axis2','REMOTE_ADDR')",
         host: "get-property('axis2','REMOTE_HOST')",
       })}
       <respond/>
     </inSequence>`,
  ),
  Long: proxyXml(
    'Long',
    `<inSequence>
       <property name="max" value="9223372036854775807" type="LONG"/>
       <property name="min" value="-9223372036854775808" type="LONG"/>
       <property name="fromXPath" expression="//n" type="LONG"/>
       <property name="small" value="42" type="LONG"/>
       ${logProps({
         max: "get-property('max')",
         min: '$ctx:min',
         fromXPath: "get-property('fromXPath')",
         joined: "concat(get-property('max'), '/', get-property('small'))",
       })}
       <log level="custom"><property name="syn" expression="\${props.synapse.max}"/></log>
       <script language="js"><![CDATA[mc.setProperty('seen', typeof mc.getProperty('max'));]]></script>
       ${logProps({ seen: "get-property('seen')" })}
       <respond/>
     </inSequence>`,
  ),
  System: proxyXml(
    'System',
    `<inSequence>
       ${logProps({
         region: "get-property('system','app.region')",
         nested: "get-property('system','a.b.c')",
         sys: '$sys:app.region',
         notEnv: "get-property('system','MEDIATE_SCOPES_TEST_ENV')",
         env: "get-property('env','MEDIATE_SCOPES_TEST_ENV')",
         written: "get-property('system','written.by.proxy')",
       })}
       <property name="written.by.proxy" value="yes" scope="system"/>
       <respond/>
     </inSequence>`,
  ),
  Ids: proxyXml(
    'Ids',
    `<inSequence>
       ${logProps({
         id: "get-property('MessageID')",
         corr: "get-property('axis2','correlation_id')",
         header: "get-property('transport','activityid')",
       })}
       <respond/>
     </inSequence>`,
  ),
};

let runtime: Runtime;
let events: EventLog;
let base: string;
let backend: Backend;

beforeAll(async () => {
  process.env['MEDIATE_SCOPES_TEST_ENV'] = 'from-env';
  backend = await startBackend((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' }).end(SOAP11('<ok/>'));
  });
  const files: Record<string, string> = {};
  for (const [name, xml] of Object.entries(PROXIES)) files[`artifacts/proxy-services/${name}.xml`] = xml;
  // MI's TRANSPORT_IN_NAME_TestProxy: the name is read in the out sequence, on the response.
  files['artifacts/proxy-services/TransportIn.xml'] = proxyXml(
    'TransportIn',
    `<inSequence>
       ${logProps({ corr: "get-property('axis2','correlation_id')" })}
       <send><endpoint><address uri="${backend.url}/svc"/></endpoint></send>
     </inSequence>
     <outSequence>
       ${logProps({ out: "get-property('TRANSPORT_IN_NAME')" })}
       <payloadFactory media-type="xml">
         <format><transport xmlns="">$1</transport></format>
         <args><arg evaluator="xml" expression="get-property('TRANSPORT_IN_NAME')"/></args>
       </payloadFactory>
       <send/>
     </outSequence>`,
  );
  files['artifacts/apis/Named.xml'] = apiXml(
    'Named',
    '/named',
    `<resource methods="GET" uri-template="/x"><inSequence>${logProps({
      tin: "get-property('TRANSPORT_IN_NAME')",
      op: "get-property('OperationName')",
      proxy: "get-property('proxy.name')",
    })}<respond/></inSequence></resource>`,
  );
  ({ runtime, events, base } = await httpRuntime(
    files,
    `[system.parameter]\n'app.region' = "eu-west"\na.b.c = 7\n`,
  ));
});

afterAll(async () => {
  delete process.env['MEDIATE_SCOPES_TEST_ENV'];
  await runtime.stop();
  await backend.close();
});

/** Sends one request and returns the reply with the log lines of the message it became. */
async function exchange(
  path: string,
  o: { body?: string; type?: string; headers?: Record<string, string> },
  artifact: string,
  count: number,
): Promise<{ status: number; body: string; logs: RuntimeEvent[] }> {
  const before = events.logsOf(artifact).length;
  const r = await send(`${base}${path}`, o);
  await until(() => events.logsOf(artifact).length >= before + count);
  return { status: r.status, body: r.body, logs: events.logsOf(artifact).slice(before, before + count) };
}

describe('get-property keys on HTTP requests', () => {
  // GetPropertyFunction.evaluate (MESSAGE_FORMAT): isDoingPOX ? pox : isDoingGET ? get :
  // isSOAP11 ? soap11 : soap12. Axis2MessageContext.isDoingPOX is doingREST, which a GET also is,
  // so MI never answers `get`. doingREST and the SOAP version come from passthru ServerWorker
  // (processEntityEnclosingRequest, isRest) when the request arrives; messageType does not move them.
  it.each([
    ['a GET', {}, 'pox', 'application/xml'],
    ['SOAP 1.1 (text/xml)', { body: SOAP11('<a/>'), type: 'text/xml; charset=UTF-8' }, 'soap11', 'text/xml'],
    ['SOAP 1.2', { body: SOAP12('<a/>'), type: 'application/soap+xml' }, 'soap12', 'application/soap+xml'],
    ['JSON', { body: '{"a":1}', type: 'application/json' }, 'pox', 'application/json'],
    ['POX', { body: '<a/>', type: 'application/xml' }, 'pox', 'application/xml'],
  ] as const)('MESSAGE_FORMAT of %s', async (_what, o, format, messageType) => {
    const r = await exchange('/services/Format', o, 'Format', 2);
    expect(r.logs[0]?.properties).toEqual({ f: format, mt: messageType });
    expect(r.logs[1]?.properties).toEqual({ after: format });
    expect(r.status).toBe(200);
    expect(r.body).toBe(`<messageformat>${format}</messageformat>`);
  });

  // PropertyIntegrationOperationNamePropertyTestCase expects `mediate` (ProxyService.buildAxisService
  // adds the `mediate` operation, no namespace). ProxyServiceMessageReceiver.receive sets the
  // proxy's name under SynapseConstants.PROXY_SERVICE, whose value is the key `proxy.name`: the
  // literal key PROXY_SERVICE is nobody's, so it reads ''. It also sets TRANSPORT_IN_NAME,
  // IsClientDoingREST and IsClientDoingSOAP11 (a REST request's envelope is SOAP 1.1).
  it('OperationName, proxy.name (PROXY_SERVICE) and TRANSPORT_IN_NAME in a proxy', async () => {
    const r = await exchange('/services/Names', { body: '<a/>', type: 'application/xml' }, 'Names', 1);
    expect(r.logs[0]?.properties).toEqual({
      op: 'mediate',
      opNs: '',
      proxy: 'Names',
      literal: '',
      tin: 'http',
      rest: 'true',
      soap11: 'true',
      // ServerWorker: the client's address, also as its host (no name lookup), IPv4 as Java gives it.
      addr: '127.0.0.1',
      host: '127.0.0.1',
    });
    const soap = await exchange(
      '/services/Names',
      { body: SOAP12('<a/>'), type: 'application/soap+xml' },
      'Names',
      1,
    );
    expect(soap.logs[0]?.properties).toMatchObject({ rest: 'false', soap11: 'false' });
  });

  // Axis2SynapseEnvironment.injectMessage sets TRANSPORT_IN_NAME for every injected request;
  // SynapseDispatcher dispatches to __SynapseService's `mediate`; no proxy name in an API.
  it('TRANSPORT_IN_NAME and OperationName in an API', async () => {
    const r = await exchange('/named/x', {}, 'Named', 1);
    expect(r.logs[0]?.properties).toEqual({ tin: 'http', op: 'mediate', proxy: '' });
  });

  // PropertyIntegrationTransportInNameTestCase: read in the out sequence, on the back end's reply.
  it('TRANSPORT_IN_NAME stays on the response path', async () => {
    const r = await exchange(
      '/services/TransportIn',
      { body: SOAP11('<a/>'), type: 'text/xml' },
      'TransportIn',
      2,
    );
    expect(r.logs[1]?.properties).toEqual({ out: 'http' });
    // A SOAP 1.1 request, so the reply is a SOAP envelope; MI's test reads its body's child.
    expect(r.body).toContain('<soapenv:Body><transport>http</transport></soapenv:Body>');
  });
});

describe('LONG properties', () => {
  // PropertyMediator.convertValue: Long.parseLong. A Java Long keeps all 64 bits, and
  // GetPropertyFunction hands the Long to the XPath engine, which prints its digits.
  it('keep 64-bit precision through type="LONG", get-property and $ctx:', async () => {
    const r = await exchange(
      '/services/Long',
      { body: '<n>9007199254740993</n>', type: 'application/xml' },
      'Long',
      3,
    );
    expect(r.logs[0]?.properties).toEqual({
      max: '9223372036854775807',
      min: '-9223372036854775808',
      fromXPath: '9007199254740993',
      joined: '9223372036854775807/42',
    });
    expect(r.logs[1]?.properties).toEqual({ syn: '9223372036854775807' });
    // A script reads the Long as a number, as Rhino does (script-bridge).
    expect(r.logs[2]?.properties).toEqual({ seen: 'number' });
  });
});

describe('system scope', () => {
  // GetPropertyFunction (scope system) is System.getProperty, not System.getenv (scope env).
  // MI sets system properties from deployment.toml's [system.parameter]; PropertyMediator's
  // scope="system" is System.setProperty, seen by later messages.
  it('reads [system.parameter] from deployment.toml, not the environment; a write is kept', async () => {
    const first = await exchange('/services/System', { body: '<a/>', type: 'application/xml' }, 'System', 1);
    expect(first.logs[0]?.properties).toEqual({
      region: 'eu-west',
      nested: '7',
      sys: 'eu-west',
      notEnv: '',
      env: 'from-env',
      written: '',
    });
    const second = await exchange('/services/System', { body: '<a/>', type: 'application/xml' }, 'System', 1);
    expect(second.logs[0]?.properties?.['written']).toBe('yes');
  });
});

describe('MessageID of an HTTP request', () => {
  // passthru SourceHandler.setCorrelationId: no `activityid` header, so a random UUID is made
  // and marked system-generated; ServerWorker.createMessageContext then uses `urn:uuid:` + it
  // as the message id.
  it('is urn:uuid:<correlation id> when the correlation id was generated', async () => {
    const r = await exchange('/services/Ids', { body: '<a/>', type: 'application/xml' }, 'Ids', 1);
    const p = r.logs[0]?.properties ?? {};
    expect(p['corr']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(p['id']).toBe(`urn:uuid:${p['corr']}`);
    expect(r.logs[0]?.messageId).toBe(p['id']);
    // setCorrelationId also writes the generated id into the request as its `activityid` header.
    expect(p['header']).toBe(p['corr']);
  });

  // The header setCorrelationId adds goes on to the back end with the other request headers.
  it('the generated correlation id reaches the back end as activityid', async () => {
    const before = backend.received.length;
    const r = await exchange(
      '/services/TransportIn',
      { body: SOAP11('<a/>'), type: 'text/xml' },
      'TransportIn',
      2,
    );
    const corr = r.logs[0]?.properties?.['corr'];
    expect(corr).toMatch(/^[0-9a-f-]{36}$/);
    expect(backend.received[before]?.headers['activityid']).toBe(corr);
  });

  // With the client's `activityid` the correlation id is the client's, and the message id is
  // UIDGenerator.generateURNString()'s own (ServerWorker.createMessageContext).
  it('is a generated id when the client sent its correlation id', async () => {
    const r = await exchange(
      '/services/Ids',
      { body: '<a/>', type: 'application/xml', headers: { activityid: 'client-corr-1' } },
      'Ids',
      1,
    );
    const p = r.logs[0]?.properties ?? {};
    expect(p['corr']).toBe('client-corr-1');
    expect(p['header']).toBe('client-corr-1');
    expect(p['id']).toMatch(/^urn:uuid:[0-9A-F]+$/);
    expect(p['id']).not.toContain('client-corr-1');
  });
});

describe('registry scope', () => {
  // PropertyMediator (SCOPE_REGISTRY) writes to MI's registry; Mediate has none and refuses the
  // deployment with the property's diagnostic rather than dropping the value.
  it('a property write to scope="registry" fails the deployment, naming the scope', async () => {
    const files = {
      'artifacts/proxy-services/Reg.xml': proxyXml(
        'Reg',
        '<inSequence><property name="p" value="v" scope="registry"/><respond/></inSequence>',
      ),
    };
    await expect(runtimeWith(project(files, tomlFor(0)))).rejects.toThrow(/PROPERTY_REGISTRY_SCOPE/);
  });
});

describe('TRANSPORT_IN_NAME on the HTTPS listener', () => {
  // passthru ServerWorker.createMessageContext: an SSL listener's requests come in on the
  // `https` transport (setTransportIn(TRANSPORT_HTTPS)); Axis2SynapseEnvironment.injectMessage
  // copies its name into TRANSPORT_IN_NAME.
  it('is https for a request on the HTTPS listener', async () => {
    const tls = makeTlsFiles();
    const [http, https] = [await freePort(), await freePort()];
    const files = {
      'artifacts/proxy-services/Tin.xml': proxyXml(
        'Tin',
        `<inSequence>${logProps({ tin: "get-property('TRANSPORT_IN_NAME')" })}<respond/></inSequence>`,
      ),
    };
    const toml = tomlFor(
      http,
      `[transport.https]\nkey_file = "${tls.keyFile}"\ncert_file = "${tls.certFile}"`,
      https,
    );
    const started = await runtimeWith(project(files, toml));
    try {
      const r = await send(`https://localhost:${https}/services/Tin`, {
        body: '<a/>',
        type: 'application/xml',
        ca: tls.cert,
      });
      expect(r.status).toBe(200);
      await until(() => started.events.logsOf('Tin').length >= 1);
      expect(started.events.logsOf('Tin')[0]?.properties).toEqual({ tin: 'https' });
    } finally {
      await started.runtime.stop();
      tls.remove();
    }
  });
});
