/**
 * The tree a `${…}` expression parses into: literals, operators, calls, and the roots that
 * read the message (payload, variables, properties, headers, parameters).
 */

/** One step of a payload or variable path. `path` is a JSONPath tail run by jsonpath-plus. */
export type Step =
  | { readonly k: 'prop'; readonly name: string }
  | { readonly k: 'index'; readonly n: number }
  | { readonly k: 'dyn'; readonly e: Expr }
  | { readonly k: 'path'; readonly text: string };

/** JSONPath functions that may end a payload or variable path (`payload.items.length()`). */
export const PATH_FUNCTIONS = new Set([
  'length',
  'size',
  'min',
  'max',
  'avg',
  'sum',
  'stddev',
  'keys',
  'first',
  'last',
]);

/** A node of the expression tree. */
export type Expr =
  | { readonly t: 'lit'; readonly v: string | number | boolean | null; readonly isDouble?: boolean }
  | { readonly t: 'array'; readonly items: readonly Expr[] }
  | { readonly t: 'unary'; readonly op: '-' | '!'; readonly e: Expr }
  | { readonly t: 'bin'; readonly op: string; readonly l: Expr; readonly r: Expr }
  | { readonly t: 'cond'; readonly c: Expr; readonly a: Expr; readonly b: Expr }
  | { readonly t: 'payload'; readonly steps: readonly Step[]; readonly fn?: string }
  | { readonly t: 'var'; readonly name: string; readonly steps: readonly Step[]; readonly fn?: string }
  | { readonly t: 'header'; readonly name: string }
  | { readonly t: 'prop'; readonly scope: 'default' | 'axis2'; readonly name: string }
  | { readonly t: 'param'; readonly kind: 'query' | 'path' | 'func'; readonly name: string }
  | { readonly t: 'call'; readonly name: string; readonly args: readonly Expr[] };
