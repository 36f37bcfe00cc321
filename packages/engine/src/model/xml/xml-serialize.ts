/**
 * Writes a lossless tree back to text. Unedited parts come out exactly as they were read.
 */
import type { XmlAttribute, XmlDocument, XmlElement, XmlNode } from './xml-types.js';

/** The text of a whole document. */
export function serializeXml(doc: XmlDocument): string {
  const out: string[] = [];
  if (doc.bom) out.push('\uFEFF');
  for (const n of doc.prolog) writeNode(n, out);
  writeNode(doc.root, out);
  for (const n of doc.epilog) writeNode(n, out);
  return out.join('');
}

/** The text of one node (and its subtree). */
export function serializeNode(node: XmlNode): string {
  const out: string[] = [];
  writeNode(node, out);
  return out.join('');
}

function writeAttribute(a: XmlAttribute, out: string[]): void {
  out.push(a.lead, a.name, a.eq, a.quote, a.raw, a.quote);
}

function writeElement(el: XmlElement, out: string[]): void {
  out.push('<', el.name);
  for (const a of el.attributes) writeAttribute(a, out);
  out.push(el.openTail);
  if (el.selfClosing && el.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const c of el.children) writeNode(c, out);
  out.push(el.closeRaw ?? `</${el.name}>`);
}

function writeNode(n: XmlNode, out: string[]): void {
  switch (n.type) {
    case 'element':
      writeElement(n, out);
      return;
    case 'text':
      out.push(n.raw);
      return;
    case 'cdata':
      out.push('<![CDATA[', n.value, ']]>');
      return;
    case 'comment':
      out.push('<!--', n.value, '-->');
      return;
    case 'pi':
      out.push('<?', n.raw, '?>');
      return;
    case 'doctype':
      out.push('<!DOCTYPE', n.raw, '>');
      return;
  }
}
