/**
 * Checks of an artifact's `<parameter>` rows against the parameters its definition knows (the
 * WebSocket inbound endpoint's, `ws-inbound-parameters.ts`): required ones, each one's own check,
 * the sequences they name, the ones Node ignores, and those a protocol needs.
 */
import type { Artifact } from '../artifacts/artifact-types.js';
import type {
  ArtifactChecks,
  ArtifactDefinition,
  ParameterDefinition,
} from '../artifacts/define-artifact.js';
import { attribute } from '../xml/xml-query.js';

type WithParameters = Artifact & { readonly parameters: readonly { name: string; value: string }[] };

/** Validates the parameter rows of `a` against `known`. */
export function validateParameters(
  def: ArtifactDefinition,
  a: WithParameters,
  known: readonly ParameterDefinition[],
  { emit, sequenceRef }: ArtifactChecks,
): void {
  const value = (name: string) => a.parameters.find((p) => p.name === name)?.value.trim();
  const protocol = attribute(a.doc.root, 'protocol');
  // A parameter of other protocols means nothing here (inbound.ws.port on an http endpoint).
  const applies = (p: ParameterDefinition) =>
    !p.protocols || protocol === undefined || p.protocols.includes(protocol);
  const used = known.filter((p) => !p.ignored && applies(p));
  for (const p of used) {
    if (p.protocols) {
      // Required only for those protocols: checked last, below.
    } else if (p.required && !value(p.name)) {
      emit(
        'error',
        'REQUIRED_FIELD',
        `${def.label} '${a.name}' needs the parameter ${p.name}.`,
        undefined,
        p.name,
      );
      continue;
    }
    const v = value(p.name);
    const issue = v !== undefined ? p.check?.(v) : undefined;
    if (issue) emit(issue.severity ?? 'error', issue.code, issue.message, undefined, issue.field ?? p.name);
  }
  for (const p of used) if (p.type === 'sequence') sequenceRef(value(p.name), p.name);
  for (const row of a.parameters) {
    if (known.some((p) => p.ignored && applies(p) && p.name === row.name))
      emit(
        'warning',
        'INBOUND_PARAMETER_IGNORED',
        `Parameter ${row.name} has no meaning on Node and is ignored.`,
        undefined,
        row.name,
      );
  }
  for (const p of used) {
    if (!p.required || !p.protocols || protocol === undefined || !p.protocols.includes(protocol)) continue;
    if (!value(p.name))
      emit(
        'error',
        'REQUIRED_FIELD',
        `A ${protocol} endpoint needs the parameter ${p.name}${p.type === 'pemFile' ? ' (a PEM file)' : ''}.`,
        undefined,
        p.name,
      );
  }
}
