/**
 * `json-eval(<JSONPath>)`: Synapse's SynapseJsonPath (Jayway JsonPath) on the JSON payload,
 * evaluated here with jsonpath-plus. The path is normalised and checked once, at compile time.
 */
import { JSONPath } from 'jsonpath-plus';

import { checkJsonPath } from '../../model/expressions/expression-check.js';
import type { CompiledExpression, ExpressionContext } from './expression-types.js';
import { javaParseBoolean } from './java-text.js';
import { valueText } from './value-text.js';

/**
 * The path as Jayway reads it: Synapse drops one trailing `.` (so `$.` is the whole payload)
 * and Jayway puts `$.` in front of a path that starts with neither `$` nor `@`.
 */
export function normaliseJsonPath(path: string): string {
  let p = path.trim();
  if (p.endsWith('.') && !p.endsWith('..')) p = p.slice(0, -1);
  if (p && !p.startsWith('$') && !p.startsWith('@')) p = `$.${p}`;
  return p;
}

/**
 * SynapseJsonPath's string value: a primitive as its text, JSON `null` as `null`, objects and
 * arrays as JSON; nothing found (or no JSON payload) is ''.
 */
export function jsonPathString(v: unknown): string {
  if (v === undefined) return '';
  return v === null ? 'null' : valueText(v);
}

/** Compiles `json-eval(path)`; throws an Error that says what is wrong with a bad path. */
export function compileJsonPath(source: string, path: string): CompiledExpression {
  const normalised = normaliseJsonPath(path);
  const problem = checkJsonPath(normalised);
  if (problem) throw new Error(`Invalid JSONPath in json-eval(${path}): ${problem}.`);
  if (normalised.startsWith('@'))
    throw new Error(`Invalid JSONPath in json-eval(${path}): '@' only means something inside a filter.`);

  const wholeBody = normalised === '$';
  // One evaluator per expression, reused: jsonpath-plus caches the parsed path, and wrap:false
  // returns a definite path's value itself (an indefinite one gives an array, as Jayway does).
  const evaluator = JSONPath({ path: normalised, wrap: false, autostart: false, ignoreEvalErrors: true });

  const evaluate = (ctx: ExpressionContext): unknown => {
    const json = ctx.json();
    if (json === undefined || wholeBody) return json;
    try {
      return evaluator.evaluate(normalised, json as object);
    } catch {
      // Synapse logs and returns '' when a path does not fit the payload.
      return undefined;
    }
  };

  return {
    source,
    kind: 'jsonpath',
    evaluate,
    string: (ctx) => jsonPathString(evaluate(ctx)),
    // SynapseJsonPath.booleanValueOf is Boolean.parseBoolean of the string value.
    boolean: (ctx) => javaParseBoolean(jsonPathString(evaluate(ctx))),
  };
}
