/**
 * Derives mediator nodes from XML elements by walking the catalog definitions.
 */
import {
  definitionForTag,
  isAttributeField,
  type Field,
  type ListRow,
  type MediatorDefinition,
  type MediatorValues,
} from '../catalog/index.js';
import { serializeNode } from '../xml/xml-serialize.js';
import { attribute, childElement, elementChildren, localName, textContent } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import { branchListKeys, branchOfKey, occurrences } from './branch-lists.js';
import { readEndpoint } from './endpoint-read.js';
import type { MediatorNode, MediatorPath } from './mediator-types.js';

/** Child element names a definition's own fields claim (so they are not mediators). */
export function claimedChildren(def: MediatorDefinition): Set<string> {
  const names = new Set<string>();
  for (const f of def.fields) {
    if (f.type === 'text' || f.type === 'child') names.add(f.element);
    if (f.type === 'list') names.add(f.wrapper ?? f.element);
    if (f.type === 'endpointChild') names.add('endpoint');
  }
  for (const b of def.branches ?? []) if (b.element) names.add(b.element);
  return names;
}

function attributeValues(el: XmlElement, fields: readonly Field[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const f of fields) {
    if (!isAttributeField(f)) continue;
    out[f.key] = attribute(el, f.attribute ?? f.key);
  }
  return out;
}

/** Reads every field of `def` from `el`. */
export function readValues(def: MediatorDefinition, el: XmlElement): MediatorValues {
  const values: Record<string, MediatorValues[string]> = attributeValues(el, def.fields);
  const claimed = claimedChildren(def);
  for (const f of def.fields) {
    switch (f.type) {
      case 'text': {
        const c = childElement(el, f.element);
        values[f.key] = c ? textContent(c).trim() : undefined;
        break;
      }
      case 'body': {
        // Only the element's own text and CDATA (not its child elements'), as Synapse's getText().
        const own = el.children.filter((c) => c.type === 'text' || c.type === 'cdata');
        const text = own.map((c) => c.value).join('');
        values[f.key] = text.trim() === '' ? undefined : text;
        break;
      }
      case 'list': {
        const holder = f.wrapper ? childElement(el, f.wrapper) : el;
        values[f.key] = (holder ? elementChildren(holder) : [])
          .filter((c) => localName(c.name) === f.element)
          .map((row): ListRow => {
            const inline = f.inlineXml ? elementChildren(row)[0] : undefined;
            const cells = attributeValues(row, f.fields);
            return inline ? { ...cells, inlineXml: serializeNode(inline) } : cells;
          });
        break;
      }
      case 'child': {
        const c = childElement(el, f.element);
        if (!c) {
          values[f.key] = undefined;
          break;
        }
        const inline = f.inlineXml ? elementChildren(c)[0] : undefined;
        if (inline) {
          values[f.key] = { ...attributeValues(c, f.fields), inlineXml: serializeNode(inline) };
          break;
        }
        const text = f.withText ? textContent(c).trim() : '';
        values[f.key] = { ...attributeValues(c, f.fields), ...(text ? { text } : {}) };
        break;
      }
      case 'xml': {
        const c = elementChildren(el).find((x) => !claimed.has(localName(x.name)));
        values[f.key] = c ? serializeNode(c) : undefined;
        break;
      }
      case 'endpointChild': {
        const c = childElement(el, 'endpoint');
        values[f.key] = c ? readEndpoint(c) : undefined;
        break;
      }
      default:
        break;
    }
  }
  return values;
}

/**
 * Reads the mediators among `container`'s element children. `skip` names children that are
 * part of the container rather than mediators (`description`, `then`, …).
 */
export function readMediatorList(
  container: XmlElement,
  containerXmlPath: readonly number[],
  listPath: MediatorPath,
  skip: ReadonlySet<string> = new Set(),
): MediatorNode[] {
  const out: MediatorNode[] = [];
  elementChildren(container).forEach((el, elementIndex) => {
    if (skip.has(localName(el.name))) return;
    out.push(readMediator(el, [...containerXmlPath, elementIndex], [...listPath, out.length]));
  });
  return out;
}

/**
 * Where a branch list's mediators live (`branchKey` is a list key: `then`, `case:1`): the
 * branch element, or the container itself.
 */
export function branchContainer(
  def: MediatorDefinition,
  branchKey: string,
  el: XmlElement,
  xmlPath: readonly number[],
): { element: XmlElement; xmlPath: readonly number[]; skip: ReadonlySet<string> } | undefined {
  const ref = branchOfKey(def, branchKey);
  if (!ref) return undefined;
  const branch = ref.branch;
  if (!branch.element) return { element: el, xmlPath, skip: claimedChildren(def) };
  const kids = elementChildren(el);
  if (ref.n !== undefined) {
    const i = occurrences(el, branch.element)[ref.n];
    const occurrence = i === undefined ? undefined : kids[i];
    if (!occurrence || i === undefined) return undefined;
    if (!branch.inner) return { element: occurrence, xmlPath: [...xmlPath, i], skip: new Set() };
    // The mediators sit in a child of the occurrence (a clone target's <sequence>).
    const inner = elementChildren(occurrence);
    const j = inner.findIndex((c) => localName(c.name) === branch.inner);
    const holder = inner[j];
    return holder ? { element: holder, xmlPath: [...xmlPath, i, j], skip: new Set() } : undefined;
  }
  const at = kids.findIndex((c) => localName(c.name) === branch.element);
  const own = kids[at];
  if (own && branch.inner) {
    // The mediators sit in a child of the branch element (an iterate target's <sequence>).
    const j = elementChildren(own).findIndex((c) => localName(c.name) === branch.inner);
    const holder = elementChildren(own)[j];
    return holder ? { element: holder, xmlPath: [...xmlPath, at, j], skip: new Set() } : undefined;
  }
  if (own) return { element: own, xmlPath: [...xmlPath, at], skip: new Set() };
  const anyBranchElement = def.branches?.some(
    (b) => b.element && kids.some((c) => localName(c.name) === b.element),
  );
  if (branch.implicit && !anyBranchElement) return { element: el, xmlPath, skip: claimedChildren(def) };
  return undefined;
}

/** Reads one mediator element (a catalog kind, or `raw`). */
export function readMediator(el: XmlElement, xmlPath: readonly number[], path: MediatorPath): MediatorNode {
  const tag = localName(el.name);
  const def = definitionForTag(tag);
  if (
    !def ||
    (tag === 'sequence' && attribute(el, 'key') === undefined && attribute(el, 'name') !== undefined)
  ) {
    return { kind: 'raw', tag, values: {}, branches: {}, path, xmlPath, element: el };
  }
  const branches: Record<string, MediatorNode[]> = {};
  for (const key of branchListKeys(def, el)) {
    const where = branchContainer(def, key, el, xmlPath);
    branches[key] = where ? readMediatorList(where.element, where.xmlPath, [...path, key], where.skip) : [];
  }
  return {
    kind: def.kind as MediatorNode['kind'],
    tag,
    values: readValues(def, el),
    branches,
    path,
    xmlPath,
    element: el,
  };
}
