/**
 * Small, lossless edits of the engine's XML tree for artifact-level fields (a proxy's
 * `transports`, an inbound endpoint's parameters). The engine exports mediator edits only; these
 * follow its rules (untouched text stays as written, new children take their siblings'
 * indentation). Proposed for the engine as `changeArtifact`.
 */
import { elementChildren, type Layout, type XmlElement, type XmlNode, type XmlText } from '@mediate/engine';

const blank = (raw: string): XmlText => ({ type: 'text', value: raw, raw });

function isBlank(n: XmlNode | undefined): n is XmlText {
  return !!n && n.type === 'text' && n.value.trim() === '';
}

function escapeAttr(value: string, quote: '"' | "'"): string {
  return value.replace(/[&<"'\n\t]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === '<'
        ? '&lt;'
        : c === '\n'
          ? '&#10;'
          : c === '\t'
            ? '&#9;'
            : c === quote
              ? c === '"'
                ? '&quot;'
                : '&apos;'
              : c,
  );
}

/** Sets or (with undefined) removes an attribute; an existing one keeps its place and quotes. */
export function setAttr(el: XmlElement, name: string, value: string | undefined): XmlElement {
  const at = el.attributes.findIndex((a) => a.name === name);
  if (value === undefined)
    return at === -1 ? el : { ...el, attributes: el.attributes.filter((_, i) => i !== at) };
  const attributes = [...el.attributes];
  const old = attributes[at];
  if (old) {
    if (old.value === value) return el;
    attributes[at] = { ...old, value, raw: escapeAttr(value, old.quote) };
  } else {
    const last = attributes[attributes.length - 1];
    const lead = last && last.lead.includes('\n') ? last.lead : ' ';
    attributes.push({ name, value, lead, eq: '=', quote: '"', raw: escapeAttr(value, '"') });
  }
  return { ...el, attributes };
}

/** Replaces an element's content with text. */
export function setText(el: XmlElement, value: string): XmlElement {
  const raw = value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
  return {
    ...el,
    children: value ? [{ type: 'text', value, raw }] : [],
    selfClosing: !value,
    closeRaw: undefined,
  };
}

/** A new empty element named like its parent's prefix. */
export function newElement(parent: XmlElement, local: string): XmlElement {
  const colon = parent.name.indexOf(':');
  const name = colon === -1 ? local : `${parent.name.slice(0, colon + 1)}${local}`;
  return { type: 'element', name, attributes: [], children: [], selfClosing: true, openTail: '' };
}

/** The indentation before the `i`-th node of `el`, if it starts a line. */
function indentAt(el: XmlElement, i: number): string | undefined {
  const prev = el.children[i - 1];
  if (!isBlank(prev)) return undefined;
  const nl = prev.raw.lastIndexOf('\n');
  return nl === -1 ? undefined : prev.raw.slice(nl + 1);
}

/** Appends a (single-line) child element; `indent` is the parent's own indentation. */
export function appendChild(
  parent: XmlElement,
  child: XmlElement,
  indent: string,
  layout: Layout,
): XmlElement {
  const slots = parent.children.flatMap((c, i) => (c.type === 'element' ? [i] : []));
  const last = slots[slots.length - 1];
  if (last === undefined) {
    const kept = parent.children.filter((c) => !isBlank(c));
    const inner = indent + layout.unit;
    const children: XmlNode[] = [];
    for (const k of kept) children.push(blank(layout.eol + inner), k);
    children.push(blank(layout.eol + inner), child, blank(layout.eol + indent));
    return { ...parent, children, selfClosing: false };
  }
  const own = indentAt(parent, last);
  const children = [...parent.children];
  children.splice(last + 1, 0, ...(own !== undefined ? [blank(layout.eol + own)] : []), child);
  return { ...parent, children };
}

/** Removes the `index`-th element child with the white space before it. */
export function removeChild(parent: XmlElement, index: number): XmlElement {
  const slots = parent.children.flatMap((c, i) => (c.type === 'element' ? [i] : []));
  const slot = slots[index];
  if (slot === undefined) return parent;
  const children = [...parent.children];
  const from = isBlank(children[slot - 1]) ? slot - 1 : slot;
  children.splice(from, slot - from + 1);
  if (children.every(isBlank)) return { ...parent, children: [], selfClosing: true, closeRaw: undefined };
  return { ...parent, children };
}

/** Replaces the `index`-th element child. */
export function replaceChild(parent: XmlElement, index: number, child: XmlElement): XmlElement {
  const slot = parent.children.flatMap((c, i) => (c.type === 'element' ? [i] : []))[index];
  if (slot === undefined) return parent;
  const children = [...parent.children];
  children[slot] = child;
  return { ...parent, children };
}

/** The indentation of the element at an element path (root = ''). */
export function indentOf(root: XmlElement, xmlPath: readonly number[]): string {
  let el = root;
  let indent = '';
  for (const i of xmlPath) {
    const slot = el.children.flatMap((c, k) => (c.type === 'element' ? [k] : []))[i];
    if (slot === undefined) break;
    indent = indentAt(el, slot) ?? indent;
    el = el.children[slot] as XmlElement;
  }
  return indent;
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
  if (!child) return root;
  return replaceChild(root, head, updateAt(child, rest, fn));
}
