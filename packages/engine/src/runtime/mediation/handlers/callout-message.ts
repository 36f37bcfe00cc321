/**
 * The two ends of a callout (Synapse's CalloutMediator): the request it sends, made from a copy
 * of the message with the source in its SOAP body, and where the answer goes (a node of the
 * message, a property, or the whole envelope).
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import { mediaType, Payload, SOAP12_NS } from '../../message/payload.js';
import { bodyElement, payloadWithEnvelope } from '../../message/payload-write.js';
import { firstElement, nodeXml, replaceSourceNode } from './source-node.js';

const serializer = new XMLSerializer();

/** What a callout sends: the envelope, the node an XPath selects, or an element held by a key. */
export type CalloutSource =
  | { readonly kind: 'envelope' }
  | { readonly kind: 'xpath'; readonly expr: CompiledExpression }
  | { readonly kind: 'key'; readonly key: string; readonly entry?: string };

/** Where the answer goes: a node an XPath selects, a property, or the whole envelope. */
export type CalloutTarget =
  | { readonly kind: 'envelope' }
  | { readonly kind: 'xpath'; readonly expr: CompiledExpression }
  | { readonly kind: 'key'; readonly key: string };

const isNode = (v: unknown): v is Node =>
  typeof v === 'object' && v !== null && typeof (v as { nodeType?: unknown }).nodeType === 'number';

/** The first node of an XPath result (CalloutMediator always takes only the first). */
function firstNode(r: unknown): Node | undefined {
  if (isNode(r)) return r;
  return Array.isArray(r) && isNode(r[0]) ? r[0] : undefined;
}

/** CalloutMediator.getRequestPayload: the element to put in the request's body. */
function requestElement(ctx: MessageContext, source: CalloutSource): Node {
  if (source.kind === 'xpath') {
    const node = firstNode(source.expr.evaluate(ctx));
    if (node?.nodeType === 1) return node;
    throw new Error(
      `The evaluation of the XPath expression : ${source.expr.source} did not result in an OMElement`,
    );
  }
  if (source.kind === 'key') {
    let v = ctx.property('default', source.key);
    if (v === undefined && source.entry !== undefined)
      v = new DOMParser().parseFromString(source.entry, 'text/xml').documentElement ?? undefined;
    if (Array.isArray(v) && v.length === 1) v = v[0];
    if (isNode(v) && v.nodeType === 9) v = (v as Document).documentElement ?? undefined;
    if (isNode(v) && v.nodeType === 1) return v;
    throw new Error(`The property : ${source.key} is not an OMElement`);
  }
  throw new Error('An envelope source has no request element.');
}

/** True when the message is SOAP 1.2 (its envelope's namespace). */
export function isSoap12(ctx: MessageContext): boolean {
  return ctx.envelope().documentElement?.namespaceURI === SOAP12_NS;
}

/**
 * The request's payload: a JSON message as it is (CalloutMediator ignores the source then), the
 * whole envelope, or the envelope (headers kept) with the source as its only body child; typed
 * text/xml for SOAP 1.1 and application/soap+xml (with the action) for SOAP 1.2.
 */
export function requestPayload(ctx: MessageContext, source: CalloutSource, action: string): Payload {
  if (ctx.payload.isJson() && ctx.payload.size > 0) return ctx.payload.copy();
  const soap12 = isSoap12(ctx);
  const type = soap12
    ? `application/soap+xml; charset=UTF-8${action ? `; action="${action}"` : ''}`
    : 'text/xml; charset=UTF-8';
  const doc = ctx.envelope().cloneNode(true) as Document;
  if (source.kind !== 'envelope') {
    const element = requestElement(ctx, source);
    const body = bodyElement(doc);
    if (!body) throw new Error('The message has no SOAP body.');
    while (body.firstChild) body.removeChild(body.firstChild);
    body.appendChild(doc.importNode(element, true));
  }
  return new Payload(serializer.serializeToString(doc.documentElement as Element), type);
}

/** The first element of the answer's body (what CalloutMediator puts in the target). */
function resultElement(answer: MessageContext): Element | undefined {
  return firstElement(bodyElement(answer.envelope()));
}

/**
 * Puts the answer where the target says (CalloutMediator.mediate): a JSON answer replaces the
 * payload; otherwise the body's first element replaces the target node or becomes the target
 * property, or the answer's envelope becomes the message's.
 */
export function applyAnswer(ctx: MessageContext, answer: MessageContext, target: CalloutTarget): void {
  if (answer.payload.isJson() && answer.payload.size > 0) {
    ctx.payload = answer.payload;
    return;
  }
  // An empty answer (200 or 204 without a body) leaves a JSON message as it was: MI sets an
  // empty envelope, but the message's JSON stream is what its formatter writes.
  if (answer.payload.size === 0 && ctx.payload.isJson()) return;
  if (target.kind === 'envelope') {
    const type = mediaType(answer.payload.contentType);
    if (type === 'text/xml' || type === 'application/soap+xml') ctx.payload = answer.payload;
    else {
      // A plain XML answer is read into an envelope of the message's SOAP version.
      const root = answer.envelope().documentElement;
      const soap12 = isSoap12(ctx);
      const inner = resultElement(answer);
      const xml = root ? serializer.serializeToString(root) : '';
      ctx.payload = soap12 && inner ? soap12Envelope(inner) : payloadWithEnvelope(xml);
    }
    return;
  }
  const result = resultElement(answer);
  if (target.kind === 'key') {
    // The element on its own (detached from the answer), as an OM property holds it.
    const doc = new DOMParser().parseFromString(result ? nodeXml(result) : '<empty/>', 'text/xml');
    ctx.setProperty('default', target.key, result ? doc.documentElement : undefined);
    return;
  }
  const node = firstNode(target.expr.evaluate(ctx));
  if (!node || node.nodeType !== 1)
    throw new Error(`Evaluation of target XPath expression : ${target.expr.source} did not yeild an OMNode`);
  if (result) replaceSourceNode(ctx, node, nodeXml(result));
}

/** A SOAP 1.2 envelope around one element. */
function soap12Envelope(inner: Element): Payload {
  const xml = `<soapenv:Envelope xmlns:soapenv="${SOAP12_NS}"><soapenv:Body>${nodeXml(inner)}</soapenv:Body></soapenv:Envelope>`;
  return payloadWithEnvelope(xml, true);
}
