/**
 * The XML half of enrich (Source.evaluate, Target.insert): the source nodes and the target are
 * found in a copy of the message's envelope, which becomes the new payload when the target is in
 * it (payload-write's payloadWithEditedEnvelope).
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import type { ExpressionContext } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import { SOAP11_NS, SOAP12_NS } from '../../message/payload.js';
import { bodyElement, payloadWithEditedEnvelope, payloadWithJson } from '../../message/payload-write.js';
import { firstElement } from './source-node.js';
import type { EnrichPlan, InlineContent } from './enrich-plan.js';

const serializer = new XMLSerializer();

const isElement = (n: Node): n is Element => n.nodeType === 1;
const isText = (n: Node) => n.nodeType === 3 || n.nodeType === 4;

/** Nodes of a property's (or variable's) value, as Source.evaluate takes them. */
function valueNodes(v: unknown, doc: Document, clone: boolean): Node[] {
  if (typeof v === 'string') return [doc.createTextNode(v)];
  const asNode = (n: unknown): Node | undefined => {
    const node = n as Node | null;
    if (!node || typeof node !== 'object' || !('nodeType' in node)) return undefined;
    return isElement(node) || isText(node) ? (clone ? node.cloneNode(true) : node) : undefined;
  };
  if (Array.isArray(v)) return v.map(asNode).filter((n): n is Node => n !== undefined);
  const one = asNode(v);
  if (one) return [one];
  // A JSON value (JsonElement) is taken as its text.
  if (v !== undefined && v !== null) return [doc.createTextNode(JSON.stringify(v))];
  return [];
}

/** The source nodes (Source.evaluate). */
function sourceNodes(
  ctx: MessageContext,
  view: ExpressionContext,
  doc: Document,
  plan: EnrichPlan,
  inline: InlineContent | undefined,
): Node[] {
  const s = plan.source;
  const copy = (n: Node) => (s.clone ? n.cloneNode(true) : n);
  switch (s.type) {
    case 'custom': {
      const r = s.xpath?.evaluate(view);
      if (typeof r === 'string') return [doc.createTextNode(r)];
      const nodes = (Array.isArray(r) ? (r as Node[]) : [])
        .filter((n) => isElement(n) || isText(n))
        .map(copy);
      if (nodes.length === 0) plan.complain(ctx, 'Specified node by xpath cannot be found.');
      return nodes;
    }
    case 'body': {
      const first = firstElement(bodyElement(doc));
      return first ? [copy(first)] : [];
    }
    case 'envelope':
      return doc.documentElement ? [copy(doc.documentElement)] : [];
    case 'property':
      return valueNodes(ctx.property('default', s.property ?? ''), doc, s.clone);
    case 'variable':
      return valueNodes(ctx.variable(s.property ?? ''), doc, s.clone);
    case 'inline':
      if (inline?.kind === 'xml') return [inline.element.cloneNode(true)];
      return inline ? [doc.createTextNode(inline.text)] : [];
    default:
      return [];
  }
}

/** The top of the tree a node is in (xmldom's copies of a document keep the original as ownerDocument). */
function rootOf(n: Node): Node {
  let r = n;
  while (r.parentNode) r = r.parentNode;
  return r;
}

/** A node to insert into `doc`: itself when it is in it (moved, as Axiom's addChild does), else a copy. */
const own = (doc: Document, n: Node): Node => (rootOf(n) === doc ? n : doc.importNode(n, true));

/** Target.insertElement: replace `e` by the sources (text sets its text), or add as children or siblings. */
function insertAt(doc: Document, e: Element, nodes: readonly Node[], action: string): void {
  if (action === 'replace') {
    let inserted = false;
    for (const n of nodes) {
      if (n === e) continue;
      if (isElement(n)) {
        e.parentNode?.insertBefore(own(doc, n), e);
        inserted = true;
      } else if (isText(n)) e.textContent = n.nodeValue ?? '';
    }
    if (inserted) e.parentNode?.removeChild(e);
  } else if (action === 'child') {
    for (const n of nodes) if (isElement(n)) e.appendChild(own(doc, n));
  } else if (action === 'sibling') {
    // insertSiblingAfter each: several sources end up in reverse order, as in MI.
    for (const n of nodes) if (isElement(n)) e.parentNode?.insertBefore(own(doc, n), e.nextSibling);
  }
}

