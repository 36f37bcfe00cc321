/**
 * The reporter every artifact-level check takes, in a file of its own so the checks and
 * `validateProject`, which calls them, do not import each other.
 */
import type { Severity } from '../diagnostics.js';
import type { XmlElement } from '../xml/xml-types.js';

/** A reporter bound to one artifact: `el` locates the problem (the root by default). */
export type ArtifactEmit = (
  severity: Severity,
  code: string,
  message: string,
  el?: XmlElement,
  field?: string,
) => void;
