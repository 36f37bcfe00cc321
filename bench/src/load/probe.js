// @ts-check
/**
 * One-message checks that a target really relays before it is measured: a WebSocket frame must
 * come back upper-cased by the back end to the client that sent it, and a POST must get 202.
 * A target that fails here would otherwise show up as a confusing zero in the tables.
 */
import { WebSocket } from 'ws';
import { httpRequest, pollUntil } from '../util/http.js';
import { jsonPayload } from './payload.js';

/**
 * @param {string} url
 * @returns {Promise<true | undefined>}
 */
function wsOnce(url) {
  const body = jsonPayload(64).toString();
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      resolve(undefined);
    }, 2000);
    ws.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    ws.once('open', () => ws.send(body));
    ws.once('message', (data, isBinary) => {
      clearTimeout(timer);
      ws.close();
      const text = data.toString();
      if (isBinary || text !== body.toUpperCase())
        reject(new Error(`unexpected reply ${JSON.stringify(text.slice(0, 80))}`));
      else resolve(true);
    });
  });
}

/**
 * Retries until a WebSocket round trip through the target works.
 * @param {string} name
 * @param {string} url
 * @param {number} [timeoutMs]
 */
export async function probeWs(name, url, timeoutMs = 15_000) {
  await pollUntil(() => wsOnce(url), {
    timeoutMs,
    intervalMs: 200,
    what: `${name}: WebSocket round trip via ${url}`,
  });
}

/**
 * Retries until a POST gets 202.
 * @param {string} name
 * @param {string} url
 * @param {number} [timeoutMs]
 */
export async function probeHttp(name, url, timeoutMs = 15_000) {
  await pollUntil(
    async () => {
      const r = await httpRequest(url, {
        method: 'POST',
        body: jsonPayload(64).toString(),
        headers: { 'content-type': 'application/json' },
      });
      if (r.status !== 202) throw new Error(`status ${r.status}: ${r.body.slice(0, 200)}`);
      return true;
    },
    { timeoutMs, intervalMs: 200, what: `${name}: POST → 202 via ${url}` },
  );
}
