/**
 * Shared plumbing of the edit functions: finding artifacts, lists and mediators by path, and
 * rebuilding the tree along an element path.
 */
import { readArtifact } from '../artifacts/artifact-read.js';
import type { Artifact } from '../artifacts/artifact-types.js';
import { definitionForTag } from '../catalog/index.js';
import type { BranchDefinition } from '../catalog/index.js';
import { branchOfKey } from '../mediators/branch-lists.js';
import { branchContainer, claimedChildren } from '../mediators/mediator-read.js';
import type { MediatorNode, MediatorPath } from '../mediators/mediator-types.js';
import type { ArtifactRef, Project } from '../project/project.js';
import {
  indentBefore,
  indentOfPath,
  insertElement,
  reindent,
  removeElement,
  replaceElement,
  type Layout,
  emptyElement,
} from '../xml/xml-edit.js';
import { elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** Thrown by an edit whose arguments do not fit the project (a bad path, say). */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

export function getArtifact(project: Project, ref: ArtifactRef): Artifact {
  const a = project.artifacts.find((x) => x.type === ref.type && x.name === ref.name);
  if (!a) throw new EditError(`There is no ${ref.type} named '${ref.name}'.`);
  return a;
}

/** Replaces an artifact with one re-read from a new root element. */
export function withRoot(project: Project, artifact: Artifact, root: XmlElement): Project {
  const next = readArtifact({ ...artifact.doc, root }, artifact.file);
  return { ...project, artifacts: project.artifacts.map((a) => (a === artifact ? next : a)) };
}

/** The element at an element path. */
export function elementAt(root: XmlElement, xmlPath: readonly number[]): XmlElement {
  let el = root;
  for (const i of xmlPath) {
    const next = elementChildren(el)[i];
    if (!next) throw new EditError('The element path does not exist in the artifact.');
    el = next;
  }
  return el;
}

/** The elements from the root down to the element at `xmlPath`, both included. */
export function chainTo(root: XmlElement, xmlPath: readonly number[]): XmlElement[] {
  const chain = [root];
  for (let k = 1; k <= xmlPath.length; k++) chain.push(elementAt(root, xmlPath.slice(0, k)));
  return chain;
}

/** Rebuilds `root` with the element at `xmlPath` replaced by `fn(element)`. */
export function updateAt(
  root: XmlElement,
  xmlPath: readonly number[],
  fn: (el: XmlElement) => XmlElement,
): XmlElement {
  if (xmlPath.length === 0) return fn(root);
  const [head, ...rest] = xmlPath as [number, ...number[]];
  const child = elementChildren(root)[head];
  if (!child) throw new EditError('The element path does not exist in the artifact.');
  return replaceElement(root, head, updateAt(child, rest, fn));
}

/** A mediator list resolved to where it lives in the XML. */
export interface ResolvedList {
  readonly mediators: readonly MediatorNode[];
  /** Element path of the element holding the list's mediators. */
  readonly xmlPath: readonly number[];
}

/** Finds the mediator at a path (ending in an index). */
export function mediatorAt(artifact: Artifact, path: MediatorPath): MediatorNode {
  const index = path[path.length - 1];
  if (typeof index !== 'number')
    throw new EditError(`Path ${path.join('/')} does not end in a mediator index.`);
  const list = listAt(artifact, path.slice(0, -1));
  const m = list?.mediators[index];
  if (!m) throw new EditError(`There is no mediator at ${path.join('/')} in '${artifact.name}'.`);
  return m;
}

/**
 * Finds a list by path (ending in a list or branch key). Undefined when the branch's element
 * does not exist yet (an absent `<else>`): `ensureBranch` creates it.
 */
export function listAt(artifact: Artifact, path: MediatorPath): ResolvedList | undefined {
  const [key, ...rest] = path;
  const top = artifact.lists.find((l) => l.key === key);
  if (!top) throw new EditError(`'${artifact.name}' has no mediator list '${String(key)}'.`);
  let list: ResolvedList = top;
  for (let k = 0; k < rest.length; k += 2) {
    const index = rest[k];
    const branch = rest[k + 1];
    const node = typeof index === 'number' ? list.mediators[index] : undefined;
    if (!node || typeof branch !== 'string')
      throw new EditError(`Path ${path.join('/')} does not name a list in '${artifact.name}'.`);
    const def = definitionForTag(node.tag);
    if (!def || node.kind === 'raw' || !branchOfKey(def, branch)) {
      throw new EditError(`<${node.tag}> has no branch '${branch}'.`);
    }
    const where = branchContainer(def, branch, node.element, node.xmlPath);
    if (!where) return undefined;
    list = { mediators: node.branches[branch] ?? [], xmlPath: where.xmlPath };
  }
  return list;
}

/**
 * Makes sure a branch element exists (`<else>`; `<then>` too, wrapping a filter's implicit
 * then-mediators), laid out like its siblings. Returns the new root.
 */
export function ensureBranch(
  root: XmlElement,
  node: MediatorNode,
  branchKey: string,
  layout: Layout,
): XmlElement {
  const def = definitionForTag(node.tag);
  const ref = def ? branchOfKey(def, branchKey) : undefined;
  const branch = ref?.branch;
  if (!def || !branch?.element) return root;
  // An occurrence of a repeated branch (a switch case, a clone target) is added by addBranch or
  // a list row; here it only gets its inner element (a target's <sequence>) when it has one.
  if (ref?.n !== undefined) return branch.inner ? ensureInner(root, node, branch, ref.n, layout) : root;
  // A single branch element with an inner holder (iterate's <target><sequence/>): make both.
  if (branch.inner && elementChildren(node.element).some((c) => localName(c.name) === branch.element))
    return ensureInner(root, node, branch, 0, layout);
  const indent = indentOfPath(chainTo(root, node.xmlPath));
  const empty = emptyElement;
  return updateAt(root, node.xmlPath, (filterEl) => {
    let el = filterEl;
    const isBranch = (c: XmlElement) => def.branches?.some((b) => b.element === localName(c.name)) ?? false;
    const implicit = def.branches?.find((b) => b.implicit && b.element);
    if (implicit && !elementChildren(el).some(isBranch)) {
      // Move the implicit then-mediators into an explicit <then> first.
      const claimed = claimedChildren(def);
      let wrapper = empty(prefixed(el, implicit.element as string));
      const kids = elementChildren(el);
      for (let i = kids.length - 1; i >= 0; i--) {
        const c = kids[i] as XmlElement;
        if (claimed.has(localName(c.name))) continue;
        el = removeElement(el, i);
        const own = indentBefore(filterEl, c) ?? '';
        wrapper = insertElement(wrapper, 0, reindent(c, own, ''), '', layout);
      }
      el = insertElement(el, elementChildren(el).length, wrapper, indent, layout);
    }
    if (!elementChildren(el).some((c) => localName(c.name) === branch.element)) {
      let added = empty(prefixed(el, branch.element as string));
      if (branch.inner) added = insertElement(added, 0, empty(prefixed(el, branch.inner)), '', layout);
      el = insertElement(el, elementChildren(el).length, added, indent, layout);
    }
    return el;
  });
}

/**
 * Makes sure occurrence `index` of a branch element (0 for a single one) has its `inner` element
 * (`<target><sequence/>`).
 */
function ensureInner(
  root: XmlElement,
  node: MediatorNode,
  branch: BranchDefinition,
  index: number,
  layout: Layout,
): XmlElement {
  const kids = elementChildren(node.element);
  const owner = kids.filter((c) => localName(c.name) === branch.element)[index];
  if (!owner) throw new EditError(`<${node.tag}> has no ${branch.label.toLowerCase()} ${index + 1}.`);
  const inner = branch.inner;
  if (!inner || elementChildren(owner).some((c) => localName(c.name) === inner)) return root;
  const ownerPath = [...node.xmlPath, kids.indexOf(owner)];
  const indent = indentOfPath(chainTo(root, ownerPath));
  // The inline sequence goes first: MI reads it before the target's endpoint.
  return updateAt(root, ownerPath, (el) =>
    insertElement(el, 0, emptyElement(prefixed(el, inner)), indent, layout),
  );
}

/** A child name with the same namespace prefix as its parent. */
export function prefixed(parent: XmlElement, local: string): string {
  const colon = parent.name.indexOf(':');
  return colon === -1 ? local : `${parent.name.slice(0, colon + 1)}${local}`;
}
