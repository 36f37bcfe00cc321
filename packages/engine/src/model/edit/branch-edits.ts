/**
 * Edits of a container's branches themselves (not the mediators in them): add an occurrence of
 * a repeated branch (a switch `<case>`), remove a branch element, and set a branch element's own
 * fields (a case's `regex`). Pure `(project, args) -> project`, like the other edits.
 */
import { definitionForTag, type MediatorDefinition } from '../catalog/index.js';
import { branchOfKey, occurrences } from '../mediators/branch-lists.js';
import type { MediatorNode, MediatorPath } from '../mediators/mediator-types.js';
import type { ArtifactRef, Project } from '../project/project.js';
import { emptyElement, indentOfPath, insertElement, removeElement, setAttribute } from '../xml/xml-edit.js';
import { elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import { chainTo, EditError, getArtifact, mediatorAt, prefixed, updateAt, withRoot } from './edit-context.js';

/** A new value per branch field key; `null` removes the attribute. */
export type BranchFieldChanges = Readonly<Record<string, string | null>>;

function definitionFor(node: MediatorNode): MediatorDefinition {
  const def = node.kind === 'raw' ? undefined : definitionForTag(node.tag);
  if (!def) throw new EditError(`<${node.tag}> is not a known mediator; edit its XML instead.`);
  return def;
}

function setFields(el: XmlElement, def: MediatorDefinition, key: string, values: BranchFieldChanges) {
  const fields = branchOfKey(def, key)?.branch.fields ?? [];
  let out = el;
  for (const [k, v] of Object.entries(values)) {
    const f = fields.find((x) => x.key === k);
    if (!f) throw new EditError(`<${localName(el.name)}> has no field '${k}'.`);
    out = setAttribute(out, f.attribute ?? f.key, v === null ? undefined : v);
  }
  return out;
}

export interface AddBranchArgs {
  readonly artifact: ArtifactRef;
  /** The container mediator. */
  readonly path: MediatorPath;
  /** The repeated branch's key (`case`). */
  readonly branch: string;
  /** Its fields (`{ regex: 'a.*' }`). */
  readonly values?: BranchFieldChanges;
}

/**
 * Adds an occurrence of a repeated branch after its last one, or, if it has none, before the
 * elements of the branches defined after it (a switch's new case goes before `<default>`).
 */
export function addBranch(project: Project, args: AddBranchArgs): Project {
  const artifact = getArtifact(project, args.artifact);
  const node = mediatorAt(artifact, args.path);
  const def = definitionFor(node);
  const at = def.branches?.findIndex((b) => b.key === args.branch) ?? -1;
  const branch = def.branches?.[at];
  if (!branch?.repeated || !branch.element)
    throw new EditError(`<${node.tag}> has no repeated branch '${args.branch}'.`);
  const later = new Set((def.branches ?? []).slice(at + 1).flatMap((b) => (b.element ? [b.element] : [])));
  const indent = indentOfPath(chainTo(artifact.doc.root, node.xmlPath));
  const root = updateAt(artifact.doc.root, node.xmlPath, (el) => {
    const own = occurrences(el, branch.element as string);
    const kids = elementChildren(el);
    const next = kids.findIndex((c) => later.has(localName(c.name)));
    const index = own.length ? (own[own.length - 1] as number) + 1 : next !== -1 ? next : kids.length;
    const key = `${branch.key}:${own.length}`;
    const child = setFields(
      emptyElement(prefixed(el, branch.element as string)),
      def,
      key,
      args.values ?? {},
    );
    return insertElement(el, index, child, indent, artifact.layout);
  });
  return withRoot(project, artifact, root);
}

export interface BranchArgs {
  readonly artifact: ArtifactRef;
  /** The branch list: the container's path and a list key (`[…, 'case:1']`, `[…, 'default']`). */
  readonly list: MediatorPath;
}

/** The container and the element index of a branch list's element. */
function branchElement(project: Project, args: BranchArgs) {
  const artifact = getArtifact(project, args.artifact);
  const node = mediatorAt(artifact, args.list.slice(0, -1));
  const def = definitionFor(node);
  const key = String(args.list[args.list.length - 1]);
  const ref = branchOfKey(def, key);
  if (!ref?.branch.element) throw new EditError(`<${node.tag}> has no branch element '${key}'.`);
  const all = occurrences(node.element, ref.branch.element);
  const index = all[ref.n ?? 0];
  if (index === undefined) throw new EditError(`<${node.tag}> has no '${key}'.`);
  return { artifact, node, def, key, index };
}

/** Removes a branch element with the mediators in it (a switch case, a default). */
export function removeBranch(project: Project, args: BranchArgs): Project {
  const { artifact, node, index } = branchElement(project, args);
  return withRoot(
    project,
    artifact,
    updateAt(artifact.doc.root, node.xmlPath, (el) => removeElement(el, index)),
  );
}

export interface ChangeBranchArgs extends BranchArgs {
  readonly values: BranchFieldChanges;
}

/** Sets fields of a branch element (a case's `regex`). */
export function changeBranch(project: Project, args: ChangeBranchArgs): Project {
  const { artifact, node, def, key, index } = branchElement(project, args);
  const root = updateAt(artifact.doc.root, [...node.xmlPath, index], (el) =>
    setFields(el, def, key, args.values),
  );
  return withRoot(project, artifact, root);
}
