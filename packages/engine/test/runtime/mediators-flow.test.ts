/**
 * Flow control over real HTTP requests: <sequence key> (static and dynamic), onError sequences
 * catching an error raised inside (ERROR_MESSAGE set, the rest of the flow skipped), <in>/<out>
 * by direction, <drop> ending the flow (also from inside a filter), <loopback> running the
 * proxy's outSequence, and the default main sequence for an unknown path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { until, type EventLog, httpRuntime } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const ENVELOPE =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><qty>abc</qty></soapenv:Body></soapenv:Envelope>';

const mark = (name: string) => `<log level="custom"><property name="ran" value="${name}"/></log>`;
const seq = (name: string, body: string, onError?: string) =>
  `<sequence name="${name}"${onError ? ` onError="${onError}"` : ''} ${NS}>${body}</sequence>`;
const proxy = (name: string, inSeq: string, rest = '') =>
  `<proxy name="${name}" transports="http" startOnLoad="true" ${NS}><target><inSequence>${inSeq}</inSequence>${rest}</target></proxy>`;

const ERROR_LOG = `<log level="custom">
  <property name="handler" value="errSeq"/>
  <property name="ERROR_CODE" expression="get-property('ERROR_CODE')"/>
  <property name="ERROR_MESSAGE" expression="get-property('ERROR_MESSAGE')"/>
</log>`;

const FILES: Record<string, string> = {
  'artifacts/sequences/sub1.xml': seq(
    'sub1',
    `${mark('sub1')}<property name="fromSub1" value="set in sub1"/>`,
  ),
  'artifacts/sequences/sub2.xml': seq('sub2', mark('sub2')),
  'artifacts/sequences/errSeq.xml': seq('errSeq', ERROR_LOG),
  'artifacts/sequences/risky.xml': seq(
    'risky',
    `${mark('risky:before')}<property name="n" expression="//qty" type="INTEGER"/>${mark('risky:after (must not run)')}`,
    'errSeq',
  ),
  'artifacts/sequences/missing.xml': seq(
    'missing',
    `<sequence key="{get-property('nowhere')}"/>${mark('missing:after (must not run)')}`,
    'errSeq',
  ),
  'artifacts/proxy-services/Refs.xml': proxy(
    'Refs',
    `<sequence key="sub1"/>
     <log level="custom"><property name="ran" value="after sub1"/><property name="fromSub1" expression="get-property('fromSub1')"/></log>
     <property name="target" value="sub2"/>
     <sequence key="{get-property('target')}"/>
     <variable name="next" value="sub1"/>
     <sequence key="{\${vars.next}}"/>
     ${mark('end')}`,
  ),
  'artifacts/proxy-services/OnError.xml': proxy(
    'OnError',
    `<sequence key="risky"/>${mark('proxy:after risky (must not run)')}`,
    `<faultSequence>${mark('proxy fault (must not run)')}</faultSequence>`,
  ),
  'artifacts/proxy-services/Missing.xml': proxy('Missing', '<sequence key="missing"/>'),
  'artifacts/proxy-services/Loop.xml': proxy(
    'Loop',
    `<in>${mark('in:in')}</in><out>${mark('in:out (must not run)')}</out>
     <loopback/>
     ${mark('after loopback (must not run)')}`,
    `<outSequence><in>${mark('out:in (must not run)')}</in><out><log level="simple"/></out><respond/></outSequence>`,
  ),
  'artifacts/proxy-services/Drop.xml': proxy(
    'Drop',
    `${mark('before drop')}
     <filter xpath="true()"><then><drop/>${mark('after drop in then (must not run)')}</then></filter>
     ${mark('after filter (must not run)')}`,
  ),
};

let runtime: Runtime;
let events: EventLog;
let base: string;

beforeAll(async () => {
  ({ runtime, events, base } = await httpRuntime(FILES));
});

afterAll(() => runtime.stop());

async function call(
  path: string,
  done: (logs: RuntimeEvent[]) => boolean,
): Promise<{ status: number; body: string; logs: RuntimeEvent[] }> {
  const before = new Set(events.logs().map((e) => e.messageId));
  const res = await fetch(base + path, {
    method: 'POST',
    body: ENVELOPE,
    headers: { 'content-type': 'text/xml', activityid: 'corr-flow' },
  });
  const body = await res.text();
  const mine = () => events.logs().filter((e) => !before.has(e.messageId));
  await until(() => done(mine()));
  // Give anything that should not run a chance to show up before asserting.
  await new Promise((r) => setTimeout(r, 50));
  return { status: res.status, body, logs: mine() };
}

const ran = (logs: RuntimeEvent[]) => logs.map((e) => e.properties?.ran ?? e.text);

describe('sequence references', () => {
  it('runs static and dynamic (XPath and ${}) keys, then continues after each', async () => {
    const r = await call('/services/Refs', (l) => l.some((e) => e.properties?.ran === 'end'));
    expect(ran(r.logs)).toEqual(['sub1', 'after sub1', 'sub2', 'sub1', 'end']);
    expect(r.logs[1]?.text).toBe('{proxy:Refs} ran = after sub1, fromSub1 = set in sub1');
  });
});

describe('onError', () => {
  it("runs the sequence's onError handler with ERROR_MESSAGE set; nothing after the error runs", async () => {
    const r = await call('/services/OnError', (l) => l.some((e) => e.properties?.handler));
    expect(ran(r.logs.filter((e) => !e.properties?.handler))).toEqual(['risky:before']);
    const handler = r.logs.find((e) => e.properties?.handler) as RuntimeEvent;
    expect(handler.text).toBe(
      '{proxy:OnError} handler = errSeq, ERROR_CODE = 0, ERROR_MESSAGE = Unknown type : INTEGER for the property mediator or the property value cannot be converted into the specified type.',
    );
    expect(r.logs).toHaveLength(2);
    expect(r.status).toBe(202);
  });

  it('catches a dynamic sequence key that names no sequence', async () => {
    const r = await call('/services/Missing', (l) => l.some((e) => e.properties?.handler));
    expect(r.logs).toHaveLength(1);
    expect(r.logs[0]?.properties?.ERROR_MESSAGE).toBe(
      "Sequence '' (from key {get-property('nowhere')}) does not exist.",
    );
  });
});

describe('in / out, loopback, drop', () => {
  it('runs <in> on the request; loopback runs the outSequence, where <out> runs', async () => {
    const r = await call('/services/Loop', (l) => l.some((e) => e.direction === 'response'));
    const id = r.logs[0]?.messageId ?? '';
    expect(ran(r.logs)).toEqual([
      'in:in',
      // loopback sets To to null and marks the message a response.
      `{proxy:Loop} To: , MessageID: ${id}, correlation_id: corr-flow, Direction: response`,
    ]);
    expect(r.status).toBe(200);
    expect(r.body).toBe(ENVELOPE);
  });

  it('drop ends the whole flow, even from inside a filter branch; the client gets 202', async () => {
    const r = await call('/services/Drop', (l) => l.length >= 1);
    expect(ran(r.logs)).toEqual(['before drop']);
    expect(r.status).toBe(202);
    expect(r.body).toBe('');
  });

  it('an unknown path runs the default main sequence: its <in> logs and answers 404', async () => {
    const r = await call('/nothing/here', (l) => l.length >= 1);
    expect(r.logs.map((e) => e.text)).toEqual([
      'main sequence executed for call to non-existent = /nothing/here',
    ]);
    expect(r.status).toBe(404);
  });
});
