/**
 * `[mediate.retry]`: HTTP POSTs to a proxy whose flow sends to a ws:// back end, while that back
 * end is stopped (the sample back end closed) and started again on the same port. Enabled, every
 * message Mediate could not write arrives, in order, once the back end is back; past the limits
 * the oldest are dropped, counted and reported; off, nothing changes (MI's behaviour: lost).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/model/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { startSampleBackend, type SampleBackend } from '../../src/sample-backend/index.js';
import {
  freePort,
  post,
  project,
  runtimeWith,
  tomlFor,
  until,
  type EventLog,
  example2Files,
} from './harness.js';

let runtime: Runtime | undefined;
const backends: SampleBackend[] = [];
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  for (const b of backends.splice(0)) await b.close();
});

async function backendOn(port: number): Promise<SampleBackend> {
  const b = await startSampleBackend({ port });
  backends.push(b);
  return b;
}

const FAULT_SEQ = `<sequence name="wsFault" xmlns="http://ws.apache.org/ns/synapse">
    <log level="custom"><property name="FAULT" expression="get-property('ERROR_MESSAGE')"/></log>
</sequence>
`;

/** The fault sequence's lines: one per message whose send failed. */
function faults(events: EventLog): number {
  return events.logs().filter((e) => e.text.includes('FAULT = ')).length;
}

/** The seed's Example 2 (proxy -> dispatchSeq -> send to ws://) on free ports, faults to wsFault. */
async function start(retryToml: string): Promise<{ events: EventLog; url: string; backendPort: number }> {
  const httpPort = await freePort();
  const backendPort = await freePort();
  const p = project(
    {
      ...example2Files({ backendUrl: `ws://127.0.0.1:${backendPort}/websocket`, faultSequence: 'wsFault' }),
      'artifacts/sequences/wsFault.xml': FAULT_SEQ,
    },
    tomlFor(httpPort, retryToml),
  );
  let events: EventLog;
  ({ runtime, events } = await runtimeWith(p));
  return { events, url: `http://127.0.0.1:${httpPort}/services/websocketProxy1`, backendPort };
}

/** POSTs `<m{i}/>` for each i, one after the other; every one must be accepted (202). */
async function postAll(url: string, from: number, to: number): Promise<string[]> {
  const sent: string[] = [];
  for (let i = from; i < to; i++) {
    const body = `<m${i}/>`;
    expect((await post(url, body)).status).toBe(202);
    sent.push(body);
  }
  return sent;
}

function retryOf(r: Runtime) {
  const s = r.status().retry;
  return { enabled: s.enabled, backend: s.backends[0] };
}

/** The number of messages the drop warnings reported so far. */
function reportedDrops(events: EventLog): number {
  return events.all
    .filter((e) => e.kind === 'warning' && e.text.startsWith('Dropped '))
    .reduce((n, e) => n + Number(/^Dropped (\d+)/.exec(e.text)![1]), 0);
}

