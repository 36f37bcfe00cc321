/**
 * A source read for import: the XML files to parse, the deployment.toml to carry over, and what
 * was already found to be unsupported (before any XML is parsed).
 */
import type { ImportSkipped, ImportSourceKind } from '@mediate/engine';
import type { Unsupported } from './unsupported.js';

/** One file of the source, named as the report shows it. */
export interface SourceFile {
  readonly from: string;
  readonly text: string;
}

export interface SourceRead {
  readonly kind: ImportSourceKind;
  /** The source as given (a path, an uploaded file's name). */
  readonly label: string;
  /** A name for the new project (the MI project's, the CApp's, the file's). */
  readonly name: string;
  /** Files to read as Synapse XML. */
  readonly xml: readonly SourceFile[];
  /** The source's deployment.toml, when it has one. */
  readonly config?: SourceFile;
  /** Files and CApp artifacts already known not to be imported. */
  readonly skipped: readonly ImportSkipped[];
}

/** A report line for something unsupported. */
export function skippedAs(from: string, u: Unsupported): ImportSkipped {
  return { from, kind: 'unsupported', what: u.what, reason: u.reason };
}

/** `a/b/c.xml` → `c`. */
export function baseName(rel: string): string {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