/** A custom target (Target.insert, CUSTOM): the node the XPath selects first. */
function insertCustom(
  view: ExpressionContext,
  doc: Document,
  nodes: Node[],
  plan: EnrichPlan,
  ctx: MessageContext,
): boolean {
  if (nodes.length === 0) {
    plan.complain(ctx, 'Cannot Enrich message from an empty source.');
    return false;
  }
  const r = plan.target.xpath?.evaluate(view);
  const target = Array.isArray(r) ? (r[0] as Node | undefined) : undefined;
  const first = nodes[0] as Node;
  if (target && isElement(target)) insertAt(doc, target, nodes, plan.target.action);
  else if (target && isText(target)) {
    const parent = target.parentNode as Element | null;
    if (parent && isText(first)) parent.textContent = first.nodeValue ?? '';
    else if (parent && isElement(first)) {
      parent.removeChild(target);
      parent.appendChild(own(doc, first));
    }
  } else if (target && target.nodeType === 2) {
    if (!isText(first)) throw new Error('An attribute can only be enriched with text.');
    (target as unknown as { value: string }).value = first.nodeValue ?? '';
    (target as unknown as { nodeValue: string }).nodeValue = first.nodeValue ?? '';
  } else throw new Error('Invalid Target object to be enrich.');
  return true;
}

/** A property target: the nodes, or (action child) the property's element with them added. */
function propertyValue(
  ctx: MessageContext,
  nodes: Node[],
  scope: 'default' | 'axis2' | 'operation',
  name: string,
  action: string,
): void {
  const current = ctx.property(scope, name);
  if (action === 'child' && current && typeof current === 'object' && isElement(current as Node)) {
    const el = (current as Element).cloneNode(true) as Element;
    for (const n of nodes) if (isElement(n)) el.appendChild(n.cloneNode(true));
    ctx.setProperty(scope, name, el);
    return;
  }
  ctx.setProperty(scope, name, nodes);
}

/** True for a SOAP Envelope element (Target.insert, ENVELOPE). */
const isEnvelope = (n: Node | undefined) =>
  !!n &&
  isElement(n) &&
  n.localName === 'Envelope' &&
  (n.namespaceURI === SOAP11_NS || n.namespaceURI === SOAP12_NS);

/** Runs the XML half of enrich on `ctx`. */
export function enrichXml(
  ctx: MessageContext,
  plan: EnrichPlan,
  inline: InlineContent | undefined = plan.source.inline,
): void {
  const doc = ctx.envelope().cloneNode(true) as Document;
  const view: ExpressionContext = {
    property: (scope, name) => ctx.property(scope, name),
    envelope: () => doc,
    json: () => ctx.json(),
    variable: (name) => ctx.variable(name),
  };
  const nodes = sourceNodes(ctx, view, doc, plan, inline);
  const t = plan.target;
  let edited = false;
  switch (t.type) {
    case 'custom':
      if (t.propertyTarget)
        propertyValue(ctx, nodes, t.propertyTarget.scope, t.propertyTarget.name, t.action);
      else edited = insertCustom(view, doc, nodes, plan, ctx);
      break;
    case 'body': {
      const body = bodyElement(doc);
      const e = firstElement(body);
      const first = nodes[0];
      if (e && t.action === 'replace' && first && isText(first)) {
        // Target.insertElementToBody: JSON text replacing the body becomes a JSON payload.
        const text = first.nodeValue ?? '';
        const json = /^\s*[[{]/.test(text) ? tryJson(text) : undefined;
        if (json !== undefined) {
          ctx.payload = payloadWithJson(text.trim());
          ctx.setProperty('axis2', 'NO_ENTITY_BODY', undefined);
          return;
        }
      }
      if (e) insertAt(doc, e, nodes, t.action);
      else if (body) for (const n of nodes) if (isElement(n)) body.appendChild(own(doc, n));
      edited = true;
      break;
    }
    case 'envelope': {
      const env = nodes[0];
      if (!isEnvelope(env)) throw new Error('A SOAPEnvelope is expected');
      const fresh = new DOMParser().parseFromString(serializer.serializeToString(env as Node), 'text/xml');
      ctx.payload = payloadWithEditedEnvelope(ctx.payload, fresh);
      ctx.setProperty('axis2', 'NO_ENTITY_BODY', undefined);
      return;
    }
    case 'property':
      propertyValue(ctx, nodes, 'default', t.property ?? '', t.action);
      return;
    case 'variable':
      ctx.setVariable(t.property ?? '', nodes.length === 1 ? nodes[0] : nodes);
      return;
    default:
      throw new Error('Invalid Target type');
  }
  if (edited) ctx.payload = payloadWithEditedEnvelope(ctx.payload, doc);
  if (t.type === 'body') ctx.setProperty('axis2', 'NO_ENTITY_BODY', undefined);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
