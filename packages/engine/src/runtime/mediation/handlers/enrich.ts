/**
 * enrich (Synapse's EnrichMediator): copies a source into a target. Compiling does
 * EnrichMediatorFactory's work once (expressions, inline content, JSONPaths, whether a JSON
 * payload is edited as JSON); each message then takes the JSON or the XML half.
 */
import type { Node } from '@xmldom/xmldom';
import { childElement, elementChildren } from '../../../model/xml/xml-query.js';
import { serializeNode } from '../../../model/xml/xml-serialize.js';
import type { MessageContext } from '../../message/message-context.js';
import type { MediatorCompiler } from '../mediation-types.js';
import { enrichJson, lenientJson } from './enrich-json.js';
import type { EnrichPlan, EnrichSource, EnrichTarget, InlineContent } from './enrich-plan.js';
import { compileInlineExpressions } from './enrich-inline.js';
import { enrichXml } from './enrich-xml.js';
import { parseInlineXml } from './inline-xml.js';
import { jsonEditPath } from './json-edit.js';

const isJsonPath = (x: string | undefined) => x !== undefined && x.trim().startsWith('json-eval(');

/**
 * EnrichMediatorFactory's test of inline text: JSON (an object, array or primitive Gson reads
 * leniently, or text in braces that may hold expressions) rather than XML text.
 */
function inlineTextIsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    const t = text.trim();
    // Gson's lenient reader takes one unquoted token as a string primitive.
    return /^[^\s{}[\]:,"']+$/.test(t) || (t.startsWith('{') && t.endsWith('}'));
  }
}

/** `get-property('name')` or `get-property('scope', 'name')` as a custom target (Target.handleProperty). */
function propertyTarget(xpath: string | undefined): EnrichTarget['propertyTarget'] {
  if (!xpath?.startsWith('get-property(')) return undefined;
  const quoted = [...xpath.matchAll(/'([^']*)'/g)].map((m) => m[1] as string);
  if (quoted.length === 0) return undefined;
  const [scope, name] = quoted.length > 1 ? [quoted[0], quoted[1]] : ['default', quoted[0]];
  return {
    scope: scope === 'axis2' || scope === 'operation' ? scope : 'default',
    name: name as string,
  };
}

/**
 * How MI reads a source property (EnrichMediator.mediate): an element (or nodes holding one) is
 * XML; a string, a JSON value, or text nodes holding JSON objects or arrays are JSON.
 */
function propertyAsJson(v: unknown): { xml: boolean; json?: unknown } {
  if (v === undefined || v === null) return { xml: false };
  if (typeof v === 'string') return { xml: false, json: lenientJson(v) };
  if (typeof v !== 'object') return { xml: false, json: v };
  const nodes = Array.isArray(v) ? v : [v];
  if (nodes.length > 0 && nodes.every((n) => n && typeof n === 'object' && 'nodeType' in n)) {
    let json: unknown;
    for (const n of nodes as Node[]) {
      if (n.nodeType === 1) return { xml: true };
      try {
        json = JSON.parse(n.nodeValue ?? '');
        if (json === null || typeof json !== 'object') return { xml: true };
      } catch {
        return { xml: true };
      }
    }
    return { xml: false, json };
  }
  return { xml: false, json: v };
}

