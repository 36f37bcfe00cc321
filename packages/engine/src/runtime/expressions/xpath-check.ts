/**
 * Static checks on a parsed XPath, run once at deploy time: every function exists with a
 * workable number of arguments, every variable is one Synapse defines, every name-test prefix
 * is declared, and literal date patterns compile. Collects the variable prefixes used.
 */
import { checkFunction, dateFormat, UNSUPPORTED_SCOPES, XPATH_FUNCTIONS_NS } from './xpath-functions.js';
import { lib, type XExpression, type XFunctionCall } from './xpath-library.js';
import type { XPathNamespaces } from './xpath-namespaces.js';
import { prefixedReader, UNPREFIXED } from './xpath-variables.js';

/** What the checks found out about the expression. */
export interface XPathFacts {
  /** Variable prefixes used (`ctx` for `$ctx:a`). */
  readonly variablePrefixes: ReadonlySet<string>;
  /** True when evaluation reads the context node (a location path, or `name()`-like calls). */
  readonly readsDocument: boolean;
}

/** Core functions that read the context node when called (most only without arguments). */
const CONTEXT_FUNCTIONS = new Set([
  'string',
  'name',
  'local-name',
  'namespace-uri',
  'normalize-space',
  'string-length',
  'number',
  'lang',
  'id',
]);

/** The text of an argument that is a plain string literal, else undefined. */
function literal(e: XExpression | undefined): string | undefined {
  const p = e as
    { filter?: unknown; filterPredicates?: readonly unknown[]; locationPath?: unknown } | undefined;
  if (p && p.filter instanceof lib.XString && !p.locationPath && !p.filterPredicates?.length) {
    return p.filter.stringValue();
  }
  return undefined;
}

/**
 * The literal arguments when the whole expression is one `get-property('…', …)` call, the most
 * common Synapse expression; compile-xpath then reads the property without the XPath engine.
 */
export function literalGetProperty(root: XExpression): string[] | undefined {
  const top = (root as { expression?: unknown }).expression as
    { filter?: unknown; filterPredicates?: readonly unknown[]; locationPath?: unknown } | undefined;
  if (!top || !(top.filter instanceof lib.FunctionCall) || top.locationPath || top.filterPredicates?.length)
    return undefined;
  const call = top.filter as XFunctionCall;
  if (splitQName(call.functionName)[1] !== 'get-property') return undefined;
  const args = call.arguments.map(literal);
  return args.every((a) => a !== undefined) ? (args as string[]) : undefined;
}

function splitQName(name: string): [prefix: string | undefined, local: string] {
  const i = name.indexOf(':');
  return i < 0 ? [undefined, name] : [name.slice(0, i), name.slice(i + 1)];
}

/** Checks a get-property call whose arguments are literals. */
function checkGetProperty(call: XFunctionCall): string | undefined {
  const args = call.arguments.map(literal);
  const [a, b, c] = args;
  if (args.length >= 2 && a !== undefined && UNSUPPORTED_SCOPES.has(a)) {
    return `get-property('${a}', …) is not supported by Mediate`;
  }
  // The date pattern is the 2nd argument of (name, format) and the 3rd of (scope, name, format).
  const pattern =
    args.length === 3 && b === 'SYSTEM_DATE' ? c : args.length === 2 && a === 'SYSTEM_DATE' ? b : undefined;
  if (pattern !== undefined) {
    try {
      dateFormat(pattern);
    } catch (e) {
      return `bad SYSTEM_DATE pattern '${pattern}': ${(e as Error).message}`;
    }
  }
  return undefined;
}

/** Walks the tree; returns the facts or throws an Error naming the first problem. */
export function checkXPathTree(root: XExpression, expr: string, ns: XPathNamespaces): XPathFacts {
  const variablePrefixes = new Set<string>();
  let readsDocument = false;
  const fail = (problem: string): never => {
    throw new Error(`Invalid XPath '${expr}': ${problem}.`);
  };
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    // A path expression with a location path (even a bare `/`) starts from the document.
    if ((node as { locationPath?: unknown }).locationPath) readsDocument = true;
    if (node instanceof lib.FunctionCall) {
      const call = node as XFunctionCall;
      const [prefix, local] = splitQName(call.functionName);
      const bound = prefix === undefined ? undefined : ns.declared.get(prefix);
      const problem = checkFunction(
        local,
        call.arguments.length,
        bound === undefined || bound === XPATH_FUNCTIONS_NS,
      );
      if (problem) fail(problem);
      if (CONTEXT_FUNCTIONS.has(local)) readsDocument = true;
      if (local === 'get-property') {
        const p = checkGetProperty(call);
        if (p) fail(p);
      }
    } else if (node instanceof lib.VariableReference) {
      const [prefix, local] = splitQName(node.variable);
      if (prefix === undefined) {
        if (!Object.hasOwn(UNPREFIXED, local))
          fail(`unknown variable $${local} (Synapse defines $body, $header and $env)`);
      } else {
        const reader = prefixedReader(prefix);
        if (typeof reader === 'string') fail(reader);
        variablePrefixes.add(prefix);
      }
    } else if (node instanceof lib.Step) {
      const prefix = node.nodeTest.prefix;
      if (prefix && !ns.declared.has(prefix))
        fail(`the prefix '${prefix}' is not declared (add xmlns:${prefix}="…")`);
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(root);
  return { variablePrefixes, readsDocument };
}
