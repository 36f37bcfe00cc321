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

/** A JSONPath problem, or undefined. */
export function checkJsonPath(path: string): string | undefined {
  if (!path) return 'the JSONPath is empty';
  if (!path.startsWith('$') && !path.startsWith('@')) return "a JSONPath starts with '$'";
  const b = balance(path);
  if (b) return b;
  if (/\.\.\.|\.$|\[\]/.test(path)) return 'a path step is empty';
  return undefined;
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
