// @ts-check
/**
 * What reads a Mediate's standard output in the console scenario: its stdin is that output. It
 * counts log lines and the losses the console reports, reading as fast as it can or, with
 * `slow`, one 16 KiB chunk per 50 ms (320 KiB/s: a terminal or a pager behind a busy log).
 *
 * Usage (forked by the bench): node console-reader.js fast|slow
 */
import { ready, serve } from '../util/ipc.js';

const slow = process.argv[2] === 'slow';
let bytes = 0;
let lines = 0;
let dropped = 0;
let rest = '';

/** @param {string} text */
function count(text) {
  const all = rest + text;
  const cut = all.lastIndexOf('\n');
  rest = all.slice(cut + 1);
  for (const line of all.slice(0, cut + 1).split('\n')) {
    if (line.includes('{LogMediator}')) lines++;
    const m = /(\d+) events were dropped/.exec(line);
    if (m) dropped += Number(m[1]);
  }
}

if (slow) {
  // Paused mode: the pipe fills while we wait, as it does behind a slow terminal.
  const take = () => {
    const chunk = /** @type {Buffer | null} */ (process.stdin.read(16384) ?? process.stdin.read());
    if (chunk) {
      bytes += chunk.length;
      count(chunk.toString());
    }
    setTimeout(take, 50);
  };
  process.stdin.once('readable', take);
} else {
  process.stdin.on('data', (/** @type {Buffer} */ chunk) => {
    bytes += chunk.length;
    count(chunk.toString());
  });
}

serve({ count: () => ({ bytes, lines, dropped }) });
ready({});
