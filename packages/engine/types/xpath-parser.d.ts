/**
 * What the browser-safe model uses of the `xpath` package: its expression parser, for syntax
 * checks. The package's own declarations reference the DOM library (its evaluator works on DOM
 * nodes), which the model must not see (tsconfig.model.json maps `xpath` here; the runtime uses
 * the real declarations).
 */
declare const xpath: {
  /** Parses an XPath 1.0 expression; throws on a syntax error. */
  parse(expression: string): unknown;
};
export default xpath;
