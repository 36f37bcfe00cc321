/**
 * `changeMediator`: writes field values (from the inspector) back into a mediator's element,
 * touching only what changed.
 */
import {
  definitionForTag,
  isAttributeField,
  type EndpointValue,
  type Field,
  type ListRow,
} from '../catalog/index.js';
import type { MediatorPath } from '../mediators/mediator-types.js';
import type { ArtifactRef, Project } from '../project/project.js';
import {
  indentOfPath,
  insertElement,
  removeElement,
  replaceElement,
  setAttribute,
  setText,
  textNode,
  type Layout,
  emptyElement,
} from '../xml/xml-edit.js';
import { parseXml } from '../xml/xml-parse.js';
import { serializeNode } from '../xml/xml-serialize.js';
import { attribute, elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import { chainTo, EditError, getArtifact, mediatorAt, prefixed, updateAt, withRoot } from './edit-context.js';

/** A new value per field key; `null` removes the field. */
export type FieldChanges = Readonly<
  Record<string, string | null | readonly ListRow[] | ListRow | EndpointValue>
>;

export interface ChangeMediatorArgs {
  readonly artifact: ArtifactRef;
  readonly path: MediatorPath;
  readonly values: FieldChanges;
}

const empty = emptyElement;

function childIndex(el: XmlElement, name: string): number {
  return elementChildren(el).findIndex((c) => localName(c.name) === name);
}

/** Sets, replaces or removes the child element `name`. */
function putChild(
  el: XmlElement,
  name: string,
  next: XmlElement | undefined,
  indent: string,
  layout: Layout,
): XmlElement {
  const at = childIndex(el, name);
  if (!next) return at === -1 ? el : removeElement(el, at);
  if (at !== -1) return replaceElement(el, at, next);
  return insertElement(el, elementChildren(el).length, next, indent, layout);
}

function setAttributes(
  el: XmlElement,
  fields: readonly Field[],
  row: Readonly<Record<string, unknown>>,
): XmlElement {
  let out = el;
  for (const f of fields) {
    if (!(f.key in row)) continue;
    if (!isAttributeField(f)) continue;
    const v = row[f.key];
    out = setAttribute(out, f.attribute ?? f.key, v === null || v === undefined ? undefined : String(v));
  }
  return out;
}

function parseFragment(xml: string, what: string): XmlElement {
  const parsed = parseXml(xml.trim());
  if (!parsed.ok) throw new EditError(`${what} is not well-formed XML: ${parsed.error.message}`);
  return parsed.document.root;
}

function endpointElement(old: XmlElement | undefined, ep: EndpointValue, name: string): XmlElement {
  if (ep.key !== undefined) return setAttribute(empty(name), 'key', ep.key);
  const base = old && attribute(old, 'key') === undefined ? old : empty(name);
  const kind = ep.kind ?? 'address';
  const at = childIndex(base, kind);
  const body = at === -1 ? empty(prefixed(base, kind)) : (elementChildren(base)[at] as XmlElement);
  const withUri = setAttribute(body, kind === 'http' ? 'uri-template' : 'uri', ep.uri);
  const withFormat = ep.format !== undefined ? setAttribute(withUri, 'format', ep.format) : withUri;
  if (at !== -1) return replaceElement(base, at, withFormat);
  return { ...base, children: [withFormat], selfClosing: false };
}

function applyField(
  el: XmlElement,
  f: Field,
  value: FieldChanges[string],
  indent: string,
  layout: Layout,
): XmlElement {
  const remove = value === null;
  switch (f.type) {
    case 'text':
      return putChild(
        el,
        f.element,
        remove ? undefined : setText(empty(prefixed(el, f.element)), String(value)),
        indent,
        layout,
      );
    case 'body': {
      // Child elements (script's <include>) stay; the text goes first, as CDATA unless it holds ']]>'.
      const kept = el.children.filter((c) => c.type !== 'text' && c.type !== 'cdata');
      const text = remove ? '' : String(value);
      if (!text) return { ...el, children: kept, selfClosing: kept.length === 0 };
      const node = text.includes(']]>') ? textNode(text) : { type: 'cdata' as const, value: text };
      return { ...el, children: [node, ...kept], selfClosing: false };
    }
    case 'xml': {
      const claimed = new Set(['endpoint']);
      const at = elementChildren(el).findIndex((c) => !claimed.has(localName(c.name)));
      if (remove) return at === -1 ? el : removeElement(el, at);
      const node = parseFragment(String(value), 'The inline XML value');
      return at === -1 ? insertElement(el, 0, node, indent, layout) : replaceElement(el, at, node);
    }
    case 'endpointChild': {
      const at = childIndex(el, 'endpoint');
      const old = at === -1 ? undefined : elementChildren(el)[at];
      return putChild(
        el,
        'endpoint',
        remove ? undefined : endpointElement(old, value as EndpointValue, prefixed(el, 'endpoint')),
        indent,
        layout,
      );
    }
    case 'child': {
      if (remove) return putChild(el, f.element, undefined, indent, layout);
      const at = childIndex(el, f.element);
      const row = value as ListRow & { text?: string };
      let child = setAttributes(
        at === -1 ? empty(prefixed(el, f.element)) : (elementChildren(el)[at] as XmlElement),
        f.fields,
        row,
      );
      if (f.inlineXml && row.inlineXml !== undefined) {
        // Inline XML wins over text; kept as written (with its layout) unless it changed.
        const current = elementChildren(child)[0];
        if (!current || serializeNode(current) !== row.inlineXml)
          child = {
            ...child,
            children: [parseFragment(row.inlineXml, 'The inline XML value')],
            selfClosing: false,
          };
      } else if (f.withText && 'text' in row) child = setText(child, row.text ?? '');
      return putChild(el, f.element, child, indent, layout);
    }
    case 'list': {
      if (f.wrapper) {
        // The rows live in their own element (payloadFactory's <args>): edit them there. A new
        // one is built at indentation '' and indented as a whole when it is inserted.
        const at = childIndex(el, f.wrapper);
        if (remove || (value as readonly ListRow[]).length === 0)
          return putChild(el, f.wrapper, undefined, indent, layout);
        const holder = at === -1 ? empty(prefixed(el, f.wrapper)) : (elementChildren(el)[at] as XmlElement);
        const rowsIndent = at === -1 ? '' : indent + layout.unit;
        const inner = applyField(holder, { ...f, wrapper: undefined }, value, rowsIndent, layout);
        return putChild(el, f.wrapper, inner, indent, layout);
      }
      const rows = remove ? [] : (value as readonly ListRow[]);
      let out = el;
      const positions = () =>
        elementChildren(out).flatMap((c, i) => (localName(c.name) === f.element ? [i] : []));
      let existing = positions();
      for (let i = existing.length - 1; i >= rows.length; i--)
        out = removeElement(out, existing[i] as number);
      existing = positions();
      rows.forEach((row, i) => {
        const at = existing[i];
        const base =
          at === undefined ? empty(prefixed(el, f.element)) : (elementChildren(out)[at] as XmlElement);
        let next = setAttributes(base, f.fields, row);
        if (f.inlineXml && row.inlineXml !== undefined)
          next = {
            ...next,
            children: [parseFragment(row.inlineXml, 'The inline XML value')],
            selfClosing: false,
          };
        if (at !== undefined) out = replaceElement(out, at, next);
        else {
          const after = existing.length
            ? (existing[existing.length - 1] as number) + 1 + (i - existing.length)
            : elementChildren(out).length;
          out = insertElement(out, after, next, indent, layout);
        }
      });
      return out;
    }
    default:
      return setAttribute(el, f.attribute ?? f.key, remove ? undefined : String(value));
  }
}

/**
 * The changes plus the removal of every field they make meaningless: setting property's action to
 * `remove` drops its value, expression and type (see `InactiveWhen`), unless `values` names them.
 */
function withInactiveCleared(fields: readonly Field[], values: FieldChanges): FieldChanges {
  const out: Record<string, FieldChanges[string]> = { ...values };
  for (const f of fields) {
    const w = 'inactiveWhen' in f ? f.inactiveWhen : undefined;
    if (w && !(f.key in values) && values[w.field] === w.value) out[f.key] = null;
  }
  return out;
}

/**
 * Changes field values of a mediator; fields not named in `values` stay as written, except those
 * the change makes meaningless, which are removed.
 */
export function changeMediator(project: Project, args: ChangeMediatorArgs): Project {
  const artifact = getArtifact(project, args.artifact);
  const node = mediatorAt(artifact, args.path);
  const def = node.kind === 'raw' ? undefined : definitionForTag(node.tag);
  if (!def) throw new EditError(`<${node.tag}> is not a known mediator; edit its XML instead.`);
  const indent = indentOfPath(chainTo(artifact.doc.root, node.xmlPath));
  const root = updateAt(artifact.doc.root, node.xmlPath, (el) => {
    let out = el;
    for (const [key, value] of Object.entries(withInactiveCleared(def.fields, args.values))) {
      const f = def.fields.find((x) => x.key === key);
      if (!f) throw new EditError(`<${node.tag}> has no field '${key}'.`);
      out = applyField(out, f, value, indent, artifact.layout);
    }
    return out;
  });
  return withRoot(project, artifact, root);
}
