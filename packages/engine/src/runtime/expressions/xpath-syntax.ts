/**
 * Parses an XPath once, at deploy time, and turns the `xpath` package's bare
 * "XPath parse error" into a message that names the offending token.
 */
import { checkXPath } from '../../model/expressions/expression-check.js';
import { lib, type XExpression } from './xpath-library.js';

/** The parser's LR tables, which the package exports as statics of `XPathParser`. */
interface ParserTables {
  readonly actionTable: readonly string[];
  readonly actionTableNumber: readonly string[];
  readonly gotoTable: readonly string[];
  readonly productions: readonly (readonly [number, number])[];
  readonly SHIFT: string;
  readonly REDUCE: string;
  readonly ACCEPT: string;
}

/**
 * Replays the package's LR automaton over the tokens (states only, no tree) and returns the
 * index of the token it fails on, or -1. Only runs for an expression that failed to parse.
 */
function failingToken(types: readonly number[]): number {
  const t = lib.XPathParser as unknown as ParserTables;
  const states = [0];
  let pos = 0;
  let type = types[pos++] ?? 1;
  for (let guard = 0; guard < 100_000; guard++) {
    const s = states[states.length - 1] ?? 0;
    const action = t.actionTable[s]?.charAt(type - 1);
    const n = (t.actionTableNumber[s]?.charCodeAt(type - 1) ?? 32) - 32;
    if (action === t.SHIFT) {
      states.push(n);
      type = types[pos++] ?? 1;
    } else if (action === t.REDUCE) {
      const [lhs, length] = t.productions[n] ?? [0, 0];
      states.length -= length;
      const top = states[states.length - 1] ?? 0;
      states.push((t.gotoTable[top]?.charCodeAt(lhs - 2) ?? 33) - 33);
    } else return action === t.ACCEPT ? -1 : pos - 1;
  }
  return -1;
}

/** What is wrong with an XPath the package would not parse. */
function describe(expr: string): string {
  const problem = checkXPath(expr) ?? 'XPath parse error';
  if (problem !== 'XPath parse error') return problem;
  const tokens = new lib.XPathParser().tokenize(expr);
  if (!tokens) return problem;
  const [types, values] = tokens;
  const at = failingToken(types);
  if (at < 0) return problem;
  const before = values.slice(0, at).join('');
  const token = values[at];
  if (token === '[EOF]' || token === undefined) return `the expression ends too early, after '${before}'`;
  return at === 0 ? `unexpected '${token}' at the start` : `unexpected '${token}' after '${before}'`;
}

/** The parsed tree, or an Error that says what is wrong. */
export function parseXPath(expr: string): XExpression {
  if (!expr.trim()) throw new Error('Invalid XPath: the expression is empty.');
  try {
    return lib.parse(expr).expression;
  } catch {
    throw new Error(`Invalid XPath '${expr}': ${describe(expr)}.`);
  }
}
