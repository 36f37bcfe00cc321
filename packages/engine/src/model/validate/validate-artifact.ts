/**
 * The checks of one artifact that its definition implies: each field in turn (required, its own
 * check, the sequence or endpoint it names), then its known parameters, then the definition's
 * own rules.
 */
import { artifactDefinition } from '../artifacts/artifact-table.js';
import {
  fieldElement,
  fieldKey,
  fieldWords,
  type ArtifactChecks,
  type ArtifactDefinition,
  type ArtifactField,
  type ArtifactOf,
  type DefinedArtifactType,
} from '../artifacts/define-artifact.js';
import { attribute } from '../xml/xml-query.js';
import { validateParameters } from './validate-parameters.js';

type Defined = ArtifactOf<DefinedArtifactType>;

/** Validates an artifact of a defined type against its definition. */
export function validateArtifact(a: Defined, check: ArtifactChecks): void {
  const def = artifactDefinition(a.type);
  for (const f of def.fields) checkField(def, f, a, check);
  if (def.parameters?.known && 'parameters' in a) validateParameters(def, a, def.parameters.known, check);
  def.rules?.(a, check);
}

function checkField(
  def: ArtifactDefinition,
  f: ArtifactField<Defined>,
  a: Defined,
  check: ArtifactChecks,
): void {
  const el = fieldElement(a.doc.root, f);
  const value = el && attribute(el, f.attribute);
  if (f.required && (value === undefined || value === '')) {
    check.emit(
      'error',
      'REQUIRED_FIELD',
      `${def.label} '${a.name}' needs a ${f.attribute}.`,
      undefined,
      fieldKey(f),
    );
    return;
  }
  const issue = f.check?.(value, a);
  if (issue) check.emit(issue.severity ?? 'error', issue.code, issue.message, undefined, issue.field);
  if (f.type === 'sequence') check.sequenceRef(value, fieldWords(f), el);
  if (f.type === 'endpoint' && value !== undefined && !check.hasEndpoint(value))
    check.emit(
      'warning',
      'REF_ENDPOINT_MISSING',
      `${fieldWords(f)} '${value}' does not exist in this project; a message sent to it faults at run time (as in MI).`,
      el,
    );
}
