/**
 * Derives typed artifacts from XML documents by walking the artifact definitions: the root's tag
 * picks the definition, which names the artifact, says where its mediator lists are and reads
 * its typed properties.
 */
import { readMediatorList } from '../mediators/mediator-read.js';
import type { MediatorList } from '../mediators/mediator-types.js';
import { detectLayout } from '../xml/xml-edit.js';
import { attribute, elementChildren, localName } from '../xml/xml-query.js';
import type { XmlDocument, XmlElement } from '../xml/xml-types.js';
import { artifactDefinitionForTag } from './artifact-table.js';
import type { Artifact } from './artifact-types.js';
import type { ArtifactLists } from './define-artifact.js';

/** The attribute that names an artifact root: its definition's (`key` for local entries), else `name`. */
export function nameAttribute(root: XmlElement): string {
  return artifactDefinitionForTag(localName(root.name))?.nameAttribute ?? 'name';
}

/** The name an artifact root carries. */
export function artifactName(root: XmlElement): string {
  return attribute(root, nameAttribute(root)) ?? '';
}

/** Reads an artifact from a document whose root is an artifact element (not `definitions`). */
export function readArtifact(doc: XmlDocument, file?: string): Artifact {
  const root = doc.root;
  const tag = localName(root.name);
  const base = { name: artifactName(root), doc, layout: detectLayout(root), ...(file ? { file } : {}) };
  const def = artifactDefinitionForTag(tag);
  if (!def || (def.accepts && !def.accepts(root)))
    return { ...base, type: 'unsupported', lists: [], rootTag: tag };
  const lists = readLists(root, def.lists);
  // The definition's `read` gives exactly the properties of an artifact of its type.
  return { ...base, type: def.type, lists, ...def.read(root, lists) } as Artifact;
}

/** The mediator lists where the definition says they are. */
function readLists(root: XmlElement, spec: ArtifactLists | undefined): MediatorList[] {
  if (!spec) return [];
  if (spec.kind === 'body') {
    if (spec.element !== undefined) {
      const i = elementChildren(root).findIndex((c) => localName(c.name) === spec.element);
      const body = elementChildren(root)[i];
      if (!body) return [];
      const mediators = readMediatorList(body, [i], [spec.key], new Set(spec.skip ?? []));
      return [{ key: spec.key, label: spec.label, xmlPath: [i], mediators }];
    }
    const mediators = readMediatorList(root, [], [spec.key], new Set(spec.skip ?? []));
    return [{ key: spec.key, label: spec.label, xmlPath: [], mediators }];
  }
  const lists: MediatorList[] = [];
  let n = 0;
  for (const [i, owner] of elementChildren(root).entries()) {
    if (localName(owner.name) !== spec.owner) continue;
    lists.push(...inlineLists(owner, [i], spec.each ? `${spec.owner}.${n}.` : '', spec.elements));
    n++;
    if (!spec.each) break;
  }
  return lists;
}

/** Inline sequences (children named in `elements`) of an element, as lists keyed `${prefix}${tag}`. */
function inlineLists(
  owner: XmlElement,
  ownerPath: readonly number[],
  prefix: string,
  elements: readonly string[],
): MediatorList[] {
  const lists: MediatorList[] = [];
  elementChildren(owner).forEach((child, i) => {
    const tag = localName(child.name);
    if (!elements.includes(tag)) return;
    const key = `${prefix}${tag}`;
    const xmlPath = [...ownerPath, i];
    lists.push({ key, label: tag, xmlPath, mediators: readMediatorList(child, xmlPath, [key]) });
  });
  return lists;
}
