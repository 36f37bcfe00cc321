/**
 * Conversions between message values and XPath values, and Synapse's string value of an XPath
 * result (`SynapseXPath.stringValueOf`), which differs from XPath's own `string()`.
 */
import type { Attr, CharacterData, Document, Node } from '@xmldom/xmldom';

import { javaDoubleString, javaTrim } from './java-text.js';
import { isNode, objectText, serializeNode } from './value-text.js';
import { EMPTY_STRING, isNodeSet, lib, nodeSetOf, type XValue } from './xpath-library.js';

const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const ELEMENT_NODE = 1;
const ATTRIBUTE_NODE = 2;
const DOCUMENT_NODE = 9;

/**
 * A number read from a property. Java keeps an `Integer` property an `Integer`, so Synapse
 * prints it without the `.0` that a computed XPath number (a `Double`) gets.
 */
class PropertyNumber extends lib.XNumber {
  /** A LONG beyond a double's exact integers (Java's `Long`), printed with all its digits. */
  readonly exact: bigint | undefined;

  constructor(n: number | bigint) {
    super(Number(n));
    this.exact = typeof n === 'bigint' ? n : undefined;
  }

  override stringValue(): string {
    return this.exact !== undefined ? String(this.exact) : super.stringValue();
  }
}

/** A property, variable or header value as an XPath value; missing values read as ''. */
export function toXPathValue(v: unknown): XValue {
  if (v === undefined || v === null) return EMPTY_STRING;
  switch (typeof v) {
    case 'string':
      return v === '' ? EMPTY_STRING : new lib.XString(v);
    case 'boolean':
      return new lib.XBoolean(v);
    case 'number':
      return new PropertyNumber(v);
    case 'bigint':
      return new PropertyNumber(v);
    case 'object':
      if (isNode(v)) return nodeSetOf([v]);
      if (Array.isArray(v) && v.length > 0 && v.every(isNode)) return nodeSetOf(v);
      return new lib.XString(objectText(v));
    default:
      return new lib.XString(String(v));
  }
}

/** The value `evaluate()` hands out: a string, number, boolean or an array of nodes. */
export function rawValue(v: XValue): unknown {
  if (isNodeSet(v)) return v.toArray();
  // Plain `instanceof` checks: the value classes share one structural type, so no narrowing.
  const value: object = v;
  if (value instanceof lib.XNumber) return v.numberValue();
  if (value instanceof lib.XBoolean) return v.booleanValue();
  return v.stringValue();
}

/** The concatenated text children of an element (Axiom's `OMElement.getText()`). */
function directText(el: Node): string {
  let text = '';
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === TEXT_NODE || c.nodeType === CDATA_SECTION_NODE) text += (c as CharacterData).data;
  }
  return text;
}

/**
 * One element as Synapse prints it: its own text when the result is that single element and
 * the text is not blank, otherwise its XML. (Synapse also swaps the element's text for the
 * trimmed text inside the XML; we do the same so multi-element results match.)
 */
function elementString(el: Node, single: boolean): string {
  const text = directText(el);
  const trimmed = javaTrim(text.replaceAll('\u00a0', ' '));
  if (trimmed.length === 0) return serializeNode(el);
  if (single) return trimmed;
  const xml = serializeNode(el);
  return text === trimmed ? xml : xml.split(text).join(trimmed);
}

/**
 * Synapse's string value of an XPath result. `nodeMode` is true when the expression text
 * contains `node()`: Synapse then prints a single element as XML and a single text node as
 * its parent element.
 */
export function synapseString(v: XValue, nodeMode: boolean): string {
  if (!isNodeSet(v)) {
    const value: object = v;
    if (value instanceof PropertyNumber) {
      if (value.exact !== undefined) return String(value.exact);
      const n = v.numberValue();
      return Number.isInteger(n) ? String(n) : javaDoubleString(n);
    }
    return value instanceof lib.XNumber ? javaDoubleString(v.numberValue()) : v.stringValue();
  }
  const nodes = v.toArray();
  const single = nodes.length === 1 && !nodeMode;
  let out = '';
  for (let node of nodes) {
    if (nodes.length === 1 && nodeMode && node.nodeType === TEXT_NODE && node.parentNode)
      node = node.parentNode;
    switch (node.nodeType) {
      case TEXT_NODE:
      case CDATA_SECTION_NODE:
        out += (node as CharacterData).data;
        break;
      case ELEMENT_NODE:
        out += elementString(node, single);
        break;
      case DOCUMENT_NODE: {
        const root = (node as Document).documentElement;
        if (root) out += serializeNode(root);
        break;
      }
      case ATTRIBUTE_NODE:
        out += (node as Attr).value;
        break;
      default: // comments, processing instructions: Synapse appends nothing for them
    }
  }
  return out;
}
