/**
 * A located compile diagnostic with a kind's own code (a stylesheet or schema that does not
 * compile), for problems only the runtime's libraries can see.
 */
import type { MediatorNode } from '../../../model/mediators/mediator-types.js';
import type { CompileEnv } from '../mediation-types.js';

/** Adds an error diagnostic at `node` (its artifact, path, line and column) about `field`. */
export function compileProblem(
  env: CompileEnv,
  node: Pick<MediatorNode, 'path' | 'element' | 'tag'>,
  code: string,
  message: string,
  field?: string,
): void {
  env.diagnostics.push({
    severity: 'error',
    code,
    message: `<${node.tag}>: ${message}`,
    artifact: env.artifactName,
    path: node.path,
    ...(field ? { field } : {}),
    line: node.element.pos?.line,
    column: node.element.pos?.column,
  });
}
