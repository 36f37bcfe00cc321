/**
 * Typed access to the parts of the `xpath` package (0.0.34) that its declarations leave out:
 * the parser, the value classes and the evaluation context. Everything else in this folder goes
 * through these types, so an upgrade of the package has one file to check.
 */
import type { Node } from '@xmldom/xmldom';
import xpath from 'xpath';

import type { ExpressionContext } from './expression-types.js';

/** An XPath value as the library computes it (string, number, boolean or node-set). */
export interface XValue {
  stringValue(): string;
  numberValue(): number;
  booleanValue(): boolean;
}

/** A node of the parsed expression tree; `evaluate` is what the library calls. */
export interface XExpression {
  evaluate(c: XPathContext): XValue;
}

/** The library's evaluation context. `mediate` is ours: the message the expression reads. */
export interface XPathContext {
  expressionContextNode: Node | undefined;
  mediate: ExpressionContext;
  readonly variableResolver: VariableResolver;
  readonly namespaceResolver: NamespaceResolver;
  readonly functionResolver: FunctionResolver;
}

/** Resolves `$prefix:name`; `namespace` is what the namespace resolver gave for the prefix. */
export interface VariableResolver {
  getVariable(localName: string, namespace: string): XValue;
}

/** Resolves a prefix used in a name test, a variable or a function name. */
export interface NamespaceResolver {
  getNamespace(prefix: string, node: Node): string | null;
}

/** An extension or core function: receives the context and its unevaluated arguments. */
export type XFunction = (c: XPathContext, ...args: XExpression[]) => XValue;

/** Resolves a function by local name and namespace URI ('' when unprefixed). */
export interface FunctionResolver {
  getFunction(localName: string, namespace: string): XFunction | undefined;
}

interface XPathLibrary {
  parse(expression: string): { readonly expression: XExpression };
  XPathParser: new () => { tokenize(s: string): [number[], string[]] | undefined };
  XPathContext: new (vr: VariableResolver, nr: NamespaceResolver, fr: FunctionResolver) => XPathContext;
  FunctionResolver: new () => { functions: Record<string, XFunction> };
  XString: new (s: string) => XValue;
  XNumber: new (n: number) => XValue;
  XBoolean: new (b: boolean) => XValue;
  XNodeSet: new () => XNodeSet;
  FunctionCall: new () => XFunctionCall;
  VariableReference: new () => { readonly variable: string };
  Step: new () => { readonly nodeTest: { readonly prefix?: string | null } };
}

/** A node-set value. */
export interface XNodeSet extends XValue {
  add(n: Node): void;
  addArray(nodes: readonly Node[]): void;
  toArray(): Node[];
  readonly size: number;
}

/** A function call in the parsed tree. */
export interface XFunctionCall {
  readonly functionName: string;
  readonly arguments: readonly XExpression[];
}

/** The library's module object, typed. */
export const lib = xpath as unknown as XPathLibrary;

/** The empty string value, shared: XPath values are never mutated. */
export const EMPTY_STRING: XValue = new lib.XString('');

/** True when `v` is a node-set. */
export function isNodeSet(v: XValue): v is XNodeSet {
  return v instanceof lib.XNodeSet;
}

/** A node-set holding `nodes` (in the order given; the library sorts on output). */
export function nodeSetOf(nodes: readonly Node[]): XNodeSet {
  const set = new lib.XNodeSet();
  set.addArray(nodes);
  return set;
}
