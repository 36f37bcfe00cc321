/**
 * Building the gathered message (AggregateMediator.getAggregatedMessage with EIPUtils): a copy
 * of the first message whose body holds what the aggregation expression selects in each
 * message, optionally put inside the element an `enclosingElementProperty` holds. A JSONPath
 * expression gathers JSON instead: an array of each message's value (`root`, the default), or
 * the messages' objects merged, clashing keys turned into arrays (`child`, JSONMergeUtils'
 * MERGE_INTO_ARRAY).
 */
import type { Document, Element, Node } from '@xmldom/xmldom';
import type { CompiledExpression, ExpressionContext } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import { isJsonType, mediaType, SOAP11_NS, SOAP12_NS } from '../../message/payload.js';
import { bodyElement, payloadWithEditedEnvelope, payloadWithJson } from '../../message/payload-write.js';
import { isNode, matchingNodes, onEnvelope } from './eip-paths.js';
import { firstElement } from './source-node.js';

/** What onComplete's attributes say about merging. */
export interface MergeSpec {
  /** The aggregation expression; undefined for the default (the body's first element). */
  readonly expression?: CompiledExpression;
  readonly text: string;
  readonly json: boolean;
  readonly elementType?: 'root' | 'child';
  readonly enclosingProperty?: string;
}

type Json = unknown;

/** The nodes the aggregation expression selects in a message's envelope `doc`. */
function selected(spec: MergeSpec, ctx: ExpressionContext, doc: Document): Node[] {
  if (!spec.expression) {
    const first = firstElement(bodyElement(doc));
    return first ? [first] : [];
  }
  return matchingNodes(spec.expression, onEnvelope(ctx, doc));
}

const isBody = (n: Node | null): boolean =>
  !!n &&
  n.nodeType === 1 &&
  (n as Element).localName === 'Body' &&
  ((n as Element).namespaceURI === SOAP11_NS || (n as Element).namespaceURI === SOAP12_NS);

/** EIPUtils.enrichEnvelope(envelope, synCtx, expression): the first message's own matches, moved up into the body. */
function firstInto(doc: Document, spec: MergeSpec, ctx: ExpressionContext): void {
  const list = selected(spec, ctx, doc);
  const parent = list[0]?.parentNode ?? null;
  const body = bodyElement(doc);
  if (!body || !parent || parent.nodeType !== 1 || isBody(parent)) return;
  let outer: Node = parent;
  while (outer.parentNode && !isBody(outer.parentNode)) outer = outer.parentNode;
  for (const n of list) if (n.nodeType === 1) body.appendChild(n);
  outer.parentNode?.removeChild(outer);
}

/** EIPUtils.enrichEnvelope(envelope, enricher, …): another message's matches added to the body. */
function addInto(doc: Document, spec: MergeSpec, part: MessageContext): void {
  const list = selected(spec, part, part.envelope());
  if (list.length === 0) throw new Error('Could not find matching elements to aggregate.');
  if (list.some((n) => n.nodeType === 9 || (n.nodeType === 1 && (n as Element).localName === 'Envelope')))
    throw new Error('Could not add SOAPEnvelope as child element.');
  const body = bodyElement(doc);
  for (const n of list) if (n.nodeType === 1) body?.appendChild(doc.importNode(n, true));
}

/** The element an enclosingElementProperty names (AggregateMediator's checks and messages). */
function enclosingElement(ctx: MessageContext, name: string): Element {
  const v = ctx.property('default', name);
  if (v === undefined || v === null) throw new Error(`Enclosing Element property: ${name} not found `);
  if (!isNode(v) || v.nodeType !== 1)
    throw new Error(`Enclosing Element defined in the property: ${name} is not an OMElement `);
  return v as Element;
}

/** EIPUtils.getJSONElement: a message's value for a JSON gather (null when there is none). */
function jsonValue(spec: MergeSpec, part: MessageContext): Json {
  const v = spec.expression ? spec.expression.evaluate(part) : part.json();
  return v === undefined ? null : structuredClone(v);
}

/** JSONMergeUtils.extendJSONObject with MERGE_INTO_ARRAY. */
function mergeInto(left: Record<string, Json>, right: Record<string, Json>): void {
  for (const [k, r] of Object.entries(right)) {
    if (!(k in left)) {
      left[k] = r;
      continue;
    }
    const l = left[k];
    const isObj = (x: Json): x is Record<string, Json> =>
      typeof x === 'object' && x !== null && !Array.isArray(x);
    if (Array.isArray(l) && Array.isArray(r)) l.push(...(r as Json[]));
    else if (isObj(l) && isObj(r)) mergeInto(l, r);
    else if (Array.isArray(l)) l.push(r);
    else left[k] = [l, r];
  }
}

/** EIPUtils.getJSONObjectAsElement: a message's value must be an object (several are merged). */
function jsonObject(spec: MergeSpec, part: MessageContext): Record<string, Json> | undefined {
  const v = jsonValue(spec, part);
  if (v === null) return undefined;
  const list = Array.isArray(v) ? v : [v];
  const out: Record<string, Json> = {};
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new Error('Invalid JSON object. Could not extend.');
    mergeInto(out, item as Record<string, Json>);
  }
  return out;
}

/** The gathered message: a copy of the first part with every part's contribution. */
export function aggregatedMessage(parts: readonly MessageContext[], spec: MergeSpec): MessageContext {
  const first = parts[0] as MessageContext;
  // The gathered payload replaces the copy's: the first message's is not copied for nothing.
  const out = first.copy(first.payload);
  if (spec.json) {
    const child = spec.elementType === 'child';
    const array: Json[] = [];
    const object: Record<string, Json> = {};
    for (const p of parts) {
      if (!child) array.push(jsonValue(spec, p));
      else {
        let o: Record<string, Json> | undefined;
        try {
          o = jsonObject(spec, p);
        } catch {
          throw new Error(`Error merging aggregation results using JSONPath : ${spec.text}`);
        }
        if (o) mergeInto(object, o);
      }
    }
    let result: Json = child ? object : array;
    if (spec.enclosingProperty !== undefined)
      result = { [enclosingElement(out, spec.enclosingProperty).localName as string]: result };
    const type = isJsonType(mediaType(first.payload.contentType)) ? first.payload.contentType : undefined;
    out.payload = payloadWithJson(JSON.stringify(result), type);
    return out;
  }
  const doc = first.envelope().cloneNode(true) as Document;
  firstInto(doc, spec, onEnvelope(first, doc));
  try {
    for (const p of parts.slice(1)) addInto(doc, spec, p);
  } catch {
    // AggregateMediator.getAggregatedMessage reports EIPUtils' SynapseException so.
    throw new Error(`Error evaluating expression: ${spec.text}`);
  }
  if (spec.enclosingProperty !== undefined) {
    // EIPUtils.encloseWithElement: the body's elements move into a copy of the element.
    const wrapper = doc.importNode(enclosingElement(out, spec.enclosingProperty), true) as Element;
    const body = bodyElement(doc);
    for (let c = body?.firstChild; c;) {
      const next = c.nextSibling;
      if (c.nodeType === 1) wrapper.appendChild(c);
      c = next;
    }
    body?.appendChild(wrapper);
  }
  out.payload = payloadWithEditedEnvelope(first.payload, doc);
  return out;
}