describe('[mediate.retry] enabled', () => {
  it('sends what a stopped back end missed, in order, once it is back on the same port', async () => {
    const { events, url, backendPort } = await start('[mediate.retry]\nenable = true\n');
    const first = await backendOn(backendPort);
    const before = await postAll(url, 0, 10);
    await until(() => first.received.length === 10, 5000, 'the first back end to receive 10');
    await first.close();
    await events.waitFor((e) => e.kind === 'backend.closed');

    const during = await postAll(url, 10, 40);
    await events.waitFor((e) => e.kind === 'warning' && e.text.startsWith('Cannot reach back end'));
    expect(retryOf(runtime!).backend).toMatchObject({ waiting: 30, delivered: 0 });

    const second = await backendOn(backendPort);
    const after = await postAll(url, 40, 60);
    await until(() => second.received.length === 50, 10000, 'the second back end to receive 50');

    expect([...first.received, ...second.received]).toEqual([...before, ...during, ...after]);
    const r = retryOf(runtime!);
    expect(r.enabled).toBe(true);
    expect(r.backend).toMatchObject({
      url: `ws://127.0.0.1:${backendPort}/websocket`,
      waiting: 0,
      waitingBytes: 0,
      dropped: { maxMessages: 0, maxBytes: 0, maxAge: 0, stopped: 0 },
    });
    expect(r.backend!.buffered).toBeGreaterThanOrEqual(30);
    expect(r.backend!.delivered).toBe(r.backend!.buffered);
    await events.waitFor((e) => e.kind === 'backend.connected' && e.text.includes('is reachable again'));
    // Nothing failed: the fault sequence did not run for the buffered messages.
    expect(faults(events)).toBe(0);
    expect(events.all.filter((e) => e.level === 'ERROR')).toEqual([]);
  });

  it('drops the oldest past max_messages, counts and reports them, and sends the rest', async () => {
    const { events, url, backendPort } = await start('[mediate.retry]\nenable = true\nmax_messages = 5\n');
    const sent = await postAll(url, 0, 12);
    await until(() => reportedDrops(events) === 7, 5000, 'warnings reporting 7 drops');
    // Rate-limited: not one warning per message.
    expect(events.all.filter((e) => e.text.startsWith('Dropped ')).length).toBeLessThanOrEqual(2);
    expect(events.all.find((e) => e.text.startsWith('Dropped '))?.text).toMatch(
      /^Dropped \d+ messages? from HTTP clients for back end ws:\/\/127\.0\.0\.1:\d+\/websocket from the retry buffer: \d+ over \[mediate\.retry\] max_messages \(5\)$/,
    );
    expect(retryOf(runtime!).backend).toMatchObject({
      buffered: 12,
      delivered: 0,
      waiting: 5,
      dropped: { maxMessages: 7, maxBytes: 0, maxAge: 0, stopped: 0 },
    });
    const backend = await backendOn(backendPort);
    await until(() => backend.received.length === 5, 10000, 'the back end to receive 5');
    expect(backend.received).toEqual(sent.slice(7));
    expect(retryOf(runtime!).backend).toMatchObject({ delivered: 5, waiting: 0 });
  });

  it('drops the oldest past max_bytes, and a message larger than max_bytes at once', async () => {
    const { url, backendPort } = await start('[mediate.retry]\nenable = true\nmax_bytes = 20\n');
    // Six bytes each: three fit in 20.
    const sent = await postAll(url, 10, 15);
    expect((await post(url, `<big>${'x'.repeat(20)}</big>`)).status).toBe(202);
    expect(retryOf(runtime!).backend).toMatchObject({
      buffered: 6,
      waiting: 3,
      waitingBytes: 18,
      dropped: { maxMessages: 0, maxBytes: 3, maxAge: 0, stopped: 0 },
    });
    const backend = await backendOn(backendPort);
    await until(() => backend.received.length === 3, 10000, 'the back end to receive 3');
    expect(backend.received).toEqual(sent.slice(2));
  });

  it('drops what waited longer than max_age_ms instead of sending it', async () => {
    const { url, backendPort } = await start('[mediate.retry]\nenable = true\nmax_age_ms = 1000\n');
    await postAll(url, 0, 3);
    await until(() => retryOf(runtime!).backend?.dropped.maxAge === 3, 5000, 'three drops by age');
    const backend = await backendOn(backendPort);
    const late = await postAll(url, 3, 4);
    await until(() => backend.received.length === 1, 10000, 'the back end to receive 1');
    expect(backend.received).toEqual(late);
    expect(retryOf(runtime!).backend).toMatchObject({ buffered: 4, delivered: 1, waiting: 0 });
  });

  it('drops and counts what still waits when the runtime stops', async () => {
    const { events, url } = await start('[mediate.retry]\nenable = true\n');
    await postAll(url, 0, 4);
    const r = runtime!;
    await r.stop();
    runtime = undefined;
    expect(retryOf(r).backend).toMatchObject({
      buffered: 4,
      waiting: 0,
      dropped: { maxMessages: 0, maxBytes: 0, maxAge: 0, stopped: 4 },
    });
    await events.waitFor((e) => e.kind === 'warning' && /^Dropped 4 .*: 4 the runtime stopped$/.test(e.text));
  });
});

describe('[mediate.retry] off (the default)', () => {
  it('loses what a stopped back end missed, runs the fault sequence, and reports no buffer', async () => {
    const { events, url, backendPort } = await start('');
    const first = await backendOn(backendPort);
    const before = await postAll(url, 0, 5);
    await until(() => first.received.length === 5, 5000, 'the first back end to receive 5');
    await first.close();
    await events.waitFor((e) => e.kind === 'backend.closed');
    await postAll(url, 5, 10);
    // Every one of them went down the fault path (so no connection attempt is still under way).
    await until(() => faults(events) === 5, 5000, 'five fault sequence lines');
    const second = await backendOn(backendPort);
    const after = await postAll(url, 10, 15);
    await until(() => second.received.length === 5, 10000, 'the second back end to receive 5');
    expect([...first.received, ...second.received]).toEqual([...before, ...after]);
    expect(runtime!.status().retry).toEqual({ enabled: false, backends: [] });
  });
});

describe('[mediate.retry] settings', () => {
  it('reads the defaults and the keys, and names a wrong key or value', () => {
    expect(parseProjectConfig('').config.retry).toEqual({
      enable: false,
      maxMessages: 10000,
      maxBytes: 16 * 1024 * 1024,
      maxAgeMs: 60000,
    });
    const ok = parseProjectConfig(
      '[mediate.retry]\nenable = true\nmax_messages = 7\nmax_bytes = 4096\nmax_age_ms = 1500\n',
    );
    expect(ok.diagnostics).toEqual([]);
    expect(ok.config.retry).toEqual({ enable: true, maxMessages: 7, maxBytes: 4096, maxAgeMs: 1500 });
    const messages = (toml: string) => parseProjectConfig(toml).diagnostics.map((d) => d.message);
    expect(messages('[mediate.retry]\nenabled = true\n')).toEqual([
      '[mediate.retry] has no key "enabled"; its keys are enable, max_messages, max_bytes, max_age_ms.',
    ]);
    expect(messages('[mediate.retry]\nenable = "yes"\n')).toEqual([
      '[mediate.retry] enable must be true or false.',
    ]);
    expect(messages('[mediate.retry]\nmax_messages = 0\n')).toEqual([
      '[mediate.retry] max_messages must be a whole number from 1 to 10000000, not "0".',
    ]);
    expect(messages('[mediate.retry]\nmax_age_ms = 1.5\n')).toEqual([
      '[mediate.retry] max_age_ms must be a whole number from 1 to 86400000, not "1.5".',
    ]);
  });
});
