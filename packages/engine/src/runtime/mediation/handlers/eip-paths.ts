/**
 * Helpers the split and gather mediators share (EIPUtils): evaluating an XPath on an envelope
 * other than the message's own, and reading or replacing a JSONPath's target in a JSON value.
 */
import type { Document, Node } from '@xmldom/xmldom';
import { JSONPath } from 'jsonpath-plus';
import { readJsonEval } from '../../../model/expressions/expression-check.js';
import type { CompiledExpression, ExpressionContext } from '../../expressions/expression-types.js';

/** The message as an expression sees it, but with `doc` as its envelope. */
export function onEnvelope(ctx: ExpressionContext, doc: Document): ExpressionContext {
  return {
    property: (scope, name) => ctx.property(scope, name),
    envelope: () => doc,
    json: () => ctx.json(),
    variable: (name) => ctx.variable(name),
  };
}

/** True for a DOM node (an XPath result item). */
export function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { nodeType?: unknown }).nodeType === 'number';
}

/** The nodes an XPath selects (EIPUtils.getMatchingElements): a node set, one node, or none. */
export function matchingNodes(expr: CompiledExpression, ctx: ExpressionContext): Node[] {
  const r = expr.evaluate(ctx);
  if (Array.isArray(r)) return r.filter(isNode);
  return isNode(r) ? [r] : [];
}

/** The JSONPath inside `json-eval(…)`, normalised. */
export function jsonPathOf(source: string): string {
  const t = source.trim();
  const body = t.startsWith('json-eval(') && t.endsWith(')') ? t.slice('json-eval('.length, -1) : t;
  return readJsonEval(body).path;
}

interface Located {
  readonly parent: Record<string | number, unknown> | null;
  readonly parentProperty: string | number | null;
}

/**
 * `root` with the value(s) at `path` replaced by `value` (Jayway's `set`, as
 * SynapseJsonPath.replace does); the root itself when the path is `$`. Throws when the path
 * finds nothing, as MI does for an attach path it cannot find.
 */
export function setAtPath(root: unknown, path: string, value: unknown, what: string): unknown {
  if (path === '$') return value;
  const found = (
    root !== null && typeof root === 'object'
      ? (JSONPath({ path, json: root, resultType: 'all', wrap: true }) as Located[])
      : []
  ).filter((f) => f.parent !== null && f.parentProperty !== null);
  if (found.length === 0) throw new Error(what);
  for (const f of found) (f.parent as Record<string | number, unknown>)[f.parentProperty as string] = value;
  return root;
}