export const compileEnrich: MediatorCompiler<'enrich'> = (node, env) => {
  const s = node.values.source;
  const t = node.values.target;
  if (!s || !t) throw new Error('An enrich needs a <source> and a <target>.');
  const sourceEl = childElement(node.element, 'source');
  const targetEl = childElement(node.element, 'target');

  let inline: InlineContent | undefined;
  if (s.type === 'inline') {
    const first = sourceEl ? elementChildren(sourceEl)[0] : undefined;
    if (first) {
      const [element] = parseInlineXml(serializeNode(first), env.namespaces(node, sourceEl));
      if (element) inline = { kind: 'xml', element };
    } else if (s.text !== undefined) inline = { kind: 'text', text: s.text, json: inlineTextIsJson(s.text) };
    else if (s.key !== undefined) {
      const entry = env.localEntry(s.key);
      if (!entry) throw new Error(`The local entry '${s.key}' does not exist.`);
      if (entry.element) {
        const [element] = parseInlineXml(entry.text, entry.namespaces);
        if (element) inline = { kind: 'xml', element };
      } else inline = { kind: 'text', text: entry.text, json: inlineTextIsJson(entry.text) };
    }
  }

  const source: EnrichSource = {
    type: s.type,
    clone: s.clone,
    ...(s.xpath !== undefined ? { xpath: env.expression(s.xpath, node, sourceEl) } : {}),
    ...(isJsonPath(s.xpath) ? { jsonPath: jsonEditPath(s.xpath as string) } : {}),
    ...(t.action === 'remove' && s.xpath !== undefined
      ? {
          removePaths: s.xpath
            .trim()
            .replace(/^json-eval\(/, '')
            .replace(/\)$/, '')
            .split(',')
            .map(jsonEditPath),
        }
      : {}),
    ...(s.property !== undefined ? { property: s.property } : {}),
    ...(inline ? { inline } : {}),
  };
  const dynamicInline = compileInlineExpressions(inline, (expr) => env.expression(expr, node, sourceEl));
  const keyPath = t.type === 'key' && t.xpath !== undefined ? jsonEditPath(t.xpath) : undefined;
  const keyDot = keyPath ? keyPath.path.lastIndexOf('.') : -1;
  const target: EnrichTarget = {
    type: t.type,
    action: t.action,
    ...(t.xpath !== undefined && t.type !== 'key' ? { xpath: env.expression(t.xpath, node, targetEl) } : {}),
    ...(isJsonPath(t.xpath) && t.type === 'custom' ? { jsonPath: jsonEditPath(t.xpath as string) } : {}),
    ...(t.type === 'custom' && !isJsonPath(t.xpath)
      ? { propertyTarget: propertyTarget(t.xpath?.trim()) }
      : {}),
    ...(t.property !== undefined ? { property: t.property } : {}),
    ...(keyPath && keyDot > 0
      ? { keyOwner: jsonEditPath(keyPath.path.slice(0, keyDot)), keyName: keyPath.path.slice(keyDot + 1) }
      : {}),
  };

  // EnrichMediatorFactory: native JSON unless the inline source is XML or an envelope is
  // involved, and custom sides must be JSONPaths.
  const inlineXml = inline?.kind === 'xml' || (inline?.kind === 'text' && !inline.json);
  const sCustom = s.type === 'custom';
  const tCustom = t.type === 'custom';
  const sJson = sCustom && isJsonPath(s.xpath);
  const tJson = tCustom && isJsonPath(t.xpath);
  const nativeJson =
    !inlineXml &&
    s.type !== 'envelope' &&
    t.type !== 'envelope' &&
    ((!sCustom && !tCustom) || (sJson && !tCustom) || (!sCustom && tJson) || (sJson && tJson));

  const plan: EnrichPlan = {
    source,
    target,
    nativeJson,
    bus: env.bus,
    complain: (ctx, text) =>
      env.bus.emit({
        kind: 'error',
        level: 'ERROR',
        category: 'EnrichMediator',
        text,
        ...(ctx.artifact ? { artifact: ctx.artifact } : {}),
        messageId: ctx.messageId,
      }),
  };
  const propertyOf = (ctx: MessageContext): unknown =>
    s.type === 'variable'
      ? ctx.variable(s.property ?? '')
      : s.property !== undefined
        ? ctx.property('default', s.property)
        : undefined;

  return (ctx) => {
    // EnrichMediator.mediate: inline content with expressions is made now; if it is XML, the
    // XML path runs.
    const inlineNow = dynamicInline ? dynamicInline(ctx) : inline;
    const native = nativeJson && !(dynamicInline && inlineNow?.kind === 'xml');
    if (native && ctx.payload.size > 0 && ctx.payload.isJson() && ctx.json() !== undefined) {
      const p =
        s.type === 'property' || s.type === 'variable' ? propertyAsJson(propertyOf(ctx)) : { xml: false };
      if (!p.xml) {
        enrichJson(ctx, plan, p.json, inlineNow);
        if (t.type === 'body') ctx.setProperty('axis2', 'NO_ENTITY_BODY', undefined);
        return true;
      }
    }
    enrichXml(ctx, plan, inlineNow);
    return true;
  };
};
