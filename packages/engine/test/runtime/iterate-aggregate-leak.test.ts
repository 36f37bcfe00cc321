/**
 * Nothing leaks from iterate and aggregate (issue 13, acceptance 3): 100,000 split messages
 * gathered back (1,000 requests of 100 parts each, XML and JSON, through a real HTTP client)
 * leave the heap and RSS near where they started, no extra timers (every gather had a timeout
 * timer: unref'd, so counted by the aggregate, and Node's own list of timers checked too), no
 * extra sockets, and no open gather. And stopping the runtime releases a gather
 * still waiting for its parts, with its timer (AggregateMediator.destroy; here CompileEnv.onRetire).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { openGathers } from '../../src/runtime/mediation/handlers/aggregate.js';
import { Client, freePort, project, runtimeWith, tomlFor, until } from './harness.js';
import { proxyXml, send, wsInboundXml } from './http-helpers.js';

// A collector the test can run: without it heap numbers are only where the last GC left them.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PARTS = 100;
const ROUNDS = Number(process.env.EIP_ROUNDS ?? 1000);
const CONCURRENCY = 8;
/** Rounds over the WebSocket client (the 100,000; fewer only to try the test out). */
const WS_ROUNDS = Number(process.env.EIP_WS_ROUNDS ?? 100_000);
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const xmlBody = `<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body><items>${Array.from(
  { length: PARTS },
  (_, i) => `<item>${i}</item>`,
).join('')}</items></soapenv:Body></soapenv:Envelope>`;
const jsonBody = JSON.stringify({ items: Array.from({ length: PARTS }, (_, i) => ({ n: i })) });

/** Active handles of a kind (`Timeout`, `TCPSocketWrap`, …) right now. */
const active = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;

/** The heap and RSS after the collector has run a few times with turns of the event loop between. */
async function settled(): Promise<{ heap: number; rss: number }> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

const runtimes: Runtime[] = [];
afterAll(async () => {
  for (const r of runtimes) await r.stop();
});

const gatherProxy = (name: string, expression: string, merge: string) =>
  proxyXml(
    name,
    `<inSequence>
       <iterate expression="${expression}">
         <target><sequence>
           <aggregate>
             <completeCondition timeout="60"><messageCount min="-1" max="-1"/></completeCondition>
             <onComplete expression="${merge}"><respond/></onComplete>
           </aggregate>
         </sequence></target>
       </iterate>
     </inSequence>`,
  );

