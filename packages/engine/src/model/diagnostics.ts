/**
 * Diagnostics: every problem Mediate reports about a project, with where it is.
 */
import type { MediatorPath } from './mediators/mediator-types.js';

export type Severity = 'error' | 'warning' | 'info';

/** One problem. `artifact` is the artifact (or file) name; lines and columns are 1-based. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine code, e.g. `XML_MISMATCHED_TAG`, `REF_SEQUENCE_MISSING`. */
  readonly code: string;
  readonly message: string;
  readonly artifact: string;
  /** The mediator path or field the problem is about. */
  readonly path?: MediatorPath;
  /** The field key within the mediator or artifact, for the inspector. */
  readonly field?: string;
  readonly line?: number;
  readonly column?: number;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line:col severity code message`, the CLI's format. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.artifact}:${d.line}:${d.column ?? 1}` : d.artifact;
  return `${where} ${d.severity} ${d.code} ${d.message}`;
}
