/**
 * makefault (Synapse's FaultMediator): replaces the message with a SOAP 1.1, SOAP 1.2 or POX
 * fault and, unless `response="false"`, marks it a response. Everything fixed (code, literal
 * reason, node, role, detail text or elements) is built into text once, at deploy time.
 */
import { XMLSerializer, type Node } from '@xmldom/xmldom';
import { childElement, elementChildren } from '../../../model/xml/xml-query.js';
import { serializeNode } from '../../../model/xml/xml-serialize.js';
import type { MessageContext } from '../../message/message-context.js';
import { isXmlType, mediaType, SOAP11_NS, SOAP12_NS } from '../../message/payload.js';
import { payloadWithBody, payloadWithEnvelope, payloadWithJson } from '../../message/payload-write.js';
import type { MediatorCompiler } from '../mediation-types.js';
import { escapeText, parseInlineXml } from './inline-xml.js';

const serializer = new XMLSerializer();

/** A part of the fault: fixed text, or text made per message. */
type Part = string | ((ctx: MessageContext) => string);
const partText = (p: Part, ctx: MessageContext) => (typeof p === 'string' ? p : p(ctx));

/** Serialized nodes of an XPath result (elements and text), as setFaultDetail adds them. */
function nodesText(nodes: readonly unknown[]): string {
  let s = '';
  for (const n of nodes) {
    const node = n as Node;
    if (node.nodeType === 1) s += serializer.serializeToString(node);
    else if (node.nodeType === 3 || node.nodeType === 4) s += escapeText(node.nodeValue ?? '');
  }
  return s;
}

/** The header blocks of the message's SOAP envelope, copied into the fault (makeSOAPFault). */
function headerBlocks(ctx: MessageContext): string {
  const type = mediaType(ctx.payload.contentType);
  if (ctx.payload.size === 0 || (type !== 'text/xml' && type !== 'application/soap+xml')) return '';
  const root = ctx.envelope().documentElement;
  for (let c = root?.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1 || (c as unknown as { localName: string }).localName !== 'Header') continue;
    let s = '';
    for (let h = c.firstChild; h; h = h.nextSibling)
      if (h.nodeType === 1) s += serializer.serializeToString(h);
    return s;
  }
  return '';
}

