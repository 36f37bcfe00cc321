/**
 * The studio's structural commands: insert, move and remove mediators, addressed by path.
 * Each is a pure function `(project, args) -> project`; only the edited lines change.
 */
import { CATALOG, type MediatorKind } from '../catalog/index.js';
import type { MediatorPath } from '../mediators/mediator-types.js';
import type { ArtifactRef, Project } from '../project/project.js';
import {
  convertIndentUnit,
  DEFAULT_LAYOUT,
  indentBefore,
  indentOfPath,
  insertElement,
  reindent,
  removeElement,
  type Layout,
} from '../xml/xml-edit.js';
import { parseXml } from '../xml/xml-parse.js';
import { elementChildren } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import {
  chainTo,
  EditError,
  elementAt,
  ensureBranch,
  getArtifact,
  listAt,
  mediatorAt,
  prefixed,
  updateAt,
  withRoot,
} from './edit-context.js';

export interface InsertMediatorArgs {
  readonly artifact: ArtifactRef;
  /** The list to insert into: `['sequence']`, `['inSequence', 0, 'then']`, … */
  readonly list: MediatorPath;
  /** Position in the list; the list's length (or more) appends. */
  readonly index: number;
  /** What to insert: a catalog kind (its template) or an XML fragment. */
  readonly kind?: MediatorKind;
  readonly xml?: string;
}

/** Reads the element to insert, laid out at indentation '' in the document's indent unit. */
function newElement(args: InsertMediatorArgs, parentName: string, layout: Layout): XmlElement {
  const xml = args.xml ?? (args.kind ? CATALOG[args.kind].template : undefined);
  if (xml === undefined) throw new EditError('Insert needs a mediator kind or an XML fragment.');
  const parsed = parseXml(xml.trim());
  if (!parsed.ok)
    throw new EditError(
      `The mediator XML does not parse: ${parsed.error.message} (line ${parsed.error.line}, column ${parsed.error.column}).`,
    );
  // Catalog templates and pasted fragments are written with four-space indentation.
  const el = convertIndentUnit(parsed.document.root, DEFAULT_LAYOUT.unit, layout.unit);
  // A fragment written without a prefix joins the parent's namespace prefix, if it has one.
  return el.name.includes(':') ? el : { ...el, name: prefixed({ ...el, name: parentName }, el.name) };
}

/** Resolves (creating a missing branch element) the container of a list. */
function containerOf(
  project: Project,
  ref: ArtifactRef,
  list: MediatorPath,
): { project: Project; xmlPath: readonly number[]; count: number; slots: number[] } {
  let artifact = getArtifact(project, ref);
  let resolved = listAt(artifact, list);
  if (!resolved) {
    const owner = mediatorAt(artifact, list.slice(0, -1));
    project = withRoot(
      project,
      artifact,
      ensureBranch(artifact.doc.root, owner, String(list[list.length - 1]), artifact.layout),
    );
    artifact = getArtifact(project, ref);
    resolved = listAt(artifact, list);
    if (!resolved) throw new EditError(`Could not create the list ${list.join('/')}.`);
  }
  const slots = resolved.mediators.map((m) => m.xmlPath[m.xmlPath.length - 1] as number);
  return { project, xmlPath: resolved.xmlPath, count: resolved.mediators.length, slots };
}

/** The element index at which mediator number `index` of a list goes. */
function elementIndexFor(
  root: XmlElement,
  xmlPath: readonly number[],
  slots: readonly number[],
  index: number,
): number {
  if (index < slots.length) return slots[Math.max(0, index)] as number;
  if (slots.length) return (slots[slots.length - 1] as number) + 1;
  return elementChildren(elementAt(root, xmlPath)).length;
}

function insertAt(
  project: Project,
  ref: ArtifactRef,
  list: MediatorPath,
  index: number,
  child: XmlElement,
): Project {
  const c = containerOf(project, ref, list);
  const artifact = getArtifact(c.project, ref);
  const root = artifact.doc.root;
  const at = elementIndexFor(root, c.xmlPath, c.slots, Math.min(index, c.count));
  const indent = indentOfPath(chainTo(root, c.xmlPath));
  return withRoot(
    c.project,
    artifact,
    updateAt(root, c.xmlPath, (el) => insertElement(el, at, child, indent, artifact.layout)),
  );
}

/** Inserts a new mediator (from its kind's template, or from XML) into a list. */
export function insertMediator(project: Project, args: InsertMediatorArgs): Project {
  const artifact = getArtifact(project, args.artifact);
  return insertAt(
    project,
    args.artifact,
    args.list,
    args.index,
    newElement(args, artifact.doc.root.name, artifact.layout),
  );
}

export interface RemoveMediatorArgs {
  readonly artifact: ArtifactRef;
  readonly path: MediatorPath;
}

/** Removes a mediator (and its nested mediators). */
export function removeMediator(project: Project, args: RemoveMediatorArgs): Project {
  const artifact = getArtifact(project, args.artifact);
  const node = mediatorAt(artifact, args.path);
  const parentPath = node.xmlPath.slice(0, -1);
  const at = node.xmlPath[node.xmlPath.length - 1] as number;
  return withRoot(
    project,
    artifact,
    updateAt(artifact.doc.root, parentPath, (el) => removeElement(el, at)),
  );
}

export interface MoveMediatorArgs {
  readonly artifact: ArtifactRef;
  readonly from: MediatorPath;
  /** The target list, as it is named before the move. */
  readonly toList: MediatorPath;
  /** Position in the target list, counted before the move. */
  readonly index: number;
}

/** Moves a mediator to another place, also into and out of in/out/filter branches. */
export function moveMediator(project: Project, args: MoveMediatorArgs): Project {
  const artifact = getArtifact(project, args.artifact);
  const node = mediatorAt(artifact, args.from);
  const fromList = args.from.slice(0, -1);
  const fromIndex = args.from[args.from.length - 1] as number;
  const inside =
    args.toList.length > fromList.length &&
    fromList.every((s, i) => args.toList[i] === s) &&
    args.toList[fromList.length] === fromIndex;
  if (inside) throw new EditError('A mediator cannot be moved into itself.');
  // Paths after the removed mediator in the same list shift up by one.
  const toList = args.toList.map((s, i) =>
    i === fromList.length &&
    typeof s === 'number' &&
    fromList.every((p, k) => args.toList[k] === p) &&
    s > fromIndex
      ? s - 1
      : s,
  );
  const sameList = toList.length === fromList.length && fromList.every((s, i) => toList[i] === s);
  const index = sameList && args.index > fromIndex ? args.index - 1 : args.index;
  const parent = elementAt(artifact.doc.root, node.xmlPath.slice(0, -1));
  const moved = reindent(node.element, indentBefore(parent, node.element) ?? '', '');
  const removed = removeMediator(project, { artifact: args.artifact, path: args.from });
  return insertAt(removed, args.artifact, toList, index, moved);
}
