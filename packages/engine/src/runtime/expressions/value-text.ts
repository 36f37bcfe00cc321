/**
 * The text of a message value (a property, variable, header or JSON value) as Synapse prints
 * it: JSON values as compact JSON (Gson's `toString`), XML nodes as XML (Axiom's `toString`).
 */
import { XMLSerializer, type Node } from '@xmldom/xmldom';

const serializer = new XMLSerializer();

/** True for a DOM node. */
export function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { nodeType?: unknown }).nodeType === 'number';
}

/** The XML text of a node, with the namespace declarations it needs (as Axiom's `toString`). */
export function serializeNode(node: Node): string {
  return serializer.serializeToString(node);
}

/** The text of an object value: JSON for plain objects, arrays and Maps, XML for nodes. */
export function objectText(v: object): string {
  if (isNode(v)) return serializeNode(v);
  if (
    Array.isArray(v) ||
    Object.getPrototypeOf(v) === Object.prototype ||
    Object.getPrototypeOf(v) === null
  ) {
    return JSON.stringify(v);
  }
  if (v instanceof Map) return JSON.stringify(Object.fromEntries(v));
  return String(v);
}

/** The text of any defined, non-null value (strings as they are, numbers as JS prints them). */
export function valueText(v: unknown): string {
  return typeof v === 'object' && v !== null ? objectText(v) : String(v);
}
