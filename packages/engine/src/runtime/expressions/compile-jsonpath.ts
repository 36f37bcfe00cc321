/**
 * `json-eval(<JSONPath>)`: Synapse's SynapseJsonPath (Jayway JsonPath) on the JSON payload,
 * evaluated here with jsonpath-plus. The path is normalised and checked once, at compile time.
 *
 * As SynapseJsonPath also does: a path that starts with `$ctx:name` (or `$trp:`, `$axis2:`)
 * reads that property's value as JSON instead of the payload, and `{…}` parts
 * (InlineExpressionUtil.replaceDynamicValuesForJSONPath) are replaced by their value per
 * message, the resulting path compiled then (a few recent ones are kept).
 */
import { JSONPath } from 'jsonpath-plus';

import {
  checkJsonPath,
  JSON_PATH_INLINE,
  jsonPathInlineParts,
  readJsonEval,
  type JsonEvalPath,
} from '../../model/expressions/expression-check.js';
import type { CompiledExpression, ExpressionContext } from './expression-types.js';
import { javaParseBoolean } from './java-text.js';
import { valueText } from './value-text.js';

export { normaliseJsonPath } from '../../model/expressions/expression-check.js';

/**
 * SynapseJsonPath's string value: a primitive as its text, JSON `null` as `null`, objects and
 * arrays as JSON; nothing found (or no JSON payload) is ''.
 */
export function jsonPathString(v: unknown): string {
  if (v === undefined) return '';
  return v === null ? 'null' : valueText(v);
}

type Evaluate = (ctx: ExpressionContext) => unknown;

/** The JSON a path reads: the payload, or a property's value parsed as JSON. */
function documentOf(read: JsonEvalPath, ctx: ExpressionContext): unknown {
  if (!read.property) return ctx.json();
  const v = ctx.property(read.property.scope, read.property.name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    // SynapseJsonPath hands the text to Jayway, which fails on it: the value is ''.
    return undefined;
  }
}

/** An evaluator for one path read from a body without `{…}` parts. */
function evaluatorFor(source: string, read: JsonEvalPath): Evaluate {
  if (read.path.startsWith('@'))
    throw new Error(`Invalid JSONPath in ${source}: '@' only means something inside a filter.`);
  const wholeBody = read.path === '$';
  // One evaluator per path, reused: jsonpath-plus caches the parsed path, and wrap:false
  // returns a definite path's value itself (an indefinite one gives an array, as Jayway does).
  const evaluator = JSONPath({ path: read.path, wrap: false, autostart: false, ignoreEvalErrors: true });
  return (ctx) => {
    const json = documentOf(read, ctx);
    if (json === undefined || wholeBody) return json;
    try {
      return evaluator.evaluate(read.path, json as object);
    } catch {
      // Synapse logs and returns '' when a path does not fit the payload.
      return undefined;
    }
  };
}

/** How many paths built from `{…}` parts one expression keeps compiled. */
const DYNAMIC_PATHS_KEPT = 32;

/**
 * Compiles `json-eval(path)`; throws an Error that says what is wrong with a bad path.
 * `inner` compiles the expressions inside `{…}` parts (XPath, with the mediator's namespaces).
 */
export function compileJsonPath(
  source: string,
  path: string,
  inner: (expression: string) => CompiledExpression,
): CompiledExpression {
  const problem = checkJsonPath(path);
  if (problem) throw new Error(`Invalid JSONPath in json-eval(${path}): ${problem}.`);

  let evaluate: Evaluate;
  const parts = jsonPathInlineParts(path);
  if (parts.length === 0) evaluate = evaluatorFor(source, readJsonEval(path));
  else {
    const values = parts.map(inner);
    const kept = new Map<string, Evaluate>();
    evaluate = (ctx) => {
      let i = 0;
      const built = path.replace(JSON_PATH_INLINE, () => (values[i++] as CompiledExpression).string(ctx));
      let run = kept.get(built);
      if (!run) {
        const p = checkJsonPath(built);
        // A path built from the message that does not parse: Jayway throws; Synapse logs it and the value is ''.
        run = p ? () => undefined : evaluatorFor(source, readJsonEval(built));
        if (kept.size >= DYNAMIC_PATHS_KEPT) kept.delete(kept.keys().next().value as string);
        kept.set(built, run);
      }
      return run(ctx);
    };
  }

  return {
    source,
    kind: 'jsonpath',
    evaluate,
    string: (ctx) => jsonPathString(evaluate(ctx)),
    // SynapseJsonPath.booleanValueOf is Boolean.parseBoolean of the string value.
    boolean: (ctx) => javaParseBoolean(jsonPathString(evaluate(ctx))),
  };
}
