/**
 * Writing a new payload, for the mediators that reshape a message (payloadFactory, enrich,
 * makefault, script, xslt, …). One place decides how a new body meets the payload it replaces,
 * so every such mediator writes the message the same way:
 *
 * - a SOAP payload (`text/xml`, `application/soap+xml` holding an envelope) keeps its envelope
 *   and headers and gets the new body content (MI: `SOAPBody` children replaced);
 * - any other payload becomes the new XML as it is, labelled with the XML type it had or the
 *   one the caller gives (MI's ApplicationXMLFormatter writes the body's first child);
 * - JSON and text replace the payload outright, with their content type.
 *
 * The result is a fresh immutable `Payload`; views (text, envelope, JSON) are built from it only
 * when something asks, as for a received one.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { isXmlType, mediaType, Payload, SOAP11_NS, SOAP12_NS } from './payload.js';

const serializer = new XMLSerializer();
/** An owner document for fragments that are only checked. */
const CHECK_DOC = new DOMParser().parseFromString('<check/>', 'text/xml');

/** True when the payload is a SOAP message (its type says so and its envelope parses as one). */
function isSoap(p: Payload): boolean {
  const type = mediaType(p.contentType);
  return type === 'text/xml' || type === 'application/soap+xml';
}

/** The SOAP Body element of an envelope document. */
export function bodyElement(doc: Document): Element | undefined {
  const root = doc.documentElement;
  for (let c = root?.firstChild; c; c = c.nextSibling) {
    const el = c as Element;
    if (
      el.nodeType === 1 &&
      el.localName === 'Body' &&
      (el.namespaceURI === SOAP11_NS || el.namespaceURI === SOAP12_NS)
    )
      return el;
  }
  return undefined;
}

/**
 * Parses an XML fragment (one or more elements, namespaces declared on them) into nodes owned
 * by `doc`, after `prepare` has seen each parsed node. Throws, naming `what`, with the parser's
 * message when it is not well-formed.
 */
export function fragmentNodes(
  doc: Document,
  xml: string,
  what = 'The new payload',
  prepare?: (node: Node) => void,
): Node[] {
  let problem: string | undefined;
  let parsed: Document | undefined;
  try {
    parsed = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') problem ??= msg;
      },
    }).parseFromString(`<fragment>${xml}</fragment>`, 'text/xml');
  } catch (e) {
    // xmldom throws on a fatal error after reporting it.
    problem ??= e instanceof Error ? e.message : String(e);
  }
  if (problem || !parsed?.documentElement)
    throw new Error(`${what} is not well-formed XML: ${problem ?? 'no element'}`);
  const out: Node[] = [];
  for (let c = parsed.documentElement.firstChild; c; c = c.nextSibling) {
    prepare?.(c);
    out.push(doc.importNode(c, true));
  }
  return out;
}

/**
 * A payload whose body is `xml` (serialized elements, each declaring the namespaces it uses).
 * A SOAP payload keeps its envelope; another payload is replaced by `xml`, typed as before when
 * that was an XML type, else `fallbackType` (MI's default for a rebuilt body: `application/xml`).
 */
export function payloadWithBody(current: Payload, xml: string, fallbackType = 'application/xml'): Payload {
  if (isSoap(current) && current.size > 0) {
    const doc = current.envelope().cloneNode(true) as Document;
    const body = bodyElement(doc);
    if (body) {
      while (body.firstChild) body.removeChild(body.firstChild);
      for (const n of fragmentNodes(doc, xml)) body.appendChild(n);
      return new Payload(serializer.serializeToString(doc.documentElement as Element), current.contentType);
    }
  }
  // MI parses the new body into its object model too: a fragment that is not XML fails here.
  fragmentNodes(CHECK_DOC, xml);
  const type = isXmlType(mediaType(current.contentType)) ? current.contentType : fallbackType;
  return new Payload(xml, type);
}

/** A payload that is a whole SOAP envelope (a SOAP fault, a script's `setPayloadXML` of one). */
export function payloadWithEnvelope(envelopeXml: string, soap12 = false): Payload {
  return new Payload(envelopeXml, soap12 ? 'application/soap+xml' : 'text/xml');
}

/** A JSON payload; `json` is the text as it will be written. */
export function payloadWithJson(json: string, contentType = 'application/json'): Payload {
  return new Payload(json, contentType);
}

/** A text payload (`text/plain` unless told otherwise). */
export function payloadWithText(text: string, contentType = 'text/plain'): Payload {
  return new Payload(text, contentType);
}

/**
 * A payload from an edited copy of the message's envelope (enrich): a SOAP payload becomes the
 * whole envelope, keeping its content type; any other becomes the body's first element (what
 * MI's ApplicationXMLFormatter writes), typed as before when that was XML, else `fallbackType`.
 */
export function payloadWithEditedEnvelope(
  current: Payload,
  doc: Document,
  fallbackType = 'application/xml',
): Payload {
  const root = doc.documentElement as Element | null;
  if (!root) return current;
  if (isSoap(current) && current.size > 0)
    return new Payload(serializer.serializeToString(root), current.contentType);
  const body = bodyElement(doc);
  let first: Node | undefined;
  for (let c = body?.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) first ??= c;
  const type = isXmlType(mediaType(current.contentType)) ? current.contentType : fallbackType;
  return new Payload(first ? serializer.serializeToString(first) : '', type);
}
