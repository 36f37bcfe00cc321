// @ts-check
/** Small HTTP helpers for the admin APIs (health polls, deploys), on node:http to keep timing honest. */
import http from 'node:http';
import { sleep } from './stats.js';

/**
 * One request; resolves with status and body text, rejects on connection errors or timeout.
 * A fresh connection per call (no agent) so a poll never waits behind a stale keep-alive socket.
 * @param {string} url
 * @param {{ method?: string, body?: string, headers?: Record<string, string>, timeoutMs?: number }} [options]
 * @returns {Promise<{ status: number, body: string }>}
 */
export function httpRequest(url, options = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks = /** @type {Buffer[]} */ ([]);
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Polls `check` every `intervalMs` until it returns a value other than undefined.
 * @template T
 * @param {() => Promise<T | undefined>} check errors count as "not yet"
 * @param {{ timeoutMs: number, intervalMs?: number, what: string }} options
 * @returns {Promise<T>}
 */
export async function pollUntil(check, options) {
  const end = Date.now() + options.timeoutMs;
  let last = '';
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = /** @type {Error} */ (e).message;
    }
    await sleep(options.intervalMs ?? 20);
  }
  throw new Error(`${options.what}: not within ${options.timeoutMs} ms${last ? ` (${last})` : ''}`);
}
