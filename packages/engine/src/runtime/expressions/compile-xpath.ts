/**
 * Compiles a Synapse XPath (XPath 1.0 with Synapse's functions and variables) into a
 * CompiledExpression. Parsing, checks and resolver tables are built here, once; evaluation
 * only creates the library's context object and runs the parsed tree against the envelope.
 */
import type { CompiledExpression, ExpressionContext } from './expression-types.js';
import { checkXPathTree, literalGetProperty } from './xpath-check.js';
import { FUNCTION_RESOLVER, getPropertyValue } from './xpath-functions.js';
import { EMPTY_STRING, lib, type VariableResolver, type XValue } from './xpath-library.js';
import { xpathNamespaces } from './xpath-namespaces.js';
import { parseXPath } from './xpath-syntax.js';
import { rawValue, synapseString } from './xpath-values.js';
import { prefixedReader, UNPREFIXED, type VariableReader } from './xpath-variables.js';

/** Resolves variables for one evaluation: the library does not pass its context to this call. */
class MessageVariables implements VariableResolver {
  constructor(
    private readonly ctx: ExpressionContext,
    private readonly readers: ReadonlyMap<string, VariableReader>,
  ) {}

  getVariable(localName: string, namespace: string): XValue {
    if (namespace === '') return UNPREFIXED[localName]?.(this.ctx) ?? EMPTY_STRING;
    return this.readers.get(namespace)?.(this.ctx, localName) ?? EMPTY_STRING;
  }
}

/**
 * Compiles an XPath. `namespaces` are the prefixes in scope on the mediator element. Throws
 * an Error naming the problem for a syntax error, an unknown function or variable, or an
 * undeclared prefix.
 */
export function compileXPath(
  source: string,
  expr: string,
  namespaces: Readonly<Record<string, string>>,
): CompiledExpression {
  const tree = parseXPath(expr);
  const ns = xpathNamespaces(namespaces);
  const { variablePrefixes, readsDocument } = checkXPathTree(tree, expr, ns);

  // Readers are keyed by the URI the resolver gives each prefix, which is what the library
  // hands to getVariable.
  const readers = new Map<string, VariableReader>();
  for (const prefix of variablePrefixes) {
    const reader = prefixedReader(prefix);
    if (typeof reader !== 'string') readers.set(ns.uriOf(prefix), reader);
  }
  // Synapse prints a lone element as XML (not its text) when the expression mentions node().
  const nodeMode = expr.includes('node()');

  const direct = literalGetProperty(tree);
  const run = direct
    ? (ctx: ExpressionContext): XValue => getPropertyValue(ctx, direct)
    : (ctx: ExpressionContext): XValue => {
        const c = new lib.XPathContext(new MessageVariables(ctx, readers), ns.resolver, FUNCTION_RESOLVER);
        c.mediate = ctx;
        // Building the envelope DOM can be the costliest step of all; `get-property('To')` needs none.
        // SynapseXPath.evaluate: the context node is the SOAP envelope element (a relative
        // `s11:Body/…` starts there), the document above it for `/…`.
        if (readsDocument) {
          const doc = ctx.envelope();
          c.expressionContextNode = doc.documentElement ?? doc;
        }
        return tree.evaluate(c);
      };

  return {
    source,
    kind: 'xpath',
    evaluate: (ctx) => rawValue(run(ctx)),
    string: (ctx) => synapseString(run(ctx), nodeMode),
    boolean: (ctx) => run(ctx).booleanValue(),
  };
}
