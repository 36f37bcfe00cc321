/**
 * Values of `${…}` expressions and Synapse's rules for them (ExpressionResult and
 * BinaryOperationNode). Java keeps integers and doubles apart and prints a double as `3.0`;
 * a JS number is an integer here unless it has a fraction, and JDouble marks a double.
 */
import { javaDoubleString } from './java-text.js';
import { valueText } from './value-text.js';

/** A Java double (needed only to print integral doubles as `3.0`). */
export class JDouble {
  constructor(readonly v: number) {}
}

/** A value during evaluation: JSON values, XML nodes, and JDouble; null is Synapse's null. */
export type Val = string | number | boolean | null | JDouble | object;

/** Why an evaluation failed. Synapse logs such errors and the expression reads as ''. */
export class SynapseEvalError extends Error {}

/** True for integers and doubles alike. */
export function isNumeric(v: Val): v is number | JDouble {
  return typeof v === 'number' || v instanceof JDouble;
}

/** True for doubles: JDouble, or a number with a fraction (from JSON). */
export function isDouble(v: Val): boolean {
  return v instanceof JDouble || (typeof v === 'number' && !Number.isInteger(v));
}

/** The number inside a numeric value. */
export function num(v: number | JDouble): number {
  return typeof v === 'number' ? v : v.v;
}

/** A double result, kept a JDouble so it prints as Java prints it. */
export function double(n: number): JDouble {
  return new JDouble(n);
}

/** ExpressionResult.asString (null stays null). */
export function asString(v: Val): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (v instanceof JDouble) return javaDoubleString(v.v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : javaDoubleString(v);
  return valueText(v);
}

/** A value as a string, or an error naming what was expected. */
export function requireString(v: Val, what: string): string {
  if (typeof v !== 'string') throw new SynapseEvalError(`${what} needs a string, not ${asString(v)}`);
  return v;
}

/** A value as a number, or an error naming what was expected. */
export function requireNumber(v: Val, what: string): number {
  if (!isNumeric(v)) throw new SynapseEvalError(`${what} needs a number, not ${asString(v)}`);
  return num(v);
}

/** A value as a boolean, or an error naming what was expected. */
export function requireBoolean(v: Val, what: string): boolean {
  if (typeof v !== 'boolean') throw new SynapseEvalError(`${what} needs a boolean, not ${asString(v)}`);
  return v;
}

/** The digits after the point in Java's text of a double, or undefined in E notation. */
function scaleOf(n: number): number | undefined {
  const s = javaDoubleString(n);
  if (s.includes('E')) return undefined;
  return s.length - s.indexOf('.') - 1;
}

/**
 * Synapse does double arithmetic on BigDecimals made from Java's text of each operand, so
 * `0.1 + 0.2` is `0.3`. Scaled integers give the same result while they stay exact.
 */
function decimal(l: number, r: number, op: string): number {
  const sl = scaleOf(l);
  const sr = scaleOf(r);
  if (sl === undefined || sr === undefined) return op === '+' ? l + r : op === '-' ? l - r : l * r;
  if (op === '*') {
    const a = Math.round(l * 10 ** sl);
    const b = Math.round(r * 10 ** sr);
    const p = a * b;
    return Number.isSafeInteger(p) ? p / 10 ** (sl + sr) : l * r;
  }
  const s = Math.max(sl, sr);
  const a = Math.round(l * 10 ** s);
  const b = Math.round(r * 10 ** s);
  const res = op === '+' ? a + b : a - b;
  return Number.isSafeInteger(a) && Number.isSafeInteger(b) ? res / 10 ** s : op === '+' ? l + r : l - r;
}

/** `BigDecimal.divide(divisor, ROUND_HALF_UP)`: the quotient keeps the dividend's scale. */
function decimalDivide(l: number, r: number): number {
  const scale = scaleOf(l);
  if (scale === undefined) return l / r;
  const f = 10 ** scale;
  const q = (l / r) * f;
  return (q < 0 ? -Math.round(-q) : Math.round(q)) / f;
}

/** `+ - * / %` on two values, as BinaryOperationNode does them. */
export function arithmetic(op: string, l: Val, r: Val): Val {
  if (op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
  if (!isNumeric(l) || !isNumeric(r)) {
    throw new SynapseEvalError(`'${op}' between non-numeric values ${asString(l)} and ${asString(r)}`);
  }
  const a = num(l);
  const b = num(r);
  if ((op === '/' || op === '%') && b === 0)
    throw new SynapseEvalError(op === '/' ? 'division by zero' : 'modulo by zero');
  if (isDouble(l) || isDouble(r)) {
    if (op === '/') return double(decimalDivide(a, b));
    if (op === '%') return double(a % b);
    return double(decimal(a, b, op));
  }
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      // Exact integer division stays an integer; otherwise Java divides as doubles.
      return a % b === 0 ? a / b : double(a / b);
    default:
      return a % b;
  }
}

/** `== != < <= > >=` as BinaryOperationNode does them (equality compares the texts). */
export function compare(op: string, l: Val, r: Val): boolean {
  if (op === '==' || op === '!=') {
    const equal = l === null || r === null ? l === r : asString(l) === asString(r);
    return op === '==' ? equal : !equal;
  }
  if (!isNumeric(l) || !isNumeric(r)) {
    throw new SynapseEvalError(`comparison between non-numeric values ${asString(l)} and ${asString(r)}`);
  }
  const a = num(l);
  const b = num(r);
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

/** A value as `evaluate()` hands it out: JDouble unwrapped to a number. */
export function plain(v: Val): unknown {
  return v instanceof JDouble ? v.v : v;
}
