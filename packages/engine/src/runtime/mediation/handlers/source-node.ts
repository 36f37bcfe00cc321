/**
 * The `source` of the xslt and validate mediators (MI's SourceXPathSupport): an XPath that
 * selects one node of the envelope, by default the SOAP body's first element; and putting a
 * transformed node back in its place through the payload writer.
 */
import { XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import { SOAP12_NS } from '../../message/payload.js';
import {
  bodyElement,
  fragmentNodes,
  payloadWithBody,
  payloadWithEnvelope,
} from '../../message/payload-write.js';
import type { CompileEnv, NodePlace } from '../mediation-types.js';

/** How SourceXPathSupport names the default source in its messages. */
export const DEFAULT_SOURCE = 's11:Body/child::*[position()=1] | s12:Body/child::*[position()=1]';

const serializer = new XMLSerializer();

/** Serializes a node with the namespace declarations it needs. */
export function nodeXml(node: Node): string {
  return serializer.serializeToString(node);
}

/** The first element child of a node. */
export function firstElement(node: Node | undefined): Element | undefined {
  for (let c = node?.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) return c as Element;
  return undefined;
}

/** A compiled `source`: `select` gives the node or throws MI's message when there is none. */
export interface SourceSelector {
  /** As MI prints it in messages (the default XPath when none was written). */
  readonly text: string;
  /** True when no `source` was written (the body's first element). */
  readonly isDefault: boolean;
  select(ctx: MessageContext): Node | undefined;
}

/** Compiles a `source` attribute (XPath) once. */
export function compileSource(source: string | undefined, node: NodePlace, env: CompileEnv): SourceSelector {
  if (source === undefined || source.trim() === '') {
    return {
      text: DEFAULT_SOURCE,
      isDefault: true,
      select: (ctx) => firstElement(bodyElement(ctx.envelope())),
    };
  }
  const expr: CompiledExpression = env.expression(source, node);
  return {
    text: source,
    isDefault: false,
    select: (ctx) => {
      const r = expr.evaluate(ctx);
      const first = Array.isArray(r) ? (r[0] as Node | undefined) : undefined;
      if (first && typeof first === 'object' && 'nodeType' in first) return first;
      // SourceXPathSupport.selectOMNode: anything but a node is an error.
      throw new Error(
        `The evaluation of the XPath expression ${source} did not result in an OMNode : ${Array.isArray(r) ? 'null' : String(r)}`,
      );
    },
  };
}

/** The child-index path of a node from its document. */
function pathOf(node: Node): number[] {
  const path: number[] = [];
  for (let n: Node | null = node; n && n.parentNode; n = n.parentNode) {
    let i = 0;
    for (let s = n.previousSibling; s; s = s.previousSibling) i++;
    path.unshift(i);
  }
  return path;
}

function nodeAt(doc: Document, path: readonly number[]): Node | undefined {
  let n: Node | undefined = doc;
  for (const i of path) n = n?.childNodes.item(i) ?? undefined;
  return n;
}

/**
 * Parses XML (one or more elements, or text) into nodes of `doc`. Throws with the parser's
 * message when it is not well-formed.
 */
export function parseFragment(doc: Document, xml: string): Node[] {
  return fragmentNodes(doc, xml, 'The result', (c) => dropEmptyDefaults(c, ''));
}

/**
 * Removes `xmlns=""` where no default namespace is in scope (an XSLT result often carries it
 * from the stylesheet): it declares nothing, and MI's serializer does not write it.
 */
function dropEmptyDefaults(node: Node, inScope: string): void {
  if (node.nodeType !== 1) return;
  const el = node as Element;
  let scope = inScope;
  if (el.hasAttribute('xmlns')) {
    const own = el.getAttribute('xmlns') ?? '';
    if (own === '' && inScope === '') el.removeAttribute('xmlns');
    scope = own;
  }
  for (let c = el.firstChild; c; c = c.nextSibling) dropEmptyDefaults(c, scope);
}

/**
 * The message with `source` (a node of its envelope) replaced by `resultXml`, as XSLTMediator
 * does: the envelope is replaced whole, the Body gets the result's children, any other node is
 * replaced by the result. The payload is written through payload-write (which keeps a SOAP
 * message's own header: a result written over the Header itself is not kept).
 */
export function replaceSourceNode(ctx: MessageContext, source: Node, resultXml: string): void {
  const doc = ctx.envelope();
  // The envelope, or the document above it (`source="/"`): the result is the new envelope.
  if (source === doc || source === doc.documentElement) {
    ctx.payload = payloadWithEnvelope(resultXml, doc.documentElement?.namespaceURI === SOAP12_NS);
    return;
  }
  const copy = doc.cloneNode(true) as Document;
  const target = nodeAt(copy, pathOf(source));
  const parent = target?.parentNode;
  if (!target || !parent) throw new Error('The source node is not part of the message.');
  const nodes = parseFragment(copy, resultXml);
  if (target.nodeType === 1 && parent === copy.documentElement) {
    // The Body (or Header) itself: its children become the result's element's children.
    while (target.firstChild) target.removeChild(target.firstChild);
    const root = nodes.find((n) => n.nodeType === 1);
    for (let c = root?.firstChild; c; c = c.nextSibling) target.appendChild(c.cloneNode(true));
  } else {
    for (const n of nodes) parent.insertBefore(n, target);
    parent.removeChild(target);
  }
  const body = bodyElement(copy);
  let inner = '';
  for (let c = body?.firstChild; c; c = c.nextSibling) inner += nodeXml(c);
  ctx.payload = payloadWithBody(ctx.payload, inner);
}
