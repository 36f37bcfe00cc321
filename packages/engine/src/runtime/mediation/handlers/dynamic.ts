/**
 * The runtime side of Synapse's `{…}` names (model/catalog/dynamic-value.ts): a literal stays a
 * string, an expression is compiled once, in the mediator's namespace context.
 */
import type { DynamicValue } from '../../../model/catalog/index.js';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import type { CompileEnv, NodePlace } from '../mediation-types.js';

/** The literal text, or the compiled expression that gives the name per message. */
export function compileDynamic(
  value: DynamicValue,
  node: NodePlace,
  env: CompileEnv,
): string | CompiledExpression {
  return value.kind === 'literal' ? value.text : env.expression(value.source, node);
}
