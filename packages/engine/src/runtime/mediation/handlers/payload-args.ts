/**
 * payloadFactory's replacement values, as MI's TemplateProcessor and RegexTemplateProcessor
 * compute them: `$n` args (getArgValues, then prepareReplacementValue per media type) and
 * `${…}` inline expressions (RegexTemplateProcessor.replace). Everything that does not depend on
 * the message (a literal value's escaping, which conversion an arg needs) is decided here once.
 */
import { isNode, valueText } from '../../expressions/value-text.js';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import {
  escapeControlChars,
  escapeJsonString,
  escapeXml10,
  isXml,
  jsonToXmlText,
  looksLikeJson,
  xmlToJsonText,
} from './payload-convert.js';

export type PayloadMediaType = 'xml' | 'json' | 'text';

/** An arg compiled: a literal value or an expression, with its path type. */
export type CompiledArg =
  | { readonly kind: 'value'; readonly text: string; readonly xml: boolean }
  | {
      readonly kind: 'expression';
      readonly expr: CompiledExpression;
      /** A JSONPath (evaluator="json" or json-eval), as opposed to an XPath. */
      readonly jsonPath: boolean;
      readonly literal: boolean;
    };

/** A literal `value` arg: XML stays as it is, anything else is XML-escaped (getArgValues). */
export function valueArg(value: string): CompiledArg {
  const xml = isXml(value);
  return { kind: 'value', text: xml ? value : escapeXml10(value), xml };
}

/** Numbers, booleans and null, which QUOTE_STRING_IN_PAYLOAD_FACTORY_JSON leaves unquoted. */
const JSON_SCALAR = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/;

/**
 * The text that replaces `$n` for `arg` in a format of `media` type. Throws when a JSON arg
 * cannot be turned into XML (MI: "Error converting JSON to XML").
 */
export function argReplacement(
  arg: CompiledArg,
  media: PayloadMediaType,
  escapeXmlChars: boolean,
  ctx: MessageContext,
): string {
  let text: string;
  let xml: boolean;
  let literal = false;
  let jsonPath = false;
  if (arg.kind === 'value') ({ text, xml } = arg);
  else {
    text = arg.expr.string(ctx) ?? '';
    xml = isXml(text);
    literal = arg.literal;
    jsonPath = arg.jsonPath;
    if (!xml && media === 'xml' && !(jsonPath && looksLikeJson(text))) text = escapeXml10(text);
  }
  // inferReplacementType
  const type = literal ? 'str' : !jsonPath ? (xml ? 'xml' : 'str') : looksLikeJson(text) ? 'json' : 'str';
  if (media === 'json' && type === 'xml') return xmlToJsonText(text) ?? escapeJsonString(text);
  if (media === 'xml' && type === 'json') {
    const converted = jsonToXmlText(text);
    if (converted === undefined)
      throw new Error(
        'Error converting JSON to XML, please check your JSON Path expressions return valid JSON',
      );
    return converted;
  }
  if (media !== 'json') return text;
  if (type === 'json') return escapeXmlChars ? escapeControlChars(text) : text;
  const trimmed = text.trim();
  if (!literal && (trimmed.startsWith('{') || trimmed.startsWith('['))) return text;
  const escaped = escapeJsonString(text);
  const quote = ctx.property('default', 'QUOTE_STRING_IN_PAYLOAD_FACTORY_JSON');
  if (typeof quote === 'string' && quote.toLowerCase() === 'true' && !JSON_SCALAR.test(trimmed))
    return `"${escaped}"`;
  return escaped;
}

/** A JSON object or array value (Gson's JsonElement that is not a primitive). */
function isJsonStructure(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !isNode(v) && !(Array.isArray(v) && v.some(isNode));
}

/**
 * What Matcher.appendReplacement does to a replacement MI did not quote: `\x` is x. (A `$` is
 * kept; Java would read it as a group reference.)
 */
function appendUnescape(s: string): string {
  return s.replace(/\\([\s\S])/g, '$1');
}

/**
 * TemplateProcessor.escapeSpecialCharactersOfJson followed by appendReplacement: JSON escapes
 * (`\"`, `\n`, …) survive, any other backslash is lost.
 */
function jsonSequences(s: string): string {
  return appendUnescape(s.replace(/\\(["bfnrt])/g, '\\\\$1').replace(/\\\\\$/g, '\\$'));
}

/** jsonSequences for a string put between quotes: a bare `"` is escaped too (MI leaves it, which breaks the JSON; a README deviation). */
function quotedJsonSequences(s: string): string {
  return jsonSequences(s.replace(/(?<!\\)"/g, '\\"'));
}

/**
 * RegexTemplateProcessor.convertJsonToXML's escapeSpecialCharactersOfXml, whose effect outlives
 * the quoteReplacement/appendReplacement pair around it: `\"` and `\n`-style pairs get another
 * backslash, `$` gets one.
 */
function xmlSequences(s: string): string {
  return s.replace(/\\(["bfnrt])/g, '\\\\$1').replace(/\$/g, '\\$');
}

/** An inline expression's result as MI's SynapseExpression gives it. */
export type InlineValueKind = 'primitive' | 'structure' | 'string';

/**
 * Which of Gson's JsonPrimitive, JsonElement or a plain Java value MI would hold for `value`:
 * numbers and booleans, and strings read straight from the JSON payload, are primitives.
 */
export function inlineKind(value: unknown, readsPayload: boolean): InlineValueKind {
  if (typeof value === 'number' || typeof value === 'boolean') return 'primitive';
  if (isJsonStructure(value)) return 'structure';
  return typeof value === 'string' && readsPayload ? 'primitive' : 'string';
}

/**
 * The text that replaces a `${…}` (or `"${…}"` when `quoted`) for the expression's result, as
 * RegexTemplateProcessor.replace computes it, backslash handling included.
 */
export function inlineReplacement(
  value: unknown,
  readsPayload: boolean,
  quoted: boolean,
  media: PayloadMediaType,
): string {
  const kind = inlineKind(value, readsPayload);
  if (kind === 'primitive') {
    // prepareJSONPrimitiveReplacementValue: escapeSpecialChars, then escapeXml10 in XML.
    const s = escapeJsonString(String(value));
    const v = media === 'xml' ? escapeXml10(s) : s;
    return quoted ? `"${v}"` : v;
  }
  if (kind === 'structure') {
    const json = JSON.stringify(value);
    if (media === 'xml') {
      const xml = xmlSequences(jsonToXmlText(json) ?? '');
      return quoted ? `"${xml}"` : xml;
    }
    return quoted ? `"${escapeJsonString(json)}"` : json;
  }
  const s = value === undefined || value === null ? '' : valueText(value);
  const xml = isXml(s);
  if (quoted) {
    if (media === 'xml') return `"${escapeXml10(s)}"`;
    if (media === 'json') return `"${xml ? escapeJsonString(s) : quotedJsonSequences(s)}"`;
    return `"${appendUnescape(s)}"`;
  }
  if (media === 'json' && xml) {
    const json = xmlToJsonText(s);
    return json === undefined ? escapeJsonString(s) : jsonSequences(json);
  }
  if (media === 'xml' && !xml) return escapeXml10(s);
  return s;
}
