/**
 * Issue 13, acceptance 3: 10,000 throttled requests leave the heap and RSS, the timers and the
 * open sockets where they started, the throttle's caller windows stay bounded while they run,
 * and nothing of the throttle is kept once its deployment is gone (ThrottleMediator's caller
 * contexts, ThrottleContext.processCleanList; Mediate sweeps ended windows instead of a timer).
 */
import { Agent, request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { throttleWindowCount } from '../../src/runtime/mediation/handlers/throttle-state.js';
import { freePort, project, runtimeWith, tomlFor, until } from './harness.js';
import { proxyXml, startBackend, type Backend } from './http-helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const NS = `xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" xmlns:throttle="http://www.wso2.org/products/wso2commons/throttle"`;
const rule = (id: string, max: number, unit: number) =>
  `<wsp:Policy><throttle:ID throttle:type="IP">${id}</throttle:ID><wsp:Policy><throttle:Control><wsp:Policy>
     <throttle:MaximumCount>${max}</throttle:MaximumCount><throttle:UnitTime>${unit}</throttle:UnitTime>
   </wsp:Policy></throttle:Control></wsp:Policy></wsp:Policy>`;

let runtime: Runtime | undefined;
let backend: Backend;
let url: string;

beforeAll(async () => {
  backend = await startBackend((req, res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end(req.body),
  );
  const http = await freePort();
  url = `http://127.0.0.1:${http}/services/Guarded`;
  // Short windows, so they end and restart (and are swept) many times during the run.
  const policy = `<policy><wsp:Policy ${NS}><throttle:MediatorThrottleAssertion>
      <throttle:MaximumConcurrentAccess>6</throttle:MaximumConcurrentAccess>
      ${rule('other', 50, 100)}${rule('10.9.1.*', 20, 100)}${rule('10.9.2.1-10.9.2.200', 20, 100)}
    </throttle:MediatorThrottleAssertion></wsp:Policy></policy>`;
  const files = {
    'artifacts/proxy-services/Guarded.xml': proxyXml(
      'Guarded',
      `<inSequence><throttle id="G">${policy}
         <onAccept><call><endpoint><address uri="${backend.url}/g"/></endpoint></call><respond/></onAccept>
         <onReject><property name="HTTP_SC" value="429" scope="axis2"/><respond/></onReject>
       </throttle></inSequence>`,
    ),
  };
  ({ runtime } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime?.stop();
  await backend.close();
});

/** `n` requests, `parallel` at a time, over keep-alive connections closed at the end. */
async function fire(n: number, parallel: number): Promise<Record<number, number>> {
  const agent = new Agent({ keepAlive: true, maxSockets: parallel });
  const seen: Record<number, number> = {};
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      // Callers from several rules and from none: the client address, a net.* rule, a range.
      const from = [undefined, `10.9.1.${i % 250}`, `10.9.2.${i % 250}`, `192.0.2.${i % 250}`][i % 4];
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'text/plain', ...(from ? { 'x-forwarded-for': from } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            seen[res.statusCode ?? 0] = (seen[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(`m${i}`);
    });
  const worker = async () => {
    while (next < n) await one(next++);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  agent.destroy();
  // The test back end records every request; what it keeps is not the runtime's.
  backend.received.splice(0);
  return seen;
}

/** How many of each kind of active handle the process has (sockets, timers, servers). */
function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}
const count = (kind: string) => resources()[kind] ?? 0;

function memory(): { heap: number; rss: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

it('10,000 throttled requests leave heap, RSS, timers and sockets where they started; the caller windows stay bounded and go with the deployment', async () => {
  // Warm up: code compiled, pools and buffers at their working size.
  await fire(1000, 8);
  // The client's sockets close as the servers see them go: wait until the count holds still.
  let last = -1;
  await until(
    () => {
      const n = count('TCPSocketWrap');
      const still = n === last;
      last = n;
      return still;
    },
    15_000,
    'the warm-up sockets to settle',
    250,
  );
  const before = { sockets: count('TCPSocketWrap'), timers: count('Timeout'), ...memory() };

  let maxWindows = 0;
  const watch = setInterval(() => (maxWindows = Math.max(maxWindows, throttleWindowCount())), 5);
  const seen = await fire(10_000, 8);
  clearInterval(watch);

  // Every request was answered, accepted or rejected; the throttle did both.
  expect((seen[200] ?? 0) + (seen[429] ?? 0)).toBe(10_000);
  expect(seen[200]).toBeGreaterThan(0);
  expect(seen[429]).toBeGreaterThan(0);
  // One window per rule key at most (MI counts per rule: other, 10.9.1.*, the range).
  expect(maxWindows).toBeLessThanOrEqual(3);

  // The client's sockets close; the runtime's back-end pool is back to its warm size.
  await until(() => count('TCPSocketWrap') <= before.sockets, 15_000, 'sockets back to the start');
  await until(() => count('Timeout') <= before.timers, 15_000, 'timers back to the start');
  const after = memory();
  // Heap after GC: 10,000 requests each keeping 300 bytes would leave 3 MB (a run leaves well
  // under 1 MB: code and caches warming further).
  expect(after.heap - before.heap).toBeLessThan(3 * 1024 * 1024);
  expect(after.rss - before.rss).toBeLessThan(32 * 1024 * 1024);

  // Retired with its deployment: no windows are left anywhere.
  await runtime!.stop();
  runtime = undefined;
  expect(throttleWindowCount()).toBe(0);
}, 180_000);
