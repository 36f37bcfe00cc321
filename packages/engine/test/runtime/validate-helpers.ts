/**
 * What the validate mediator's golden tests share: local entries and proxies as text, an on-fail
 * that logs the error properties and answers 400, and a runtime whose calls return the reply
 * with the properties its log lines carried.
 */
import type { Runtime } from '../../src/runtime/index.js';
import { httpRuntime, until, type EventLog } from './harness.js';
import { send, type Reply } from './http-helpers.js';

export const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** A local entry holding `inner`. */
export const entry = (key: string, inner: string) => `<localEntry key="${key}" ${NS}>${inner}</localEntry>`;
/** A proxy whose inSequence is `inSeq`. */
export const proxy = (name: string, inSeq: string) =>
  `<proxy name="${name}" transports="http" startOnLoad="true" ${NS}><target><inSequence>${inSeq}</inSequence></target></proxy>`;
/** A SOAP 1.1 envelope around `body`. */
export const soap = (body: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/** on-fail: log the error properties, answer 400 and end the flow. */
export const REJECT = `<on-fail><log level="custom"><property name="failed" expression="get-property('ERROR_MESSAGE')"/><property name="detail" expression="get-property('ERROR_DETAIL')"/></log><property name="HTTP_SC" value="400" scope="axis2"/><respond/></on-fail>`;
/** After a passing validate: log it and answer. */
export const PASS = `<log level="custom"><property name="passed" value="yes"/></log><respond/>`;

/** Posts `body` and resolves to the reply and the properties of the log lines it caused. */
export type Call = (
  path: string,
  body: string,
  type?: string,
  headers?: Record<string, string>,
) => Promise<Reply & { logged: Record<string, string> }>;

/** Starts a runtime serving `files`, with `call` for it. */
export async function validatingRuntime(
  files: Record<string, string>,
): Promise<{ runtime: Runtime; events: EventLog; call: Call }> {
  const { runtime, events, base } = await httpRuntime(files);
  const call: Call = async (path, body, type = 'text/xml', headers = {}) => {
    const before = events.logs().length;
    const r = await send(base + path, { body, type, headers });
    await until(() => events.logs().length > before);
    const logged: Record<string, string> = {};
    for (const e of events.logs().slice(before)) Object.assign(logged, e.properties ?? {});
    return { ...r, logged };
  };
  return { runtime, events, call };
}
