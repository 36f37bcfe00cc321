/**
 * The lists of a container mediator's branches. A fixed branch (`then`, `else`, `default`) is
 * one list keyed by its branch key; a repeated branch (switch's `<case>`) is one list per
 * occurrence of its element, keyed `case:0`, `case:1`, … in document order, so paths such as
 * `['sequence', 0, 'case:1', 2]` address mediators inside the second case.
 */
import { definitionForTag, type BranchDefinition, type MediatorDefinition } from '../catalog/index.js';
import { attribute, elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import type { MediatorNode } from './mediator-types.js';

/** The list key of occurrence `n` (from 0) of a repeated branch: `case:0`. */
export function branchListKey(branch: string, n: number): string {
  return `${branch}:${n}`;
}

/** A branch list named by its key: the branch, and for a repeated one the occurrence. */
export interface BranchRef {
  readonly branch: BranchDefinition;
  readonly n?: number;
}

/** The branch a list key names (`then`, `case:1`), or undefined when `def` has none such. */
export function branchOfKey(def: MediatorDefinition, listKey: string): BranchRef | undefined {
  const m = /^(.+):(\d+)$/.exec(listKey);
  if (m) {
    const b = def.branches?.find((x) => x.repeated && x.key === m[1]);
    return b ? { branch: b, n: Number(m[2]) } : undefined;
  }
  const b = def.branches?.find((x) => !x.repeated && x.key === listKey);
  return b ? { branch: b } : undefined;
}

/** Element-child indices of every occurrence of `name` under `el`. */
export function occurrences(el: XmlElement, name: string): number[] {
  return elementChildren(el).flatMap((c, i) => (localName(c.name) === name ? [i] : []));
}

/** The list keys of a container element, in definition order, a repeated branch once per occurrence. */
export function branchListKeys(def: MediatorDefinition, el: XmlElement): string[] {
  return (def.branches ?? []).flatMap((b) =>
    b.repeated && b.element ? occurrences(el, b.element).map((_, n) => branchListKey(b.key, n)) : [b.key],
  );
}

/** One branch list of a mediator as the studio shows it. */
export interface BranchList {
  /** The list key (`then`, `case:0`). */
  readonly key: string;
  readonly branch: BranchDefinition;
  /** A label for the canvas: `Then`, `Case 1`. */
  readonly label: string;
  /** The values of the branch element's own fields (a case's regex), as written. */
  readonly values: Readonly<Record<string, string | undefined>>;
  /** The branch element, when it exists. */
  readonly element?: XmlElement;
}

/** The branch lists of a mediator (none for a leaf or an unknown element). */
export function branchListsOf(node: Pick<MediatorNode, 'kind' | 'tag' | 'element'>): BranchList[] {
  const def = node.kind === 'raw' ? undefined : definitionForTag(node.tag);
  if (!def) return [];
  const kids = elementChildren(node.element);
  return branchListKeys(def, node.element).map((key) => {
    const ref = branchOfKey(def, key) as BranchRef;
    const b = ref.branch;
    const element =
      ref.n !== undefined
        ? kids[occurrences(node.element, b.element as string)[ref.n] as number]
        : b.element
          ? kids.find((c) => localName(c.name) === b.element)
          : undefined;
    const values: Record<string, string | undefined> = {};
    for (const f of b.fields ?? [])
      values[f.key] = element ? attribute(element, f.attribute ?? f.key) : undefined;
    return {
      key,
      branch: b,
      label: ref.n !== undefined ? `${b.label} ${ref.n + 1}` : b.label,
      values,
      ...(element ? { element } : {}),
    };
  });
}
