/**
 * Pure edits of the lossless tree. Each returns new nodes and leaves everything it does not
 * touch as it was, so the serialized text changes only on the lines of the edit. New children
 * take the indentation of their siblings.
 */
import { escapeAttribute, escapeText } from './xml-chars.js';
import { isBlank } from './xml-query.js';
import type { XmlAttribute, XmlElement, XmlNode, XmlText } from './xml-types.js';

/** A plain description of an element to create. */
export interface ElementSpec {
  readonly name: string;
  readonly attributes?: ReadonlyArray<readonly [string, string]>;
  readonly children?: readonly ElementSpec[];
  /** Text content (used when there are no children). */
  readonly text?: string;
  /** Already-built subtree to embed verbatim (an inline XML value). */
  readonly node?: XmlElement;
}

/** Layout facts for generating text: the line break and one level of indentation. */
export interface Layout {
  readonly eol: string;
  readonly unit: string;
}

export const DEFAULT_LAYOUT: Layout = { eol: '\n', unit: '    ' };

/** Guesses the line break and indent unit of a document from its root element. */
export function detectLayout(root: XmlElement): Layout {
  let eol = '\n';
  let unit: string | undefined;
  const visit = (el: XmlElement, indent: string): void => {
    for (const c of el.children) {
      if (c.type === 'text' && c.raw.includes('\r\n')) eol = '\r\n';
      if (c.type !== 'element' || unit) continue;
      const own = indentBefore(el, c);
      if (own !== undefined && own.length > indent.length && own.startsWith(indent)) {
        unit = own.slice(indent.length);
        return;
      }
      visit(c, own ?? indent);
    }
  };
  visit(root, '');
  return { eol, unit: unit && /^( +|\t+)$/.test(unit) ? unit : DEFAULT_LAYOUT.unit };
}

/** The indentation of `child` inside `parent`: the text after the last line break before it. */
export function indentBefore(parent: XmlElement, child: XmlNode): string | undefined {
  const i = parent.children.indexOf(child);
  const prev = i > 0 ? parent.children[i - 1] : undefined;
  if (!prev || prev.type !== 'text' || !isBlank(prev)) return undefined;
  const nl = prev.raw.lastIndexOf('\n');
  return nl === -1 ? undefined : prev.raw.slice(nl + 1);
}

/** A new empty element (`<name/>`). */
export function emptyElement(name: string): XmlElement {
  return { type: 'element', name, attributes: [], children: [], selfClosing: true, openTail: '' };
}

/** A text node for `value`, escaped. */
export function textNode(value: string): XmlText {
  return { type: 'text', value, raw: escapeText(value) };
}

function blank(raw: string): XmlText {
  return { type: 'text', value: raw, raw };
}

/** Builds an element from a spec, laid out at `indent` (its children one unit deeper). */
export function buildElement(spec: ElementSpec, indent: string, layout: Layout = DEFAULT_LAYOUT): XmlElement {
  if (spec.node) return reindent(spec.node, '', indent);
  const attributes = (spec.attributes ?? []).map(([name, value]) => newAttribute(name, value, ' '));
  const kids = spec.children ?? [];
  if (kids.length === 0) {
    if (spec.text === undefined || spec.text === '') {
      return { type: 'element', name: spec.name, attributes, children: [], selfClosing: true, openTail: '' };
    }
    return {
      type: 'element',
      name: spec.name,
      attributes,
      children: [textNode(spec.text)],
      selfClosing: false,
      openTail: '',
    };
  }
  const inner = indent + layout.unit;
  const children: XmlNode[] = [];
  for (const k of kids) children.push(blank(layout.eol + inner), buildElement(k, inner, layout));
  children.push(blank(layout.eol + indent));
  return { type: 'element', name: spec.name, attributes, children, selfClosing: false, openTail: '' };
}

function newAttribute(name: string, value: string, lead: string): XmlAttribute {
  return { name, value, lead, eq: '=', quote: '"', raw: escapeAttribute(value, '"') };
}

/**
 * Sets (or with `undefined`, removes) an attribute. An existing one keeps its place, quotes and
 * spacing; a new one goes last, with the same lead as the last attribute when they are laid out
 * one per line.
 */
export function setAttribute(el: XmlElement, name: string, value: string | undefined): XmlElement {
  const at = el.attributes.findIndex((a) => a.name === name);
  if (value === undefined) {
    if (at === -1) return el;
    return { ...el, attributes: el.attributes.filter((_, i) => i !== at) };
  }
  const attributes = [...el.attributes];
  const old = attributes[at];
  if (old) {
    if (old.value === value) return el;
    attributes[at] = { ...old, value, raw: escapeAttribute(value, old.quote) };
  } else {
    const last = attributes[attributes.length - 1];
    const lead = last && last.lead.includes('\n') ? last.lead : ' ';
    attributes.push(newAttribute(name, value, lead));
  }
  return { ...el, attributes };
}

/** Replaces the whole content of an element with one text value. */
export function setText(el: XmlElement, value: string): XmlElement {
  return { ...el, children: value ? [textNode(value)] : [], selfClosing: !value };
}

