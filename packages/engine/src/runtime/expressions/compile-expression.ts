/**
 * The one entry point: compiles any expression Synapse accepts in `expression`, `xpath` or
 * `source` attributes, at deploy time. Which language it is follows Synapse's rule
 * (SynapsePathFactory), shared with the model's syntax checker.
 */
import { classifyExpression } from '../../model/expressions/expression-check.js';
import { compileJsonPath } from './compile-jsonpath.js';
import { compileSynapse } from './compile-synapse.js';
import { compileXPath } from './compile-xpath.js';
import type { CompiledExpression } from './expression-types.js';

/**
 * Compiles an expression once; the result is evaluated per message.
 *
 * - `json-eval(<JSONPath>)`: JSONPath on the JSON payload.
 * - `${…}`: an MI 4.4 Synapse expression.
 * - anything else: XPath 1.0 over the SOAP envelope, with Synapse's functions and variables.
 *
 * @param source the attribute text as written.
 * @param namespaces the `xmlns:` declarations in scope on the mediator element (prefix → URI);
 *   `soapenv` and `soap` default to the SOAP 1.1 namespace when not declared.
 * @throws Error with a message that says what is wrong (syntax, unknown function or variable,
 *   undeclared prefix, unsupported feature).
 */
export function compileExpression(
  source: string,
  namespaces: Readonly<Record<string, string>>,
): CompiledExpression {
  const { kind, body } = classifyExpression(source);
  switch (kind) {
    case 'jsonpath':
      return compileJsonPath(source, body, (inner) => compileExpression(inner, namespaces));
    case 'synapse':
      return compileSynapse(source, body, namespaces);
    default:
      return compileXPath(source, body, namespaces);
  }
}
