// @ts-check
/** Number formatting and Markdown tables for the console report (pasteable into the README). */

/** @param {number} n */
export const rate = (n) =>
  !Number.isFinite(n)
    ? '–'
    : n >= 10_000
      ? `${(n / 1000).toFixed(1)}k`
      : n >= 1000
        ? `${(n / 1000).toFixed(2)}k`
        : n.toFixed(0);
/** @param {number} n */
export const ratio = (n) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–');
/** @param {number} n @param {number} [digits] */
export const ms = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
/** @param {number} n */
export const us = (n) => (Number.isFinite(n) ? n.toFixed(0) : '–');
/** @param {number} bytes */
export const mib = (bytes) => (Number.isFinite(bytes) ? (bytes / 1048576).toFixed(0) : '–');

/**
 * @param {string[]} head
 * @param {string[][]} rows
 * @param {boolean[]} [right] per column: right-align (numbers)
 */
export function table(head, rows, right = head.map((_, i) => i > 1)) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (/** @type {string} */ s, /** @type {number} */ i) =>
    right[i] ? s.padStart(/** @type {number} */ (widths[i])) : s.padEnd(/** @type {number} */ (widths[i]));
  const line = (/** @type {string[]} */ r) => `| ${r.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}
