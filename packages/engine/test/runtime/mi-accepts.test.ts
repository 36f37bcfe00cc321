/**
 * What MI deploys although part of it cannot run, and how a message meets that part: the project
 * deploys (a warning, not an error) and the message faults at run time into the fault path,
 * with MI's words, while everything else runs.
 *
 * - An endpoint key nothing defines: IndirectEndpoint.send calls informFailure with
 *   "Couldn't find the endpoint with the key : <key>" (wso2-synapse, endpoints/IndirectEndpoint.java).
 * - An address whose transport MI has not enabled (jms:, vfs:, mailto:, …): Axis2 fails the send
 *   with "The system cannot infer the transport information from the <uri> URL." (Mediate runs
 *   no such transport).
 * - json-eval(name) is Jayway's `$.name` (PathCompiler), and json-eval({$ctx:p}) reads the path
 *   held in p (SynapseJsonPath + InlineExpressionUtil.replaceDynamicValuesForJSONPath).
 * - <call/> without an endpoint sends to the message's To address (CallMediator:
 *   `getEnvironment().send(null, …)`); an HTTP request's To is its path, which no transport takes.
 * - <variable type="OM"> is read as XML (see the README's deviations).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject, validateProject } from '../../src/model/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { httpRuntime, post } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const proxy = (name: string, inSeq: string) =>
  `<proxy name="${name}" transports="http" startOnLoad="true" ${NS}><target><inSequence>${inSeq}</inSequence>` +
  `<faultSequence><payloadFactoryless/></faultSequence></target></proxy>`;
// The fault sequence answers with the error it was given (property → respond as text).
const FAULT =
  `<sequence name="fault" ${NS}><property name="messageType" value="text/plain" scope="axis2"/>` +
  `<log level="custom"><property name="ERROR_MESSAGE" expression="get-property('ERROR_MESSAGE')"/></log><respond/></sequence>`;

const FILES: Record<string, string> = {
  'artifacts/sequences/fault.xml': FAULT,
  'artifacts/proxy-services/NoEp.xml': proxy(
    'NoEp',
    '<call><endpoint key="NoSuchEp"/></call><respond/>',
  ).replace('<faultSequence><payloadFactoryless/></faultSequence>', ''),
  'artifacts/proxy-services/Jms.xml': proxy(
    'Jms',
    '<send><endpoint><address uri="jms:/Queue?transport.jms.DestinationType=queue"/></endpoint></send>',
  ).replace('<faultSequence><payloadFactoryless/></faultSequence>', ''),
  'artifacts/proxy-services/ToCall.xml': proxy('ToCall', '<call/><respond/>').replace(
    '<faultSequence><payloadFactoryless/></faultSequence>',
    '',
  ),
  'artifacts/proxy-services/Paths.xml': proxy(
    'Paths',
    `<property name="path" value="$.order.qty"/>
     <log level="custom">
       <property name="plain" expression="json-eval(order.symbol)"/>
       <property name="held" expression="json-eval({$ctx:path})"/>
     </log>
     <variable name="doc" type="OM" value="&lt;a&gt;1&lt;/a&gt;"/>
     <log level="custom"><property name="om" expression="\${vars.doc}"/></log>
     <respond/>`,
  ).replace('<faultSequence><payloadFactoryless/></faultSequence>', ''),
};

let runtime: Runtime;
let base: string;
let events: Awaited<ReturnType<typeof httpRuntime>>['events'];

beforeAll(async () => {
  ({ runtime, base, events } = await httpRuntime(FILES));
});
afterAll(() => runtime.stop());

const errorLogged = (needle: string) =>
  events.waitFor((e) => e.kind === 'log' && e.text.includes('ERROR_MESSAGE') && e.text.includes(needle));

describe('a project MI deploys although part of it cannot run', () => {
  it('validates with warnings only, so it deploys', () => {
    const { project } = buildProject(
      '',
      Object.entries(FILES).map(([path, text]) => ({ path, text })),
    );
    const found = validateProject(project);
    expect(found.filter((d) => d.severity === 'error')).toEqual([]);
    expect(found.map((d) => d.code).sort()).toEqual([
      'ENDPOINT_SCHEME',
      'REF_ENDPOINT_MISSING',
      'VARIABLE_TYPE_OM',
    ]);
  });

  it('faults a message sent to a missing endpoint key with MI’s words', async () => {
    await post(`${base}/services/NoEp`, '<a/>', 'application/xml');
    await errorLogged("Couldn't find the endpoint with the key : NoSuchEp");
  });

  it('faults a message sent to a jms: address, saying there is no such transport', async () => {
    await post(`${base}/services/Jms`, '<a/>', 'application/xml');
    await errorLogged('cannot infer the transport information from the jms:/Queue');
  });

  it('sends a <call/> without an endpoint to the To address, faulting when no transport takes it', async () => {
    await post(`${base}/services/ToCall?x=1`, '<a/>', 'application/xml');
    await errorLogged('/services/ToCall?x=1');
  });

  it('reads json-eval(name), json-eval({$ctx:p}) and a variable of type OM', async () => {
    const res = await post(
      `${base}/services/Paths`,
      '{"order":{"symbol":"IBM","qty":5}}',
      'application/json',
    );
    expect(res.status).toBe(200);
    await events.waitFor(
      (e) => e.kind === 'log' && e.text.includes('plain = IBM') && e.text.includes('held = 5'),
    );
    await events.waitFor((e) => e.kind === 'log' && e.text.includes('om = <a>1</a>'));
  });
});
