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
import { freePort, project, runtimeWith, tomlFor, until } from './harness.js';
import { proxyXml, send } from './http-helpers.js';

// A collector the test can run: without it heap numbers are only where the last GC left them.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PARTS = 100;
const ROUNDS = Number(process.env.EIP_ROUNDS ?? 1000);
const CONCURRENCY = 8;
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
