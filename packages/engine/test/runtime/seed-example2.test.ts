/**
 * Seed Example 2: HTTP POST → proxy websocketProxy1 → WebSocket back end, the reply injected
 * into the transport-level outflow dispatch sequence.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateProject } from '../../src/model/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { startSampleBackend, type SampleBackend } from '../../src/sample-backend/index.js';
import type { EventLog } from './harness.js';
import { fixture, freePort, post, project, runtimeWith, tomlFor, until, example2Files } from './harness.js';

let backend: SampleBackend;
let runtime: Runtime | undefined;
let events: EventLog;
let httpPort: number;

const SOAP =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><test>Value</test></soapenv:Body></soapenv:Envelope>';

function example2(dispatchSeq?: string) {
  return project(
    example2Files({ backendUrl: backend.url, ...(dispatchSeq ? { dispatchSeq } : {}) }),
    tomlFor(httpPort, "[transport.ws]\nsender.outflow_dispatch_sequence = 'outDispatchSeq'"),
  );
}

beforeEach(async () => {
  backend = await startSampleBackend({ port: 0 });
  httpPort = await freePort();
});

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  await backend.close();
});

describe('seed Example 2', () => {
  it('answers 202 with an empty body and forwards the body to the back end', async () => {
    ({ runtime, events } = await runtimeWith(example2()));
    const res = await post(`http://127.0.0.1:${httpPort}/services/websocketProxy1`, SOAP);
    expect(res.status).toBe(202);
    expect(res.body).toBe('');
    await until(() => backend.received.length === 1, 5000, 'the back end to receive the body');
    expect(backend.received[0]).toBe(SOAP);
  });

  it('negotiates synapse(contentType=application/json) and logs the reply in the outflow sequence', async () => {
    ({ runtime, events } = await runtimeWith(example2()));
    expect((await post(`http://127.0.0.1:${httpPort}/services/websocketProxy1`, SOAP)).status).toBe(202);
    const line = await events.waitFor((e) => e.kind === 'log' && e.text.includes('websocketResponse'));
    expect(line.text).toMatch(
      /^To: , MessageID: urn:uuid:\S+, Direction: request, Payload: \{"websocketResponse":"dummy"\}$/,
    );
    expect(line.mediatorPath).toBe('outDispatchSeq:sequence/0');
  });

  it('shares one back-end connection between HTTP requests', async () => {
    ({ runtime, events } = await runtimeWith(example2()));
    for (let i = 0; i < 5; i++)
      expect(
        (
          await post(
            `http://127.0.0.1:${httpPort}/services/websocketProxy1`,
            `<a>${i}</a>`,
            'application/xml',
          )
        ).status,
      ).toBe(202);
    await until(() => backend.received.length === 5, 5000, 'five frames');
    expect(backend.totalConnections()).toBe(1);
  });

  it('the docs spelling websocket.accept.contentType is ignored, as in MI: a warning, and no subprotocol asked for', async () => {
    // MI's WebsocketTransportSender reads WebsocketConstants.CONTENT_TYPE, spelled
    // `websocket.accept.contenType`; the docs' corrected spelling requests nothing.
    const seq = fixture('seed-example2/dispatchSeq.xml').replace(
      'websocket.accept.contenType',
      'websocket.accept.contentType',
    );
    const p = example2(seq);
    const warning = validateProject(p).find((d) => d.code === 'PROPERTY_MI_IGNORES');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain("'websocket.accept.contenType'");
    const negotiated: (string | undefined)[] = [];
    backend.onMessage = (_data, _binary, connection) => {
      negotiated.push(connection.protocol);
      return undefined;
    };
    ({ runtime, events } = await runtimeWith(p));
    expect((await post(`http://127.0.0.1:${httpPort}/services/websocketProxy1`, SOAP)).status).toBe(202);
    // No subprotocol asked for: the sample back end echoes the frame instead of answering JSON.
    const line = await events.waitFor(
      (e) => e.kind === 'log' && e.mediatorPath === 'outDispatchSeq:sequence/0',
    );
    expect(negotiated).toEqual([undefined]);
    expect(line.text).toContain('Payload: <soapenv:Envelope');
  });
});
