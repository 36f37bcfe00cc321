/**
 * The functions an XPath may call: XPath 1.0's core library (from the `xpath` package), Jaxen's
 * extras that Synapse inherits (`upper-case`, `lower-case`, `ends-with`) and Synapse's own
 * (`get-property`, `base64Encode`, `base64Decode`, `url-encode`).
 */
import { base64Decode, base64Encode, urlEncodePathQuery } from './codec.js';
import type { ExpressionContext, ReadScope } from './expression-types.js';
import { compileDateFormat, DEFAULT_SYSTEM_DATE_PATTERN, type DateFormatter } from './simple-date-format.js';
import {
  EMPTY_STRING,
  lib,
  type FunctionResolver,
  type XExpression,
  type XFunction,
  type XPathContext,
  type XValue,
} from './xpath-library.js';
import { isUndeclared } from './xpath-namespaces.js';
import { toXPathValue } from './xpath-values.js';

/** The namespace some configurations bind to `fn:`; core functions are found under it too. */
export const XPATH_FUNCTIONS_NS = 'http://www.w3.org/2005/xpath-functions';

/** Scope names `get-property(scope, name)` recognises (GetPropertyFunction, plus env and file). */
const GET_PROPERTY_SCOPES: ReadonlyMap<string, ReadScope | undefined> = new Map<
  string,
  ReadScope | undefined
>([
  ['default', 'default'],
  ['axis2', 'axis2'],
  ['transport', 'transport'],
  ['operation', 'operation'],
  ['func', 'func'],
  ['system', 'system'],
  ['env', 'env'],
  // Synapse reads these from the registry and from properties files; Mediate has neither.
  ['registry', undefined],
  ['file', undefined],
]);

/** Scopes whose literal use is rejected at compile time. */
export const UNSUPPORTED_SCOPES: ReadonlySet<string> = new Set(['registry', 'file']);

// Formats are usually literals, so each pattern is compiled once and then found here.
const dateFormats = new Map<string, DateFormatter>();

/** The formatter for a `SimpleDateFormat` pattern, compiled on first use. */
export function dateFormat(pattern: string): DateFormatter {
  let f = dateFormats.get(pattern);
  if (!f) {
    f = compileDateFormat(pattern);
    if (dateFormats.size >= 256) dateFormats.clear();
    dateFormats.set(pattern, f);
  }
  return f;
}

const str = (c: XPathContext, e: XExpression | undefined): string => (e ? e.evaluate(c).stringValue() : '');

/**
 * `get-property([scope,] name[, dateFormat])` on arguments already turned into strings, as
 * GetPropertyFunction reads them.
 */
export function getPropertyValue(ctx: ExpressionContext, args: readonly string[]): XValue {
  let scope = 'default';
  let key: string;
  let format: string | undefined;
  const [a = '', b = '', c = ''] = args;
  if (args.length === 1) key = a;
  // Two arguments whose first is not a scope name mean (name, dateFormat).
  else if (args.length === 2)
    [scope, key, format] = GET_PROPERTY_SCOPES.has(a) ? [a, b, undefined] : ['default', a, b];
  else [scope, key, format] = [a, b, c];

  if (key === '') return EMPTY_STRING;
  // These two ignore the scope.
  if (key === 'SYSTEM_DATE')
    return new lib.XString(dateFormat(format ?? DEFAULT_SYSTEM_DATE_PATTERN)(new Date()));
  if (key === 'SYSTEM_TIME') return new lib.XString(String(Date.now()));
  const readScope = GET_PROPERTY_SCOPES.get(scope);
  return readScope ? toXPathValue(ctx.property(readScope, key)) : EMPTY_STRING;
}

const getProperty: XFunction = (c, ...args) =>
  getPropertyValue(
    c.mediate,
    args.map((e) => str(c, e)),
  );

function codecFunction(fn: (value: string, charset?: string) => string): XFunction {
  return (c, value, charset) => {
    const v = str(c, value);
    // Synapse returns '' for an empty input rather than encoding it.
    if (v === '') return EMPTY_STRING;
    return new lib.XString(charset ? fn(v, str(c, charset)) : fn(v));
  };
}

interface FunctionSpec {
  readonly fn: XFunction;
  readonly min: number;
  readonly max: number;
}

const SYNAPSE_FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  'get-property': { fn: getProperty, min: 1, max: 3 },
  base64Encode: { fn: codecFunction(base64Encode), min: 1, max: 2 },
  base64Decode: { fn: codecFunction(base64Decode), min: 1, max: 2 },
  'url-encode': { fn: codecFunction(urlEncodePathQuery), min: 1, max: 2 },
  // Jaxen accepts a locale as a second argument; it changes nothing for the usual ASCII text.
  'upper-case': { fn: (c, s) => new lib.XString(str(c, s).toUpperCase()), min: 1, max: 2 },
  'lower-case': { fn: (c, s) => new lib.XString(str(c, s).toLowerCase()), min: 1, max: 2 },
  'ends-with': { fn: (c, s, suffix) => new lib.XBoolean(str(c, s).endsWith(str(c, suffix))), min: 2, max: 2 },
};

/** Synapse functions Mediate does not provide (they need key stores). */
const UNSUPPORTED = new Set(['hmac-generate', 'encrypt', 'decrypt']);

/** The XPath 1.0 core library, keyed by local name. */
const CORE: ReadonlyMap<string, XFunction> = new Map(
  Object.entries(new lib.FunctionResolver().functions).map(([key, fn]) => [key.slice(2), fn]),
);

/**
 * Why a call to `localName` with `arity` arguments cannot work, or undefined when it can.
 * `coreAllowed` is false when the call's prefix is bound to a namespace other than XPath's.
 */
export function checkFunction(localName: string, arity: number, coreAllowed: boolean): string | undefined {
  if (UNSUPPORTED.has(localName)) return `the function ${localName}() is not supported by Mediate`;
  const spec = SYNAPSE_FUNCTIONS[localName];
  if (spec) {
    if (arity < spec.min || arity > spec.max) {
      const range = spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max}`;
      return `${localName}() takes ${range} argument${spec.max === 1 ? '' : 's'}, not ${arity}`;
    }
    return undefined;
  }
  return CORE.has(localName) && coreAllowed ? undefined : `unknown function ${localName}()`;
}

/**
 * The function resolver. Synapse finds its own functions by local name whatever the prefix
 * (`synapse:get-property` works undeclared); core functions answer unprefixed, under an
 * undeclared prefix (Jaxen then sees no namespace) or under the XPath functions namespace.
 */
export const FUNCTION_RESOLVER: FunctionResolver = {
  getFunction(localName, namespace) {
    const spec = SYNAPSE_FUNCTIONS[localName];
    if (spec) return spec.fn;
    if (namespace === '' || namespace === XPATH_FUNCTIONS_NS || isUndeclared(namespace))
      return CORE.get(localName);
    return undefined;
  },
};
