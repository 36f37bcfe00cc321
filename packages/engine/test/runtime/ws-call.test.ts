/**
 * Issue 14: `<call>` to a `ws://` endpoint. MI's CallMediator compares OUT_ONLY with the string
 * "true"; otherwise (MI docs' `type="BOOLEAN"` included) it registers an out-in callback that a
 * WebSocket back end never answers, so MI's flow stops there until the endpoint timeout. Mediate
 * goes on at once (the README's deviations say why); the back end's reply reaches the inbound's
 * outflow sequence either way. Real sockets on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { startSampleBackend, type SampleBackend } from '../../src/sample-backend/index.js';
import { Client, freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

let runtime: Runtime;
let events: EventLog;
let backend: SampleBackend;
let wsPort: number;

beforeAll(async () => {
  backend = await startSampleBackend({ port: 0 });
  wsPort = await freePort();
  ({ runtime, events } = await runtimeWith(
    project(
      {
        'artifacts/sequences/calls.xml': `<sequence name="calls" ${NS}>
  <filter xpath="get-property('source.handshake.present') = 'true' or get-property('connection.terminate') = 'true'"><then><drop/></then></filter>
  <property name="OUT_ONLY" value="true" type="BOOLEAN"/>
  <call><endpoint><address uri="${backend.url}"/></endpoint></call>
  <log level="custom"><property name="after" value="the call"/></log>
</sequence>`,
        'artifacts/sequences/replies.xml': `<sequence name="replies" ${NS}>
  <log level="custom"><property name="reply" expression="\$body"/></log>
</sequence>`,
        'artifacts/inbound-endpoints/Calls.xml': `<inboundEndpoint name="Calls" protocol="ws" sequence="calls" onError="fault" suspend="false" ${NS}>
  <parameters>
    <parameter name="inbound.ws.port">${wsPort}</parameter>
    <parameter name="ws.outflow.dispatch.sequence">replies</parameter>
  </parameters>
</inboundEndpoint>`,
      },
      tomlFor(0),
    ),
  ));
});

afterAll(async () => {
  await runtime.stop();
  await backend.close();
});

describe('call to a ws:// endpoint', () => {
  it('with OUT_ONLY as BOOLEAN true the flow goes on after the call (Mediate; MI waits for a callback), and the reply reaches the outflow sequence', async () => {
    const c = new Client(`ws://127.0.0.1:${wsPort}/`);
    await c.opened;
    c.ws.send('ping');
    await until(() => backend.received.includes('ping'), 5000, 'the back end to get the frame');
    const after = await events.waitFor(
      (e) => e.kind === 'log' && e.mediatorPath?.startsWith('calls') === true,
    );
    expect(after.properties).toEqual({ after: 'the call' });
    await events.waitFor((e) => e.kind === 'log' && e.mediatorPath?.startsWith('replies') === true);
    c.ws.close();
  });
});
