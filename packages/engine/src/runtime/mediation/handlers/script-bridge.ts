/**
 * The host side of a script's `mc` (MI 4.4's GraalVMJavaScriptMessageContext): each operation
 * reads or writes the message a script is running for. Arguments and answers are strings (see
 * script-sandbox.ts): the script never holds a host object.
 */
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import type { MessageContext, WriteScope } from '../../message/message-context.js';
import { payloadWithBody, payloadWithJson } from '../../message/payload-write.js';
import type { BridgeAnswer } from './script-sandbox.js';

const serializer = new XMLSerializer();

/** The scopes `mc.setProperty`/`removeProperty` write (MI: default, axis2, transport, operation). */
const SCOPES = ['default', 'axis2', 'transport', 'operation'] as const;
type ScriptScope = (typeof SCOPES)[number] & WriteScope;

// A LONG beyond 2^53 (a bigint) goes over as its digits: the script reads it as a JS number,
// as Rhino reads a java.lang.Long (JSON.stringify refuses a bigint).
const value = (v: unknown): BridgeAnswer =>
  typeof v === 'bigint' ? `V${String(v)}` : `V${JSON.stringify(v ?? null)}`;

/** A property value as the script sees it: XML (an OM property) as its text, the rest as JSON. */
function toScript(v: unknown): BridgeAnswer {
  if (v === undefined || v === null) return 'Vnull';
  if (typeof v === 'object' && (v as { nodeType?: unknown }).nodeType !== undefined)
    return value(serializer.serializeToString(v as Element));
  try {
    return value(v);
  } catch {
    return value(String(v));
  }
}

/**
 * A value from the script: `S`+text or `J`+JSON. A string that is an XML element is stored as
 * XML (GraalVMJavaScriptMessageContext.setProperty tries `toOMElement` first), the rest as is.
 */
function fromScript(encoded: string | undefined): unknown {
  if (encoded === undefined || encoded === 'U') return undefined;
  const body = encoded.slice(1);
  if (encoded[0] === 'J') return JSON.parse(body) as unknown;
  if (body.trimStart().startsWith('<')) {
    let bad = false;
    const doc = new DOMParser({
      onError: (level) => void (level !== 'warning' && (bad = true)),
    }).parseFromString(body, 'text/xml');
    if (!bad && doc.documentElement) return doc.documentElement;
  }
  return body;
}

function scopeOf(scope: string | undefined): ScriptScope | undefined {
  const s = scope ?? 'default';
  return (SCOPES as readonly string[]).includes(s) ? (s as ScriptScope) : undefined;
}

/** The first element in the SOAP body, serialized (MI: `toStringWithConsume`), or null. */
function payloadXml(ctx: MessageContext): string | null {
  const root = ctx.envelope().documentElement;
  for (let c = root?.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1 || (c as Element).localName !== 'Body') continue;
    for (let b = c.firstChild; b; b = b.nextSibling)
      if (b.nodeType === 1) return serializer.serializeToString(b);
  }
  return null;
}

function envelopeXml(ctx: MessageContext): string {
  const root = ctx.envelope().documentElement;
  return root ? serializer.serializeToString(root) : '';
}

/** Runs one `mc` operation for `ctx`. Throws on bad input; the sandbox turns that into an `E` answer. */
export function mcOperation(
  ctx: MessageContext,
  op: string,
  a: string | undefined,
  b: string | undefined,
  c: string | undefined,
): BridgeAnswer {
  switch (op) {
    case 'getPayloadXML':
      return value(payloadXml(ctx));
    case 'setPayloadXML':
      if (a === undefined) throw new Error('setPayloadXML needs the XML of the new payload');
      ctx.payload = payloadWithBody(ctx.payload, a);
      return 'U';
    case 'getPayloadJSON':
      // MI's JSON_OBJECT: the JSON payload parsed, or an empty object when there is none.
      return ctx.payload.isJson() && ctx.payload.size > 0 ? `R${ctx.payload.text()}` : 'V{}';
    case 'setPayloadJSON':
      ctx.payload = payloadWithJson(a ?? 'null');
      return 'U';
    case 'getPayloadText':
      // GraalVMJavaScriptMessageContext.getPayloadText: the JSON text, else the whole envelope.
      return value(ctx.payload.isJson() && ctx.payload.size > 0 ? ctx.payload.text() : envelopeXml(ctx));
    case 'getEnvelopeXML':
      return value(envelopeXml(ctx));
    case 'getProperty': {
      if (a === undefined) throw new Error('getProperty needs a property name');
      const scope = scopeOf(b);
      if (!scope) throw new Error(`getProperty: unknown scope '${b}' (default, axis2, transport, operation)`);
      return toScript(ctx.property(scope, a));
    }
    case 'setProperty': {
      if (a === undefined) throw new Error('setProperty needs a property name');
      const scope = scopeOf(c);
      // MI sets nothing for another scope.
      if (scope) ctx.setProperty(scope, a, fromScript(b));
      return 'U';
    }
    case 'removeProperty': {
      if (a === undefined) throw new Error('removeProperty needs a property name');
      const scope = scopeOf(b);
      if (scope) ctx.setProperty(scope, a, undefined);
      return 'U';
    }
    case 'getVariable':
      if (a === undefined) throw new Error('getVariable needs a variable name');
      return toScript(ctx.variable(a));
    case 'setVariable':
      if (a === undefined) throw new Error('setVariable needs a variable name');
      ctx.setVariable(a, fromScript(b));
      return 'U';
    case 'getMessageID':
      return value(ctx.messageId);
    default:
      throw new Error(`mc has no operation '${op}'`);
  }
}
