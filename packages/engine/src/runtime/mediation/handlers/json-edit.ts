/**
 * Edits of a JSON document at a JSONPath, as Jayway's DocumentContext does them for the enrich
 * mediator (set, add, delete, renameKey). Paths are prepared once at deploy time; the document
 * is a copy the caller owns.
 */
import { JSONPath } from 'jsonpath-plus';
import { readJsonEval } from '../../../model/expressions/expression-check.js';

/** One place a path matches: the value and where it sits. */
interface Match {
  readonly value: unknown;
  readonly parent: unknown;
  readonly parentProperty: string | number;
}

/** A JSONPath ready to edit documents with. */
export interface JsonEditPath {
  /** The normalised path, e.g. `$.order.items`. */
  readonly path: string;
  /** True for `$` (the whole document). */
  readonly root: boolean;
  /** Every match, in document order. */
  matches(doc: unknown): Match[];
}

/** Prepares the JSONPath of a `json-eval(…)` expression for edits. */
export function jsonEditPath(expression: string): JsonEditPath {
  const t = expression.trim();
  const body = t.startsWith('json-eval(') && t.endsWith(')') ? t.slice(10, -1) : t;
  const { path } = readJsonEval(body);
  return {
    path,
    root: path === '$',
    matches: (doc) => {
      if (doc === null || typeof doc !== 'object') return [];
      const found = JSONPath({
        path,
        json: doc as object,
        resultType: 'all',
        wrap: true,
        ignoreEvalErrors: true,
      }) as Match[] | undefined;
      return (found ?? []).filter((m) => m.parent !== null && m.parent !== undefined);
    },
  };
}

/** Jayway's `set`: every existing match gets `value` (a copy each); nothing when none matches. */
export function jsonSet(doc: unknown, at: JsonEditPath, value: unknown): unknown {
  if (at.root) return value;
  for (const m of at.matches(doc))
    (m.parent as Record<string | number, unknown>)[m.parentProperty] = structuredClone(value);
  return doc;
}

/** Jayway's `delete`: removes every match (array items from the end, so indexes hold). */
export function jsonDelete(doc: unknown, at: JsonEditPath): unknown {
  if (at.root) return undefined;
  const found = at.matches(doc).reverse();
  for (const m of found) {
    if (Array.isArray(m.parent)) m.parent.splice(Number(m.parentProperty), 1);
    else delete (m.parent as Record<string, unknown>)[String(m.parentProperty)];
  }
  return doc;
}

/** Jayway's `renameKey`: in every object `at` matches, `oldKey` becomes `newKey` (moved last). */
export function jsonRenameKey(doc: unknown, at: JsonEditPath, oldKey: string, newKey: string): boolean {
  const targets = at.root ? [doc] : at.matches(doc).map((m) => m.value);
  let renamed = false;
  for (const t of targets) {
    if (t === null || typeof t !== 'object' || Array.isArray(t) || !(oldKey in t)) continue;
    const o = t as Record<string, unknown>;
    const v = o[oldKey];
    delete o[oldKey];
    o[newKey] = v;
    renamed = true;
  }
  return renamed;
}
