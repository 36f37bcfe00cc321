/**
 * Deploy is a transaction: a failed deploy leaves the old one serving and its clients
 * connected; changing only a sequence keeps clients connected and the next frame uses the new
 * sequence; removing an inbound endpoint closes its clients with 1001.
 */
import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import type { EventLog } from './harness.js';
import { Client, freePort, project, runtimeWith, tomlFor } from './harness.js';

let runtime: Runtime | undefined;
let events: EventLog;
let wsPort: number;
let httpPort: number;

const inbound = (
  port: number,
  name = 'Echo',
) => `<inboundEndpoint name="${name}" protocol="ws" sequence="echoSeq" xmlns="http://ws.apache.org/ns/synapse">
    <parameters>
        <parameter name="inbound.ws.port">${port}</parameter>
        <parameter name="ws.shutdown.status.message">bye</parameter>
    </parameters>
</inboundEndpoint>
`;

/** A sequence that answers every frame itself, tagging it with a log line. */
const echo = (tag: string) => `<sequence name="echoSeq" xmlns="http://ws.apache.org/ns/synapse">
    <log level="custom"><property name="tag" value="${tag}"/></log>
    <respond/>
</sequence>
`;

function files(tag: string, extra: Record<string, string> = {}) {
  return {
    'artifacts/inbound-endpoints/Echo.xml': inbound(wsPort),
    'artifacts/sequences/echoSeq.xml': echo(tag),
    ...extra,
  };
}

beforeEach(async () => {
  wsPort = await freePort();
  httpPort = await freePort();
});

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

describe('transactional deploy', () => {
  it('keeps serving the old deployment when the new one has an invalid artifact', async () => {
    ({ runtime, events } = await runtimeWith(project(files('v1'), tomlFor(httpPort))));
    const c = new Client(`ws://127.0.0.1:${wsPort}/`);
    await c.opened;
    const bad = project(
      files('v2', {
        'artifacts/sequences/broken.xml':
          '<sequence name="broken" xmlns="http://ws.apache.org/ns/synapse"><log level="loud"/></sequence>',
      }),
      tomlFor(httpPort),
    );
    const result = await runtime.deploy(bad);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.find((d) => d.severity === 'error')).toMatchObject({
      code: 'ENUM_VALUE',
      artifact: 'broken',
    });
    c.send('still');
    expect(await c.next()).toBe('still');
    await events.waitFor((e) => e.kind === 'log' && e.text === 'tag = v1');
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    await c.close();
  });

  it('keeps serving when a new listener cannot bind its port', async () => {
    ({ runtime, events } = await runtimeWith(project(files('v1'), tomlFor(httpPort))));
    const c = new Client(`ws://127.0.0.1:${wsPort}/`);
    await c.opened;
    const taken = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(taken, '127.0.0.1', () => r()));
    try {
      const next = project(
        files('v2', { 'artifacts/inbound-endpoints/Second.xml': inbound(taken, 'Second') }),
        tomlFor(httpPort),
      );
      const result = await runtime.deploy(next);
      expect(result.ok).toBe(false);
      expect(
        result.diagnostics.some(
          (d) =>
            d.code === 'LISTENER_START' &&
            d.message.includes(`port ${taken}`) &&
            d.message.includes('already in use'),
        ),
      ).toBe(true);
      c.send('old');
      expect(await c.next()).toBe('old');
      await events.waitFor((e) => e.kind === 'log' && e.text === 'tag = v1');
      expect(events.logs().some((e) => e.text === 'tag = v2')).toBe(false);
      expect(
        runtime
          .status()
          .listeners.map((l) => l.port)
          .sort(),
      ).toEqual([httpPort, wsPort].sort());
    } finally {
      blocker.close();
    }
    await c.close();
  });

  it('changing only a sequence keeps clients connected and the next frame uses the new sequence', async () => {
    ({ runtime, events } = await runtimeWith(project(files('v1'), tomlFor(httpPort))));
    const c = new Client(`ws://127.0.0.1:${wsPort}/`);
    await c.opened;
    c.send('one');
    await c.next();
    const result = await runtime.deploy(project(files('v2'), tomlFor(httpPort)));
    expect(result.ok).toBe(true);
    expect(result.changes.updated).toEqual(['sequence:echoSeq']);
    expect(result.changes.unchanged).toEqual(['inboundEndpoint:Echo']);
    c.send('two');
    expect(await c.next()).toBe('two');
    await events.waitFor((e) => e.kind === 'log' && e.text === 'tag = v2');
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    await c.close();
  });

  it('undeploying an inbound endpoint closes its clients with 1001 and its message', async () => {
    ({ runtime, events } = await runtimeWith(project(files('v1'), tomlFor(httpPort))));
    const c = new Client(`ws://127.0.0.1:${wsPort}/`);
    await c.opened;
    const result = await runtime.deploy(
      project({ 'artifacts/sequences/echoSeq.xml': echo('v1') }, tomlFor(httpPort)),
    );
    expect(result.ok).toBe(true);
    expect(result.changes.removed).toEqual(['inboundEndpoint:Echo']);
    expect(await c.closed).toEqual({ code: 1001, reason: 'bye' });
    await expect(new Client(`ws://127.0.0.1:${wsPort}/`).opened).rejects.toThrow();
  });

  it('runs deploys one at a time, in order', async () => {
    ({ runtime, events } = await runtimeWith(project(files('v1'), tomlFor(httpPort))));
    const results = await Promise.all(
      ['a', 'b', 'c'].map((t) => runtime!.deploy(project(files(t), tomlFor(httpPort)))),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(results.map((r) => r.changes.updated)).toEqual([
      ['sequence:echoSeq'],
      ['sequence:echoSeq'],
      ['sequence:echoSeq'],
    ]);
    const c = new Client(`ws://127.0.0.1:${wsPort}/`);
    await c.opened;
    c.send('x');
    await c.next();
    await events.waitFor((e) => e.kind === 'log' && e.text === 'tag = c');
    await c.close();
  });
});
