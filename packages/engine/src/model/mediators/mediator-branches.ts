/**
 * The concrete branches of a mediator element. A definition's fixed branches (`then`, `else`)
 * are one each; a `repeated` branch (clone's `<target>`) is one per occurrence of its element,
 * keyed `${key}.${i}`, so a path such as `['sequence', 0, 'target.1', 0]` names the first
 * mediator of the second target.
 */
import type { BranchDefinition, MediatorDefinition } from '../catalog/index.js';
import { elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** One branch of one mediator element. */
export interface ConcreteBranch {
  /** The key in `MediatorNode.branches` and in paths: `then`, `target.0`. */
  readonly key: string;
  readonly label: string;
  readonly definition: BranchDefinition;
  /** For a repeated branch: which occurrence of its element (0-based). */
  readonly index?: number;
}

/** The branches `el` has under `def`, in order (a repeated one once per element). */
export function concreteBranches(def: MediatorDefinition, el: XmlElement): ConcreteBranch[] {
  const out: ConcreteBranch[] = [];
  for (const b of def.branches ?? []) {
    if (!b.repeated) {
      out.push({ key: b.key, label: b.label, definition: b });
      continue;
    }
    let i = 0;
    for (const c of elementChildren(el)) {
      if (localName(c.name) !== b.element) continue;
      out.push({ key: `${b.key}.${i}`, label: `${b.label} ${i + 1}`, definition: b, index: i });
      i++;
    }
  }
  return out;
}

/** The definition and occurrence a branch key names (`then`, `target.2`), if `def` has it. */
export function branchByKey(
  def: MediatorDefinition,
  key: string,
): { readonly definition: BranchDefinition; readonly index?: number } | undefined {
  const fixed = def.branches?.find((b) => !b.repeated && b.key === key);
  if (fixed) return { definition: fixed };
  const m = /^(.+)\.(\d+)$/.exec(key);
  if (!m) return undefined;
  const repeated = def.branches?.find((b) => b.repeated && b.key === m[1]);
  return repeated ? { definition: repeated, index: Number(m[2]) } : undefined;
}
