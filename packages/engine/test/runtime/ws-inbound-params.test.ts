/**
 * Inbound endpoint parameters beyond the basics: dispatch.custom.sequence picks the sequence
 * named after the client's path; ws.use.port.offset adds the server offset to the port;
 * ws.default.content.type builds frames of clients that negotiated nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import type { EventLog } from './harness.js';
import { Client, freePort, project, runtimeWith, tomlFor } from './harness.js';

let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

const inbound = (
  port: number,
  params: string,
) => `<inboundEndpoint name="In" protocol="ws" sequence="defaultSeq" xmlns="http://ws.apache.org/ns/synapse">
    <parameters>
        <parameter name="inbound.ws.port">${port}</parameter>${params}
    </parameters>
</inboundEndpoint>`;

const tagged = (name: string) => `<sequence name="${name}" xmlns="http://ws.apache.org/ns/synapse">
    <log level="custom"><property name="seq" value="${name}"/></log>
    <respond/>
</sequence>`;

describe('inbound endpoint parameters', () => {
  it('dispatch.custom.sequence runs the path-named sequence when it exists, else the inbound sequence', async () => {
    const port = await freePort();
    let events: EventLog;
    ({ runtime, events } = await runtimeWith(
      project(
        {
          'artifacts/inbound-endpoints/In.xml': inbound(
            port,
            '\n        <parameter name="dispatch.custom.sequence">true</parameter>',
          ),
          'artifacts/sequences/defaultSeq.xml': tagged('defaultSeq'),
          'artifacts/sequences/orders-eu.xml': tagged('orders-eu'),
        },
        tomlFor(await freePort()),
      ),
    ));
    const a = new Client(`ws://127.0.0.1:${port}/orders/eu`);
    const b = new Client(`ws://127.0.0.1:${port}/other`);
    await Promise.all([a.opened, b.opened]);
    a.send('x');
    b.send('y');
    expect(await a.next()).toBe('x');
    expect(await b.next()).toBe('y');
    await events.waitFor((e) => e.kind === 'log' && e.text === 'seq = orders-eu');
    await events.waitFor((e) => e.kind === 'log' && e.text === 'seq = defaultSeq');
    await Promise.all([a.close(), b.close()]);
  });

  it('ws.use.port.offset listens on the port plus [server] offset', async () => {
    const port = await freePort();
    ({ runtime } = await runtimeWith(
      project(
        {
          'artifacts/inbound-endpoints/In.xml': inbound(
            port - 7,
            '\n        <parameter name="ws.use.port.offset">true</parameter>',
          ),
          'artifacts/sequences/defaultSeq.xml': tagged('defaultSeq'),
        },
        `[server]\noffset = 7\n[transport.http]\nlistener.port = ${(await freePort()) - 7}\n`,
      ),
    ));
    expect(runtime.status().listeners.find((l) => l.kind === 'ws')?.port).toBe(port);
    const c = new Client(`ws://127.0.0.1:${port}/`);
    await c.opened;
    c.send('z');
    expect(await c.next()).toBe('z');
    await c.close();
  });

  it('ws.default.content.type builds frames as that type (JSON here)', async () => {
    const port = await freePort();
    let events: EventLog;
    ({ runtime, events } = await runtimeWith(
      project(
        {
          'artifacts/inbound-endpoints/In.xml': inbound(
            port,
            '\n        <parameter name="ws.default.content.type">application/json</parameter>',
          ),
          'artifacts/sequences/defaultSeq.xml': `<sequence name="defaultSeq" xmlns="http://ws.apache.org/ns/synapse">
    <log level="custom"><property name="who" expression="json-eval($.who)"/></log>
</sequence>`,
        },
        tomlFor(await freePort()),
      ),
    ));
    const c = new Client(`ws://127.0.0.1:${port}/`);
    await c.opened;
    c.send('{"who":"ada"}');
    await events.waitFor((e) => e.kind === 'log' && e.text === 'who = ada');
    await c.close();
  });
});
