/**
 * Mediators as the model sees them: derived from the XML tree, never stored apart from it.
 */
import type { MediatorKind, MediatorValues, ValuesOf } from '../catalog/index.js';
import type { XmlElement } from '../xml/xml-types.js';

/**
 * Addresses a mediator inside an artifact: a list key, then index / branch / index …
 * `['sequence', 2, 'then', 0]` is the first mediator in the then-branch of the third mediator
 * of a named sequence. A path ending in a branch key (or just a list key) names a list.
 */
export type MediatorPath = readonly (string | number)[];

/** One mediator: its kind, field values (as written) and nested lists, plus the element it was read from. */
export interface MediatorNode {
  /** A catalog kind, or `raw` for an element Mediate does not know (kept verbatim). */
  readonly kind: MediatorKind | 'raw';
  /** Local element name. */
  readonly tag: string;
  readonly values: MediatorValues;
  /** Nested lists of container mediators (`body` for in/out, `then`/`else` for filter). */
  readonly branches: Readonly<Record<string, readonly MediatorNode[]>>;
  readonly path: MediatorPath;
  /** Element-child indices from the artifact's root element to this mediator's element. */
  readonly xmlPath: readonly number[];
  readonly element: XmlElement;
}

/** A mediator of one kind, its values typed by that kind's fields (a missing field is no key). */
export type MediatorNodeOf<K extends MediatorKind> = Omit<MediatorNode, 'kind' | 'values'> & {
  readonly kind: K;
  readonly values: ValuesOf<K>;
};

/** A top-level mediator list of an artifact (a sequence body, a proxy's inSequence, …). */
export interface MediatorList {
  readonly key: string;
  readonly label: string;
  /** Element path of the list's container element. */
  readonly xmlPath: readonly number[];
  readonly mediators: readonly MediatorNode[];
}

/** Formats a path for people and log events: `inSequence/2/then/0`. */
export function formatPath(path: MediatorPath): string {
  return path.join('/');
}

/** Reads a path formatted by `formatPath`. */
export function parsePath(text: string): MediatorPath {
  return text.split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
