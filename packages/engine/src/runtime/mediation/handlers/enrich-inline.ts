/**
 * `{…}` expressions in enrich's inline content (InlineExpressionUtil): `{$ctx:name}`,
 * `{//xpath}` or `{json-eval($.path)}` inside the inline text or element, each compiled once and
 * replaced by its string value per message. A value that is neither XML nor JSON, and not
 * already between double quotes, is quoted (so `{"a": {$ctx:x}}` stays JSON).
 */
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import type { InlineContent } from './enrich-plan.js';
import { parseInlineXml } from './inline-xml.js';

/** InlineExpressionUtil's EXPRESSION_PATTERN. */
const EXPRESSION = /\{[^\s",<>}\]]+\}/g;

const serializer = new XMLSerializer();

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function isXml(s: string): boolean {
  if (!/^\s*</.test(s)) return false;
  let bad = false;
  new DOMParser({ onError: (level) => void (level !== 'warning' && (bad = true)) }).parseFromString(
    s,
    'text/xml',
  );
  return !bad;
}

/** True when `text` holds an inline expression (checkForInlineExpressions). */
export function hasInlineExpressions(text: string): boolean {
  return new RegExp(EXPRESSION.source).test(text);
}

/** Compiles the replacement of `text`'s expressions; `compile` compiles one expression. */
function compileReplace(
  text: string,
  compile: (expr: string) => CompiledExpression,
): (ctx: MessageContext) => string {
  const parts: (string | ((ctx: MessageContext) => string))[] = [];
  let last = 0;
  for (const m of text.matchAll(EXPRESSION)) {
    parts.push(text.slice(last, m.index));
    const inner = m[0].slice(1, -1);
    const expr = compile(inner);
    const quoted = text[m.index - 1] === '"' && text[m.index + m[0].length] === '"';
    const jsonEval = inner.includes('json-eval(');
    parts.push((ctx) => {
      const v = expr.string(ctx);
      const wrap = (v === '' && jsonEval) || (!isXml(v) && !isJson(v) && (v === '' || !quoted));
      return wrap ? `"${v}"` : v;
    });
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return (ctx) => parts.map((p) => (typeof p === 'string' ? p : p(ctx))).join('');
}

/**
 * The per-message inline content of a source whose text (or element text) holds expressions,
 * or undefined when it holds none. As EnrichMediator.mediate: the replaced text is XML when it
 * parses as XML, else text (JSON).
 */
export function compileInlineExpressions(
  inline: InlineContent | undefined,
  compile: (expr: string) => CompiledExpression,
): ((ctx: MessageContext) => InlineContent) | undefined {
  if (!inline) return undefined;
  const text = inline.kind === 'text' ? inline.text : directText(inline.element);
  if (!hasInlineExpressions(text)) return undefined;
  const whole = inline.kind === 'text' ? inline.text : serializer.serializeToString(inline.element);
  const replace = compileReplace(whole, compile);
  return (ctx) => {
    const s = replace(ctx);
    if (isXml(s)) {
      const [element] = parseInlineXml(s, {});
      if (element) return { kind: 'xml', element };
    }
    return { kind: 'text', text: s, json: true };
  };
}

/** An element's own text (Axiom's getText(): its text children, not its descendants'). */
function directText(el: Element): string {
  let s = '';
  for (let c = el.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 3 || c.nodeType === 4) s += c.nodeValue ?? '';
  return s;
}
