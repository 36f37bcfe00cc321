// @ts-check
/**
 * Scenario B's load generator, in its own process: autocannon POSTing a JSON body of a given size
 * over C keep-alive connections, one request in flight per connection.
 *
 * Driven by the bench over IPC: `run {url, connections, size, seconds}` → a summary. The bench
 * calls it twice per cell (warm-up, then measured) and reads the target's CPU around the second.
 * Note: autocannon records latency in a histogram of whole milliseconds, so sub-millisecond
 * latencies read as 0 or 1 ms.
 */
import autocannon from 'autocannon';
import { serve } from '../util/ipc.js';
import { jsonPayload } from './payload.js';

serve({
  run: async (/** @type {{ url: string, connections: number, size: number, seconds: number }} */ m) => {
    const r = await autocannon({
      url: m.url,
      method: 'POST',
      connections: m.connections,
      pipelining: 1,
      duration: m.seconds,
      body: jsonPayload(m.size),
      headers: { 'content-type': 'application/json' },
      timeout: 10,
    });
    const accepted = r.statusCodeStats?.['202']?.count ?? 0;
    return {
      durationSec: r.duration,
      completed: r.requests.total,
      accepted,
      other: r['1xx'] + r['2xx'] - accepted + r['3xx'] + r['4xx'] + r['5xx'],
      errors: r.errors,
      timeouts: r.timeouts,
      reqPerSec: r.requests.total / r.duration,
      p50: r.latency.p50,
      p99: r.latency.p99,
      statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    };
  },
});
