/**
 * Syntax checks for the expressions Synapse accepts in `expression`, `xpath` and `source`:
 * XPath 1.0 (with Synapse's functions and `$ctx:`-style variables, which are valid XPath
 * syntax), `json-eval(<JSONPath>)`, and MI 4.4's `${…}` (with the runtime's own parser, so the
 * studio and `mediate validate` reject exactly what a deploy would). Evaluation lives in the
 * runtime.
 */
import xpath from 'xpath';
import { parseSynapseExpression } from './synapse-parser.js';

// `parse` is exported by the package but missing from its type declarations.
const xpathParser = xpath as unknown as { parse(expression: string): unknown };

/** The kind of an expression, as Synapse decides it. */
export type ExpressionKind = 'xpath' | 'jsonpath' | 'synapse';

/** Splits an expression into its kind and the text to evaluate. */
export function classifyExpression(expr: string): { kind: ExpressionKind; body: string } {
  const t = expr.trim();
  const json = /^json-eval\(([\s\S]*)\)$/.exec(t);
  if (json) return { kind: 'jsonpath', body: (json[1] ?? '').trim() };
  if (t.startsWith('${') && t.endsWith('}')) return { kind: 'synapse', body: t.slice(2, -1).trim() };
  return { kind: 'xpath', body: t };
}

/** Checks that brackets, parentheses and quotes pair up; returns a problem or undefined. */
function balance(text: string): string | undefined {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let quote = '';
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c in pairs) {
      if (stack.pop() !== pairs[c]) return `unexpected '${c}'`;
    }
  }
  if (quote) return `unclosed ${quote} quote`;
  if (stack.length) return `unclosed '${stack[stack.length - 1]}'`;
  return undefined;
}

/**
 * The path as Jayway reads it: Synapse drops one trailing `.` (so `$.` is the whole payload)
 * and Jayway's PathCompiler puts `$.` in front of a path that starts with neither `$` nor `@`
 * (so `json-eval(name)` is `$.name`).
 */
export function normaliseJsonPath(path: string): string {
  let p = path.trim();
  if (p.endsWith('.') && !p.endsWith('..')) p = p.slice(0, -1);
  if (p && !p.startsWith('$') && !p.startsWith('@')) p = `$.${p}`;
  return p;
}

/**
 * SynapseJsonPath evaluates a path that starts with `$ctx:name`, `$trp:name` or `$axis2:name`
 * against that property's value (parsed as JSON) instead of the payload.
 */
const PROPERTY_PATH = /^(\$ctx|\$trp|\$axis2):([a-zA-Z0-9_-]+)/;
/** InlineExpressionUtil's EXPRESSION_PATTERN: `{…}` parts replaced by their value at run time. */
export const JSON_PATH_INLINE = /\{[^\s",<>}\]]+\}/g;

/** A `json-eval(…)` body as SynapseJsonPath reads it. */
export interface JsonEvalPath {
  /** The property the path reads instead of the payload. */
  readonly property?: { readonly scope: 'default' | 'transport' | 'axis2'; readonly name: string };
  /** The JSONPath, normalised (see {@link normaliseJsonPath}). */
  readonly path: string;
}

/** Reads a `json-eval(…)` body without `{…}` parts (replace those first). */
export function readJsonEval(body: string): JsonEvalPath {
  const t = body.trim();
  const m = PROPERTY_PATH.exec(t);
  if (!m) return { path: normaliseJsonPath(t) };
  const scope = m[1] === '$ctx' ? 'default' : m[1] === '$trp' ? 'transport' : 'axis2';
  return { property: { scope, name: m[2] as string }, path: normaliseJsonPath(`$${t.slice(m[0].length)}`) };
}

/** The `{…}` parts of a `json-eval(…)` body (their inner expressions), in order. */
export function jsonPathInlineParts(body: string): string[] {
  return [...body.matchAll(JSON_PATH_INLINE)].map((m) => m[0].slice(1, -1));
}

/** A problem with a normalised JSONPath, or undefined. */
function checkPlainJsonPath(path: string): string | undefined {
  if (!path) return 'the JSONPath is empty';
  if (!path.startsWith('$') && !path.startsWith('@')) return "a JSONPath starts with '$'";
  const b = balance(path);
  if (b) return b;
  if (/\.\.\.|\.$|\[\]/.test(path)) return 'a path step is empty';
  return undefined;
}

/**
 * A problem with a `json-eval(…)` body, or undefined: the path as Jayway normalises it, a
 * leading property (`$ctx:name…`), and `{…}` parts whose inner expressions must parse (the
 * rest is checked with each part standing for one name, its value at run time).
 */
export function checkJsonPath(body: string): string | undefined {
  const t = body.trim();
  if (!t) return 'the JSONPath is empty';
  for (const inner of jsonPathInlineParts(t)) {
    const p = inner.startsWith('json-eval(') ? undefined : checkXPath(inner);
    if (p) return `in {${inner}}: ${p}`;
  }
  const fixed = t.replace(JSON_PATH_INLINE, 'x');
  return checkPlainJsonPath(readJsonEval(fixed).path);
}

/** An XPath 1.0 problem, or undefined. */
export function checkXPath(expr: string): string | undefined {
  if (!expr) return 'the XPath is empty';
  const b = balance(expr);
  if (b) return b;
  try {
    xpathParser.parse(expr);
    return undefined;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return msg.replace(/^XPathException:\s*/, '') || 'XPath parse error';
  }
}

/** Checks any Synapse expression; returns a human message or undefined. */
export function checkExpression(expr: string): string | undefined {
  const { kind, body } = classifyExpression(expr);
  if (kind === 'jsonpath') {
    const p = checkJsonPath(body);
    return p ? `Invalid JSONPath in json-eval(${body}): ${p}.` : undefined;
  }
  if (kind === 'synapse') {
    if (!body) return 'The expression ${} is empty.';
    try {
      parseSynapseExpression(body);
      return undefined;
    } catch (e) {
      // The parser says what and where (`unexpected '*' at position 8`, positions in the text
      // between the braces).
      return `Invalid expression \${${body}}: ${(e as Error).message}.`;
    }
  }
  const p = checkXPath(body);
  return p ? `Invalid XPath '${body}': ${p}.` : undefined;
}
