/**
 * Java's text conversions that Synapse output depends on. Synapse builds its strings with
 * `Double.toString`, `String.trim` and friends, and users see those strings in logs and payloads.
 */

/**
 * `Double.toString(d)`: Jaxen returns XPath numbers as `java.lang.Double`, and Synapse prints
 * the result with `toString()`, so `count(//a)` reads `3.0`, not `3`.
 */
export function javaDoubleString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    // In this range JS also prints plain decimals; Java always shows a fraction digit.
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  // Outside it Java uses "computerized scientific notation": 1.0E7, 1.5E-4.
  const text = d.toExponential();
  const e = text.indexOf('e');
  const mantissa = text.slice(0, e);
  const exponent = text.slice(e + 1);
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

// `String.trim()` lives with the model's Java conversions, which validation shares.
export { javaTrim } from '../../model/expressions/java-conversions.js';

/** `Boolean.parseBoolean(s)`: true only for "true", ignoring case. */
export function javaParseBoolean(s: string): boolean {
  return s.length === 4 && s.toLowerCase() === 'true';
}
