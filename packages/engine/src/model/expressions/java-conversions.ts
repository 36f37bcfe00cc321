/**
 * The Java conversions Synapse applies to property and variable values (PropertyMediator
 * .convertValue, v2 Utils.convertValue): Double.parseDouble, Integer/Short/Long.parseXxx and
 * JavaUtils.isTrueExplicitly. Browser-safe, so validation (studio and `mediate validate`) and the
 * runtime judge a value by the same rules.
 */

/** A value Java would refuse; the message says why (`'abc' is not a whole number.`). */
export class JavaConversionError extends Error {}

const INTEGER_TEXT = /^[+-]?\d+$/;
/** Java's Double.parseDouble syntax (after String.trim), without hexadecimal floats. */
const DOUBLE_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

/** `String.trim()`: strips code points up to U+0020 only (JS `trim` strips Unicode spaces too). */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Double.parseDouble: throws on text Java rejects (including ''). */
export function javaParseDouble(value: string): number {
  const t = javaTrim(value);
  if (!DOUBLE_TEXT.test(t)) throw new JavaConversionError(`'${value}' is not a number.`);
  return Number(t.replace(/[fFdD]$/, ''));
}

/**
 * Integer/Short/Long.parseXxx: digits only (no spaces, no decimal point), within the type's
 * range. A long beyond JavaScript's safe integers comes back as a bigint.
 */
export function javaParseWhole(value: string, type: string, bits: 16 | 32 | 64): number | bigint {
  if (!INTEGER_TEXT.test(value)) throw new JavaConversionError(`'${value}' is not a whole number.`);
  const n = BigInt(value);
  const limit = 1n << BigInt(bits - 1);
  if (n < -limit || n >= limit) throw new JavaConversionError(`'${value}' is out of range for ${type}.`);
  return bits === 64 && (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER))
    ? n
    : Number(n);
}

/** Java's `(int) d` and `(short) d`: truncation, NaN to 0, clamped to int, then wrapped to short. */
export function javaNarrow(d: number, bits: 16 | 32): number {
  const i = Number.isNaN(d) ? 0 : Math.max(-2147483648, Math.min(2147483647, Math.trunc(d)));
  return bits === 32 ? i : (i << 16) >> 16;
}

/** JavaUtils.isTrueExplicitly: `true`, `yes` (any case) and `1` are true; anything else false. */
export function javaIsTrueExplicitly(value: string): boolean {
  const s = value.toLowerCase();
  return s === 'true' || value === '1' || s === 'yes';
}

/**
 * What is wrong with a literal `value` for a property or variable of `type` (STRING, INTEGER, …),
 * as the conversion at deploy time would find it; undefined when it converts. BOOLEAN never fails
 * in MI (anything but true/yes/1 is false), so it is not judged here; OM/XML and JSON neither.
 */
export function literalConversionProblem(value: string, type: string | undefined): string | undefined {
  const name = (type ?? 'STRING').toUpperCase();
  try {
    if (name === 'INTEGER') javaParseWhole(value, name, 32);
    else if (name === 'SHORT') javaParseWhole(value, name, 16);
    else if (name === 'LONG') javaParseWhole(value, name, 64);
    else if (name === 'DOUBLE' || name === 'FLOAT') javaParseDouble(value);
    return undefined;
  } catch (e) {
    if (e instanceof JavaConversionError) return e.message;
    throw e;
  }
}

/** True when MI reads `value` as a boolean the user clearly meant (true/false/yes/no/1/0). */
export function isPlainBoolean(value: string): boolean {
  return /^(true|false|yes|no|1|0)$/i.test(value);
}