describe('iterate + aggregate: nothing leaks', () => {
  it(`${ROUNDS * PARTS} split messages gathered leave heap, RSS, timers, sockets and open gathers where they were (IterateMediator, AggregateMediator.completeAggregate: activeAggregates.remove, Aggregate.cancel)`, async () => {
    const http = await freePort();
    const base = `http://127.0.0.1:${http}`;
    const { runtime } = await runtimeWith(
      project(
        {
          'artifacts/proxy-services/GatherXml.xml': gatherProxy('GatherXml', '//item', '//item'),
          'artifacts/proxy-services/GatherJson.xml': gatherProxy(
            'GatherJson',
            'json-eval($.items)',
            'json-eval($)',
          ),
        },
        tomlFor(http),
      ),
    );
    runtimes.push(runtime);
    let done = 0;
    const round = async (i: number) => {
      const json = process.env.EIP_KIND ? process.env.EIP_KIND === 'json' : i % 4 !== 0;
      const r = await send(`${base}/services/${json ? 'GatherJson' : 'GatherXml'}`, {
        body: json ? jsonBody : xmlBody,
        type: json ? 'application/json' : 'text/xml',
      });
      expect(r.status).toBe(200);
      if (json) expect((JSON.parse(r.body) as unknown[]).length).toBe(PARTS);
      else expect(r.body.split('<item>').length - 1).toBe(PARTS);
      done++;
    };
    const run = async (from: number, to: number) => {
      let next = from;
      const worker = async () => {
        while (next < to) await round(next++);
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    };
    // Warm up (compiled code, pools, caches), then measure from there.
    await run(0, 40);
    const timersBefore = active('Timeout');
    const socketsBefore = active('TCPSocketWrap');
    const before = await settled();
    await run(40, 40 + ROUNDS);
    expect(done).toBe(40 + ROUNDS);
    expect(openGathers).toEqual({ count: 0, timers: 0 });
    // Client sockets close after each one-shot request; give the server's side a moment.
    await until(() => active('TCPSocketWrap') <= socketsBefore, 10000);
    expect(active('Timeout')).toBeLessThanOrEqual(timersBefore);
    const after = await settled();
    expect(after.heap - before.heap).toBeLessThan(20 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(60 * 1024 * 1024);
  }, 120000);

  it(`${WS_ROUNDS.toLocaleString('en')} rounds (one message split in two and gathered, each) over a WebSocket client leave heap, RSS, timers, sockets and open gathers where they were`, async () => {
    const wsPort = await freePort();
    const { runtime } = await runtimeWith(
      project(
        {
          'artifacts/sequences/rounds.xml': `<sequence name="rounds" xmlns="http://ws.apache.org/ns/synapse">
  <filter xpath="get-property('source.handshake.present') = 'true' or get-property('connection.terminate') = 'true'"><then><drop/></then></filter>
  <iterate expression="json-eval($.items)">
    <target><sequence>
      <aggregate>
        <completeCondition timeout="60"><messageCount min="-1" max="-1"/></completeCondition>
        <onComplete expression="json-eval($)"><respond/></onComplete>
      </aggregate>
    </sequence></target>
  </iterate>
</sequence>`,
          // Frames are JSON (ws.default.content.type), so json-eval reads them.
          'artifacts/inbound-endpoints/Rounds.xml': wsInboundXml('Rounds', 'rounds', wsPort).replace(
            '</parameters>',
            '<parameter name="ws.default.content.type">application/json</parameter></parameters>',
          ),
        },
        tomlFor(0),
      ),
    );
    runtimes.push(runtime);
    const client = new Client(`ws://127.0.0.1:${wsPort}/rounds`);
    await client.opened;
    const frame = JSON.stringify({ items: [{ n: 1 }, { n: 2 }] });
    let answered = 0;
    let wrong = 0;
    /** Resolves once `answered` reaches `wanted` (set by `reached`). */
    let waiting: { wanted: number; resolve: () => void } | undefined;
    client.ws.on('message', (data: Buffer) => {
      answered++;
      if ((JSON.parse(data.toString()) as unknown[]).length !== 2) wrong++;
      if (waiting && answered >= waiting.wanted) waiting.resolve();
    });
    const reached = (wanted: number) =>
      answered >= wanted
        ? Promise.resolve()
        : new Promise<void>((resolve) => (waiting = { wanted, resolve }));
    /** Sends `n` rounds, at most 256 waiting at a time, and waits for every answer. */
    const rounds = async (n: number) => {
      const target = answered + n;
      let sent = answered;
      while (sent < target) {
        while (sent < target && sent - answered < 256) {
          client.ws.send(frame);
          sent++;
        }
        await reached(Math.min(target, sent - 128));
      }
      await reached(target);
    };
    await rounds(1000);
    const timersBefore = active('Timeout');
    const socketsBefore = active('TCPSocketWrap');
    const before = await settled();
    await rounds(WS_ROUNDS);
    expect(wrong).toBe(0);
    expect(openGathers).toEqual({ count: 0, timers: 0 });
    expect(active('Timeout')).toBeLessThanOrEqual(timersBefore);
    expect(active('TCPSocketWrap')).toBeLessThanOrEqual(socketsBefore);
    const after = await settled();
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `${WS_ROUNDS} rounds: heap ${mb(before.heap)} → ${mb(after.heap)} MB, RSS ${mb(before.rss)} → ${mb(after.rss)} MB`,
    );
    expect(after.heap - before.heap).toBeLessThan(20 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(60 * 1024 * 1024);
    client.ws.close();
  }, 180000);

  it('stopping the runtime releases a gather still waiting for its parts, and its timer (CompileEnv.onRetire)', async () => {
    const http = await freePort();
    const { runtime } = await runtimeWith(
      project(
        {
          // Two of three parts are dropped: the gather waits for its 60 s timeout.
          'artifacts/proxy-services/Waits.xml': proxyXml(
            'Waits',
            `<inSequence>
               <iterate expression="//item">
                 <target><sequence>
                   <filter xpath="//item != '0'"><then><drop/></then></filter>
                   <aggregate>
                     <completeCondition timeout="60"><messageCount min="-1" max="-1"/></completeCondition>
                     <onComplete expression="//item"><respond/></onComplete>
                   </aggregate>
                 </sequence></target>
               </iterate>
             </inSequence>`,
          ),
        },
        tomlFor(http),
      ),
    );
    const openBefore = { ...openGathers };
    const pending = send(`http://127.0.0.1:${http}/services/Waits`, {
      body: '<items><item>0</item><item>1</item><item>2</item></items>',
      type: 'application/xml',
    }).catch((e: unknown) => e);
    await until(() => openGathers.count === openBefore.count + 1);
    expect(openGathers.timers).toBe(openBefore.timers + 1);
    await runtime.stop();
    expect(openGathers).toEqual(openBefore);
    // The client's connection closed with the listener: its request ends without an answer.
    await pending;
  });
});
