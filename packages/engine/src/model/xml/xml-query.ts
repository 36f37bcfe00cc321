/**
 * Small read-only helpers over the lossless tree.
 */
import type { XmlElement, XmlNode } from './xml-types.js';

/** The name without its prefix: `syn:log` → `log`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** The element children, in order. */
export function elementChildren(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element');
}

/** The first child element with this local name. */
export function childElement(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (c.type === 'element' && localName(c.name) === name) return c;
  return undefined;
}

/** Every child element with this local name. */
export function childElements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element' && localName(c.name) === name);
}

/** The decoded value of an attribute, or undefined. */
export function attribute(el: XmlElement, name: string): string | undefined {
  for (const a of el.attributes) if (a.name === name) return a.value;
  return undefined;
}

/** The concatenated text and CDATA content of an element (not of its descendants). */
export function textContent(el: XmlElement): string {
  let s = '';
  for (const c of el.children) if (c.type === 'text' || c.type === 'cdata') s += c.value;
  return s;
}

/** True when a node is white space only. */
export function isBlank(n: XmlNode): boolean {
  return n.type === 'text' && n.value.trim() === '';
}

/** The namespace URI a prefix (or the default, for '') stands for at `path`'s last element. */
export function namespaceOf(path: readonly XmlElement[], prefix: string): string | undefined {
  const attr = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (let i = path.length - 1; i >= 0; i--) {
    const v = attribute(path[i] as XmlElement, attr);
    if (v !== undefined) return v;
  }
  return undefined;
}