/** Positions of the element children within `children`. */
function elementSlots(el: XmlElement): number[] {
  const slots: number[] = [];
  el.children.forEach((c, i) => {
    if (c.type === 'element') slots.push(i);
  });
  return slots;
}

/** The indentation of `el` itself, given the parent chain above it (root first). */
export function indentOfPath(chain: readonly XmlElement[]): string {
  let indent = '';
  for (let i = 1; i < chain.length; i++) {
    const own = indentBefore(chain[i - 1] as XmlElement, chain[i] as XmlElement);
    if (own !== undefined) indent = own;
  }
  return indent;
}

/**
 * Inserts `child` as the element child number `index` of `parent` (0 = first). `parentIndent`
 * is the indentation of the parent's own start tag, used when it has no element children yet.
 */
export function insertElement(
  parent: XmlElement,
  index: number,
  child: XmlElement,
  parentIndent: string,
  layout: Layout = DEFAULT_LAYOUT,
): XmlElement {
  const slots = elementSlots(parent);
  const children = [...parent.children];
  if (slots.length === 0) {
    const inner = parentIndent + layout.unit;
    const kept = children.filter((c) => !isBlank(c));
    const placed = reindent(child, '', inner);
    const next: XmlNode[] = [];
    for (const k of kept) next.push(blank(layout.eol + inner), k);
    next.push(blank(layout.eol + inner), placed, blank(layout.eol + parentIndent));
    return { ...parent, children: next, selfClosing: false };
  }
  const clamped = Math.max(0, Math.min(index, slots.length));
  const refSlot = slots[Math.min(clamped, slots.length - 1)] as number;
  const ref = children[refSlot] as XmlElement;
  const indent = indentBefore(parent, ref);
  const placed = reindent(child, '', indent ?? '');
  if (clamped < slots.length) {
    // [ws, ref] -> [ws, child, ws, ref]
    const sep = indent !== undefined ? [blank((children[refSlot - 1] as XmlText).raw)] : [];
    children.splice(refSlot, 0, placed, ...sep);
  } else {
    // [ws, last, tail] -> [ws, last, ws, child, tail]
    const sep = indent !== undefined ? [blank((children[refSlot - 1] as XmlText).raw)] : [];
    children.splice(refSlot + 1, 0, ...sep, placed);
  }
  return { ...parent, children };
}

/** Removes the element child number `index`, with the white space that led up to it. */
export function removeElement(parent: XmlElement, index: number): XmlElement {
  const slots = elementSlots(parent);
  const slot = slots[index];
  if (slot === undefined) return parent;
  const children = [...parent.children];
  const prev = children[slot - 1];
  const from = prev && isBlank(prev) ? slot - 1 : slot;
  children.splice(from, slot - from + 1);
  if (slots.length === 1 && children.every(isBlank)) {
    return { ...parent, children: [], selfClosing: true, closeRaw: undefined };
  }
  return { ...parent, children };
}

/** Replaces the element child number `index` with `child`. */
export function replaceElement(parent: XmlElement, index: number, child: XmlElement): XmlElement {
  const slot = elementSlots(parent)[index];
  if (slot === undefined) return parent;
  const children = [...parent.children];
  children[slot] = child;
  return { ...parent, children };
}

/**
 * Shifts the indentation inside an element from one base to another, for an element moved to
 * a different depth. Only blank text that starts a line is touched.
 */
export function reindent(el: XmlElement, from: string, to: string): XmlElement {
  if (from === to) return el;
  const shift = (raw: string): string =>
    raw.replace(
      /\n([ \t]*)/g,
      (_m, ws: string) => `\n${ws.startsWith(from) ? to + ws.slice(from.length) : to + ws}`,
    );
  const children = el.children.map((c): XmlNode => {
    if (c.type === 'element') return reindent(c, from, to);
    if (c.type === 'text' && isBlank(c) && c.raw.includes('\n')) {
      const raw = shift(c.raw);
      return { type: 'text', value: raw, raw };
    }
    return c;
  });
  return { ...el, children };
}

/** Re-expresses indentation written with `fromUnit` (e.g. four spaces) in `toUnit`. */
export function convertIndentUnit(el: XmlElement, fromUnit: string, toUnit: string): XmlElement {
  if (fromUnit === toUnit || !fromUnit) return el;
  const children = el.children.map((c): XmlNode => {
    if (c.type === 'element') return convertIndentUnit(c, fromUnit, toUnit);
    if (c.type === 'text' && isBlank(c) && c.raw.includes('\n')) {
      const raw = c.raw.replace(/\n([ \t]*)/g, (_m, ws: string) => {
        let n = 0;
        while (ws.startsWith(fromUnit.repeat(n + 1))) n++;
        return `\n${toUnit.repeat(n)}${ws.slice(fromUnit.length * n)}`;
      });
      return { type: 'text', value: raw, raw };
    }
    return c;
  });
  return { ...el, children };
}
