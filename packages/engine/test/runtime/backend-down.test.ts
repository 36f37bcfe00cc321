/**
 * Back end down: a WebSocket client is closed with 1014; an HTTP client still gets 202 and the
 * fault sequence runs with the error properties. When the back end comes back, the next client
 * works without a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { startSampleBackend } from '../../src/sample-backend/index.js';
import type { EventLog } from './harness.js';
import {
  Client,
  freePort,
  post,
  project,
  runtimeWith,
  tomlFor,
  example1Files,
  example2Files,
} from './harness.js';

let runtime: Runtime | undefined;

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

const FAULT_SEQ = `<sequence name="wsFault" xmlns="http://ws.apache.org/ns/synapse">
    <log level="custom">
        <property name="ERROR_CODE" expression="get-property('ERROR_CODE')"/>
        <property name="ERROR_MESSAGE" expression="get-property('ERROR_MESSAGE')"/>
    </log>
</sequence>
`;

describe('back end down', () => {
  it('closes a WebSocket client with 1014, then works again once the back end is up', async () => {
    const backendPort = await freePort();
    const wsPort = await freePort();
    const p = project(
      example1Files({ wsPort, backendUrl: `ws://127.0.0.1:${backendPort}/websocket` }),
      tomlFor(0),
    );
    let events: EventLog;
    ({ runtime, events } = await runtimeWith(p));
    const c = new Client(`ws://127.0.0.1:${wsPort}/websocket`);
    const closed = await c.closed;
    expect(closed.code).toBe(1014);
    expect(closed.reason).toContain(`127.0.0.1:${backendPort}`);
    await events.waitFor(
      (e) => e.kind === 'error' && e.text.startsWith('Error writing to the websocket channel'),
    );
    const backend = await startSampleBackend({ port: backendPort });
    try {
      const again = new Client(`ws://127.0.0.1:${wsPort}/websocket`);
      await again.opened;
      again.send('back');
      expect(await again.next()).toBe('back');
      await again.close();
    } finally {
      await backend.close();
    }
  });

  it('answers an HTTP client 202 and runs the fault sequence with ERROR_CODE and ERROR_MESSAGE', async () => {
    const backendPort = await freePort();
    const httpPort = await freePort();
    const p = project(
      {
        ...example2Files({ backendUrl: `ws://127.0.0.1:${backendPort}/websocket`, faultSequence: 'wsFault' }),
        'artifacts/sequences/wsFault.xml': FAULT_SEQ,
      },
      tomlFor(httpPort),
    );
    let events: EventLog;
    ({ runtime, events } = await runtimeWith(p));
    const res = await post(`http://127.0.0.1:${httpPort}/services/websocketProxy1`, '<a/>');
    expect(res.status).toBe(202);
    const line = await events.waitFor((e) => e.kind === 'log' && e.text.includes('ERROR_CODE'));
    expect(line.text).toMatch(
      /^\{proxy:websocketProxy1\} ERROR_CODE = 0, ERROR_MESSAGE = Unexpected error during sending message out\. .*127\.0\.0\.1:\d+/,
    );
    expect(line.properties?.ERROR_CODE).toBe('0');
    const backend = await startSampleBackend({ port: backendPort });
    try {
      expect((await post(`http://127.0.0.1:${httpPort}/services/websocketProxy1`, '<b/>')).status).toBe(202);
      for (let i = 0; i < 100 && backend.received.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(backend.received).toEqual(['<b/>']);
    } finally {
      await backend.close();
    }
  });
});
