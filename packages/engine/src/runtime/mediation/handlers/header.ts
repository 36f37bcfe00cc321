/**
 * header (MI's HeaderMediator): sets or removes a SOAP header block in the envelope, or a
 * transport header (scope="transport": the HTTP request or response headers, and for a
 * WebSocket message the headers its client's handshake carried). The name's namespace, the
 * inline blocks and the literal value are resolved at deploy time.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { WELL_KNOWN_HEADERS } from '../../../model/catalog/header.js';
import { elementChildren } from '../../../model/xml/xml-query.js';
import type { MessageContext } from '../../message/message-context.js';
import { mediaType, SOAP11_NS, SOAP12_NS } from '../../message/payload.js';
import { payloadWithEnvelope } from '../../message/payload-write.js';
import type { MediatorCompiler } from '../mediation-types.js';
import { xmlFormatText } from './payload-format.js';

const serializer = new XMLSerializer();

/** The envelope of a SOAP payload (a copy to change), or undefined for any other payload. */
function soapEnvelope(ctx: MessageContext): Document | undefined {
  const type = mediaType(ctx.payload.contentType);
  if ((type !== 'text/xml' && type !== 'application/soap+xml') || ctx.payload.size === 0) return undefined;
  const root = ctx.payload.envelope().documentElement;
  if (!root || root.localName !== 'Envelope') return undefined;
  if (root.namespaceURI !== SOAP11_NS && root.namespaceURI !== SOAP12_NS) return undefined;
  return ctx.payload.envelope().cloneNode(true) as Document;
}

function childNamed(parent: Node, local: string, ns: string | null): Element | undefined {
  for (let c = parent.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1 && (c as Element).localName === local && (c as Element).namespaceURI === ns)
      return c as Element;
  return undefined;
}

/** The Header element of an envelope, created before the Body when missing (SOAPFactory.createSOAPHeader). */
function headerOf(doc: Document): Element {
  const root = doc.documentElement as Element;
  const ns = root.namespaceURI;
  const found = childNamed(root, 'Header', ns);
  if (found) return found;
  const header = doc.createElementNS(ns, root.prefix ? `${root.prefix}:Header` : 'Header');
  root.insertBefore(header, childNamed(root, 'Body', ns) ?? root.firstChild);
  return header;
}

/** Writes a changed envelope back as the payload. */
function writeEnvelope(ctx: MessageContext, doc: Document): void {
  const root = doc.documentElement as Element;
  ctx.payload = payloadWithEnvelope(serializer.serializeToString(root), root.namespaceURI === SOAP12_NS);
}

/** Parses XML into a node `doc` can hold; throws with the parser's complaint. */
function importXml(doc: Document, xml: string): Node {
  let problem: string | undefined;
  const parsed = new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') problem ??= msg;
    },
  }).parseFromString(xml, 'text/xml');
  if (problem || !parsed.documentElement) throw new Error(`The header value is not XML: ${problem ?? xml}`);
  return doc.importNode(parsed.documentElement, true);
}

export const compileHeader: MediatorCompiler<'header'> = (node, env) => {
  const v = node.values;
  const remove = v.action === 'remove';
  const valueOf = (() => {
    if (v.value !== undefined) {
      const constant = v.value;
      return () => constant;
    }
    if (v.expression !== undefined) {
      const expr = env.expression(v.expression, node);
      // A null result sets the header to '' (HeaderMediator warns and goes on).
      return (ctx: MessageContext) => expr.string(ctx) ?? '';
    }
    return () => '';
  })();

  if (v.scope === 'transport') {
    const name = v.name ?? '';
    return (ctx) => {
      ctx.setProperty('transport', name, remove ? undefined : valueOf(ctx));
      return true;
    };
  }

  if (v.name === undefined) {
    // Inline header blocks: each element child, in the namespaces in scope (an unprefixed one
    // is in the Synapse namespace), added to the SOAP header.
    const ns = env.namespaces(node);
    const blocks = elementChildren(node.element).map((el) => xmlFormatText(el, ns, false));
    return (ctx) => {
      const doc = soapEnvelope(ctx);
      if (!doc) return true;
      const header = headerOf(doc);
      for (const b of blocks) header.appendChild(importXml(doc, b));
      writeEnvelope(ctx, doc);
      return true;
    };
  }

  const name = v.name;
  const colon = name.indexOf(':');
  if (colon === -1) {
    // The WS-Addressing names HeaderMediator maps to message properties; Mediate models To.
    if (!(WELL_KNOWN_HEADERS as readonly string[]).includes(name))
      throw new Error(`Invalid SOAP header: ${name}. All SOAP headers must be namespace qualified.`);
    return (ctx) => {
      if (name === 'To') ctx.to = remove ? undefined : valueOf(ctx);
      return true;
    };
  }
  const prefix = name.slice(0, colon);
  const local = name.slice(colon + 1);
  const uri = env.namespaces(node)[prefix];
  if (uri === undefined) throw new Error(`Invalid namespace prefix '${prefix}' in name attribute`);
  const om = (v.type ?? '').toUpperCase() === 'OM';

  if (remove) {
    return (ctx) => {
      const doc = soapEnvelope(ctx);
      const header =
        doc && childNamed(doc.documentElement as Element, 'Header', doc.documentElement!.namespaceURI);
      if (!doc || !header) return true;
      // removeFromHeaderList: every block in the name's namespace with its local name.
      for (let c = header.firstChild; c;) {
        const next = c.nextSibling;
        if (c.nodeType === 1 && (c as Element).namespaceURI === uri && (c as Element).localName === local)
          header.removeChild(c);
        c = next;
      }
      writeEnvelope(ctx, doc);
      return true;
    };
  }
  return (ctx) => {
    const value = valueOf(ctx);
    const doc = soapEnvelope(ctx);
    if (!doc) return true;
    const block = doc.createElementNS(uri, name);
    if (om) block.appendChild(importXml(doc, value));
    else block.appendChild(doc.createTextNode(value));
    headerOf(doc).appendChild(block);
    writeEnvelope(ctx, doc);
    return true;
  };
};