export const compileMakefault: MediatorCompiler<'makefault'> = (node, env) => {
  const v = node.values;
  const version = v.version;
  const soap12 = version === 'soap12';
  const ns = soap12 ? SOAP12_NS : SOAP11_NS;
  const expr = (source: string, child: 'code' | 'reason' | 'detail') =>
    env.expression(source, node, childElement(node.element, child));

  // The code keeps its prefix as written (the QName the factory built); the prefix is declared
  // on the element unless it is the envelope's own. From an expression: a QName in the envelope
  // namespace without a prefix, for which Axiom makes one up.
  let code: Part = '';
  let codeDecl: Part = '';
  if (v.code?.value !== undefined) {
    const prefix = v.code.value.slice(0, v.code.value.indexOf(':'));
    code = escapeText(v.code.value);
    codeDecl = prefix === 'soapenv' ? '' : ` xmlns:${prefix}="${ns}"`;
  } else if (v.code?.expression !== undefined) {
    const e = expr(v.code.expression, 'code');
    code = (ctx) => `axis2ns1:${escapeText(e.string(ctx))}`;
    codeDecl = ` xmlns:axis2ns1="${ns}"`;
  }

  let reason: Part | undefined;
  let reasonText: Part | undefined;
  if (v.reason?.value !== undefined) {
    reason = escapeText(v.reason.value);
    reasonText = v.reason.value;
  } else if (v.reason?.expression !== undefined) {
    const e = expr(v.reason.expression, 'reason');
    reason = (ctx) => escapeText(e.string(ctx));
    reasonText = (ctx) => e.string(ctx);
  }

  // setFaultDetail: an expression's nodes (or its string), else the inline elements, else text.
  let detail: Part | undefined;
  /** What a POX fault says: the detail text or expression, else the reason (makePOXFault). */
  let poxText: Part | undefined;
  const d = v.detail;
  const detailEl = childElement(node.element, 'detail');
  if (d?.expression !== undefined) {
    const e = expr(d.expression, 'detail');
    detail = (ctx) => {
      const r = e.evaluate(ctx);
      return Array.isArray(r) ? nodesText(r) : escapeText(e.string(ctx));
    };
    poxText = (ctx) => e.string(ctx);
  } else if (d && detailEl && elementChildren(detailEl).length > 0) {
    const scope = env.namespaces(node, detailEl);
    detail = elementChildren(detailEl)
      .map((c) => parseInlineXml(serializeNode(c), scope))
      .flat()
      .map((el) => serializer.serializeToString(el))
      .join('');
  } else if (d) {
    detail = escapeText(d.text ?? '');
    poxText = d.text ?? '';
  }
  poxText ??= reasonText;

  const node12 = soap12 && v.node !== undefined ? `<soapenv:Node>${escapeText(v.node)}</soapenv:Node>` : '';
  const role = v.role !== undefined ? escapeText(v.role) : undefined;
  const markAsResponse = v.response;

  /** The Fault element; `declare` puts the envelope namespace on it (when it stands alone). */
  const faultElement = (ctx: MessageContext, declare: boolean): string => {
    const c = partText(code, ctx);
    const decl = partText(codeDecl, ctx);
    const r = reason === undefined ? '' : partText(reason, ctx);
    const det = detail === undefined ? undefined : partText(detail, ctx);
    const open = declare ? `<soapenv:Fault xmlns:soapenv="${ns}">` : '<soapenv:Fault>';
    return soap12
      ? `${open}<soapenv:Code><soapenv:Value${decl}>${c}</soapenv:Value></soapenv:Code>` +
          `<soapenv:Reason><soapenv:Text xml:lang="en">${r}</soapenv:Text></soapenv:Reason>${node12}` +
          (role !== undefined ? `<soapenv:Role>${role}</soapenv:Role>` : '') +
          (det !== undefined ? `<soapenv:Detail>${det}</soapenv:Detail>` : '') +
          '</soapenv:Fault>'
      : `${open}<faultcode${decl}>${c}</faultcode><faultstring>${r}</faultstring>` +
          (role !== undefined ? `<faultactor>${role}</faultactor>` : '') +
          (det !== undefined ? `<detail>${det}</detail>` : '') +
          '</soapenv:Fault>';
  };
  const faultEnvelope = (ctx: MessageContext): string => {
    const headers = headerBlocks(ctx);
    return (
      `<soapenv:Envelope xmlns:soapenv="${ns}">` +
      (headers ? `<soapenv:Header>${headers}</soapenv:Header>` : '') +
      `<soapenv:Body>${faultElement(ctx, false)}</soapenv:Body></soapenv:Envelope>`
    );
  };

  return (ctx) => {
    if (version === 'pox') {
      const text = poxText === undefined ? undefined : partText(poxText, ctx);
      // A JSON message's formatter writes the <Exception> element as JSON.
      ctx.payload = ctx.payload.isJson()
        ? payloadWithJson(JSON.stringify({ Exception: text ?? '' }), ctx.payload.contentType)
        : payloadWithBody(
            ctx.payload,
            text === undefined ? '<Exception/>' : `<Exception>${escapeText(text)}</Exception>`,
          );
      ctx.madeFault = 'pox';
    } else {
      const type = mediaType(ctx.payload.contentType);
      const soap = type === 'text/xml' || type === 'application/soap+xml';
      // A POX (application/xml) message's formatter writes the body's first element: the Fault.
      ctx.payload =
        !soap && isXmlType(type)
          ? payloadWithBody(ctx.payload, faultElement(ctx, true))
          : payloadWithEnvelope(faultEnvelope(ctx), soap12);
      ctx.madeFault = 'soap';
      ctx.to = undefined;
    }
    if (markAsResponse) {
      ctx.response = true;
      ctx.to = undefined;
    }
    return true;
  };
};
