/**
 * Synapse's XPath variables (`SynapseXPathVariableContext`): `$body`, `$header`, `$env` and the
 * prefixed `$ctx:name`, `$axis2:name`, `$trp:name`, `$url:name`, `$func:name`, `$var:name`,
 * `$operation:name`, `$sys:name`; any other prefix reads a key of a Map-valued property.
 */
import type { Element } from '@xmldom/xmldom';

import type { ExpressionContext, ReadScope } from './expression-types.js';
import { EMPTY_STRING, nodeSetOf, type XValue } from './xpath-library.js';
import { toXPathValue } from './xpath-values.js';

const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** Reads one variable's value for a message; chosen per variable at compile time. */
export type VariableReader = (ctx: ExpressionContext, localName: string) => XValue;

/** The child of the envelope with this local name in a SOAP namespace, if any. */
function envelopeChild(ctx: ExpressionContext, localName: string): Element | undefined {
  const env = ctx.envelope().documentElement;
  for (let c = env?.firstChild; c; c = c.nextSibling) {
    const el = c as Element;
    if (
      el.nodeType === 1 &&
      el.localName === localName &&
      (el.namespaceURI === SOAP11_NS || el.namespaceURI === SOAP12_NS)
    ) {
      return el;
    }
  }
  return undefined;
}

const EMPTY_SET = (): XValue => nodeSetOf([]);

/** Unprefixed variables; anything else is a compile-time error. */
export const UNPREFIXED: Readonly<Record<string, (ctx: ExpressionContext) => XValue>> = {
  body: (ctx) => {
    const body = envelopeChild(ctx, 'Body');
    return body ? nodeSetOf([body]) : EMPTY_SET();
  },
  header: (ctx) => {
    const header = envelopeChild(ctx, 'Header');
    return header ? nodeSetOf([header]) : EMPTY_SET();
  },
  env: (ctx) => {
    const env = ctx.envelope().documentElement;
    return env ? nodeSetOf([env]) : EMPTY_SET();
  },
};

function scoped(scope: ReadScope): VariableReader {
  return (ctx, name) => toXPathValue(ctx.property(scope, name));
}

/** A template parameter may hold a compiled expression; Synapse evaluates it on read. */
function funcParam(ctx: ExpressionContext, name: string): XValue {
  const v = ctx.property('func', name);
  if (typeof v === 'object' && v !== null && 'evaluate' in v && 'kind' in v && 'string' in v) {
    return toXPathValue((v as { evaluate(c: ExpressionContext): unknown }).evaluate(ctx));
  }
  return toXPathValue(v);
}

/** Prefixes with a meaning of their own. `config` is Synapse's, but Mediate has no config resolver. */
const PREFIXED: Readonly<Record<string, VariableReader>> = {
  ctx: scoped('default'),
  axis2: scoped('axis2'),
  trp: scoped('transport'),
  url: scoped('url'),
  operation: scoped('operation'),
  sys: scoped('system'),
  func: funcParam,
  var: (ctx, name) => toXPathValue(ctx.variable(name)),
};

/** The reserved variable prefixes, for the namespace resolver. */
export const VARIABLE_PREFIXES: readonly string[] = [...Object.keys(PREFIXED), 'config'];

/** `$prop:key`: a key of a Map-valued default-scope property (Synapse prints it with toString). */
function mapEntry(prefix: string): VariableReader {
  return (ctx, key) => {
    const holder = ctx.property('default', prefix);
    let v: unknown;
    if (holder instanceof Map) v = holder.get(key);
    else if (typeof holder === 'object' && holder !== null) v = (holder as Record<string, unknown>)[key];
    return v === undefined || v === null ? EMPTY_STRING : toXPathValue(typeof v === 'object' ? v : String(v));
  };
}

/** The reader for `$prefix:name`, or a reason it cannot be read. */
export function prefixedReader(prefix: string): VariableReader | string {
  if (prefix === 'config') return "'$config:' variables (config parameters) are not supported by Mediate";
  return PREFIXED[prefix] ?? mapEntry(prefix);
}
