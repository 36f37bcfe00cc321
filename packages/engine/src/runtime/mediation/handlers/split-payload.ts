/**
 * Payload pieces shared by foreach and scatter-gather: a message whose body is one split
 * element or one JSON value (MI gives each a new default envelope), what a finished copy's body
 * is, and expressions evaluated on an envelope being edited instead of the message's own.
 */
import { XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import type { ExpressionContext } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import { isXmlType, mediaType, Payload, SOAP11_NS, SOAP12_NS } from '../../message/payload.js';
import { bodyElement, payloadWithJson } from '../../message/payload-write.js';
import { firstElement } from './source-node.js';
import { bodyAsJson } from '../../expressions/body-json.js';

const serializer = new XMLSerializer();

/** True for a DOM node (an XPath result item), as opposed to a JSON value. */
export function isDomNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && 'nodeType' in v && 'ownerDocument' in v;
}

/** True for the SOAP content types, whose envelope a split message keeps the version of. */
function soapVersion(p: Payload): '1.1' | '1.2' | undefined {
  const t = mediaType(p.contentType);
  if (t === 'application/soap+xml') return '1.2';
  if (t === 'text/xml') return '1.1';
  return undefined;
}

/**
 * A payload whose body is `node` alone (ForEachMediator.getIteratedMessage: a new default
 * envelope of the same SOAP version, the node its only child). A non-SOAP message keeps its XML
 * type (application/xml when it had none).
 */
export function elementPayload(original: Payload, node: Node): Payload {
  const xml = serializer.serializeToString(node);
  const soap = soapVersion(original);
  if (soap) {
    const ns = soap === '1.2' ? SOAP12_NS : SOAP11_NS;
    const env = `<soapenv:Envelope xmlns:soapenv="${ns}"><soapenv:Body>${xml}</soapenv:Body></soapenv:Envelope>`;
    return new Payload(env, original.contentType);
  }
  const type = isXmlType(mediaType(original.contentType)) ? original.contentType : 'application/xml';
  return new Payload(xml, type);
}

/** A JSON payload holding `value` (JsonUtil.getNewJsonPayload), keeping a JSON content type. */
export function jsonValuePayload(original: Payload, value: unknown): Payload {
  const text = JSON.stringify(value === undefined ? null : value);
  return original.isJson() ? payloadWithJson(text, original.contentType) : payloadWithJson(text);
}

/** The first element of a message's SOAP body (what MI merges back from a copy). */
export function bodyFirstElement(ctx: MessageContext): Element | undefined {
  return firstElement(bodyElement(ctx.envelope()));
}

/**
 * A finished copy's payload as `${payload}` gives it (EvaluationContext.getJSONResult): its
 * JSON, or the JSON of its body when it is not JSON; null when there is none.
 */
export function payloadJson(ctx: MessageContext): unknown {
  if (ctx.payload.isJson()) return ctx.json() ?? null;
  return bodyAsJson(ctx) ?? null;
}

/** The message as expressions see it, but with `doc` as its envelope (one being edited). */
export function onEnvelope(ctx: MessageContext, doc: Document): ExpressionContext {
  return {
    property: (scope, name) => ctx.property(scope, name),
    envelope: () => doc,
    json: () => ctx.json(),
    variable: (name) => ctx.variable(name),
  };
}

/** Detaches `nodes` from their document; returns the parent of the first (where MI merges back). */
export function detachAll(nodes: readonly Node[]): Node | undefined {
  const parent = nodes[0]?.parentNode ?? undefined;
  for (const n of nodes) n.parentNode?.removeChild(n);
  return parent;
}
