/**
 * payloadFactory (MI's PayloadFactoryMediator with its RegexTemplateProcessor): the format is
 * split into literal chunks and slots at deploy time; per message the slots are filled, and
 * the result replaces the payload through payload-write.ts with the Content-Type MI gives the
 * media type (setContentType).
 */
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { argExpression } from '../../../model/catalog/payload-factory.js';
import { childElement, elementChildren, localName } from '../../../model/xml/xml-query.js';
import type { XmlElement } from '../../../model/xml/xml-types.js';
import type { MessageContext } from '../../message/message-context.js';
import { mediaType, SOAP11_NS, SOAP12_NS } from '../../message/payload.js';
import {
  payloadWithBody,
  payloadWithEnvelope,
  payloadWithJson,
  payloadWithText,
} from '../../message/payload-write.js';
import type { CompileEnv, CompileNode, MediatorCompiler } from '../mediation-types.js';
import {
  argReplacement,
  inlineReplacement,
  valueArg,
  type CompiledArg,
  type PayloadMediaType,
} from './payload-args.js';
import { splitFormat, textFormat, xmlFormatText, type SplitFormat } from './payload-format.js';

/** The types MI leaves alone when the media type is xml (setContentType). */
const XML_MESSAGE_TYPES = new Set(['application/xml', 'text/xml', 'application/soap+xml']);
const CONTENT_TYPE: Record<PayloadMediaType, string> = {
  xml: 'application/xml',
  json: 'application/json',
  text: 'text/plain',
};
const serializer = new XMLSerializer();

/** A format ready to fill. */
type ReadyFormat = SplitFormat;

function ownNamespaces(el: XmlElement, into: Record<string, string>): Record<string, string> {
  for (const a of el.attributes)
    if (a.name === 'xmlns') into[''] = a.value;
    else if (a.name.startsWith('xmlns:')) into[a.name.slice(6)] = a.value;
  return into;
}

/** The format of `<format>` written inline: its first element in XML, else its text. */
function inlineFormat(
  node: CompileNode<'payloadFactory'>,
  env: CompileEnv,
  media: PayloadMediaType,
): ReadyFormat {
  const formatEl = childElement(node.element, 'format');
  const inner = formatEl && elementChildren(formatEl)[0];
  if (media === 'xml' && formatEl && inner) {
    const ns = ownNamespaces(formatEl, { ...env.namespaces(node) });
    return splitFormat(xmlFormatText(inner, ns));
  }
  return splitFormat(textFormat(node.values.format?.text ?? ''));
}

/** The format held by a local entry (PayloadFactoryMediator.transform with a format key). */
function entryFormat(key: string, env: CompileEnv): ReadyFormat {
  const entry = env.localEntry(key);
  if (!entry) throw new Error(`Key ${key} not found`);
  return splitFormat(entry.element ? xmlFormatText(entry.element, entry.namespaces) : textFormat(entry.text));
}

function compileArgs(node: CompileNode<'payloadFactory'>, env: CompileEnv): CompiledArg[] {
  const argsEl = childElement(node.element, 'args');
  const argEls = argsEl ? elementChildren(argsEl).filter((c) => localName(c.name) === 'arg') : [];
  return node.values.args.map((row, i): CompiledArg => {
    if (row.value !== undefined) return valueArg(row.value);
    const source = argExpression(row.expression ?? '', row.evaluator);
    const expr = env.expression(source, node, argEls[i]);
    return { kind: 'expression', expr, jsonPath: expr.kind === 'jsonpath', literal: row.literal === true };
  });
}

/** Fills a format for one message. A `$n` with no arg stops the substitution there, as MI's does. */
function fill(
  format: ReadyFormat,
  args: readonly CompiledArg[],
  inline: ReadonlyMap<string, ReturnType<CompileEnv['expression']>>,
  media: PayloadMediaType,
  escapeXmlChars: boolean,
  ctx: MessageContext,
  onMismatch: (ctx: MessageContext) => void,
): string {
  let out = format.literals[0] ?? '';
  // Each ${…} is evaluated once per message however often it appears (inlineExpressionResults).
  let results: Map<string, unknown> | undefined;
  for (let i = 0; i < format.slots.length; i++) {
    const slot = format.slots[i]!;
    if (slot.kind === 'arg') {
      const arg = args[slot.n - 1];
      if (!arg) {
        // ArrayIndexOutOfBoundsException, caught in replace() and logged: the rest is appended
        // unreplaced.
        onMismatch(ctx);
        out += `$${slot.n}${format.literals[i + 1] ?? ''}`;
        for (let j = i + 1; j < format.slots.length; j++) out += rawSlot(format, j);
        return out;
      }
      out += argReplacement(arg, media, escapeXmlChars, ctx);
    } else {
      results ??= new Map();
      if (!results.has(slot.source)) {
        const expr = inline.get(slot.source)!;
        results.set(slot.source, slot.source.includes('xpath(') ? expr.string(ctx) : expr.evaluate(ctx));
      }
      out += inlineReplacement(results.get(slot.source), slot.readsPayload, slot.quoted, media);
    }
    out += format.literals[i + 1] ?? '';
  }
  return out;
}

function rawSlot(format: ReadyFormat, j: number): string {
  const s = format.slots[j]!;
  const text = s.kind === 'arg' ? `$${s.n}` : s.quoted ? `"\${${s.source}}"` : `\${${s.source}}`;
  return text + (format.literals[j + 1] ?? '');
}

/** The first element of an XML result, and whether it is a SOAP envelope (checkAndReplaceEnvelope). */
function firstElement(xml: string): { xml: string; envelope?: 'soap11' | 'soap12' } {
  let problem: string | undefined;
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') problem ??= msg;
    },
  }).parseFromString(`<pfPadding>${xml}</pfPadding>`, 'text/xml');
  let first: Element | undefined;
  for (let c = doc.documentElement?.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1) {
      first = c as Element;
      break;
    }
  if (problem || !first) throw new Error(`Error creating SOAP Envelope from source ${xml}`);
  const envelope =
    first.localName === 'Envelope'
      ? first.namespaceURI === SOAP11_NS
        ? 'soap11'
        : first.namespaceURI === SOAP12_NS
          ? 'soap12'
          : undefined
      : undefined;
  return { xml: serializer.serializeToString(first), ...(envelope ? { envelope } : {}) };
}

/** Writes the result as the payload, with MI's content type for the media type. */
function write(ctx: MessageContext, out: string, media: PayloadMediaType): void {
  const before = mediaType(ctx.payload.contentType);
  if (media === 'xml') {
    // Parsed and written again, as MI builds the result into its object model: only the first
    // element counts, and text is written the way the serializer escapes it.
    const first = firstElement(out);
    ctx.payload = first.envelope
      ? payloadWithEnvelope(first.xml, first.envelope === 'soap12')
      : payloadWithBody(ctx.payload, first.xml, CONTENT_TYPE.xml);
    // MI keeps an XML messageType the message had and sets application/xml otherwise; the
    // formatter of that type then decides what is written (a POX message: the body's element).
    const target = XML_MESSAGE_TYPES.has(before) ? before : CONTENT_TYPE.xml;
    if (target !== before || mediaType(ctx.payload.contentType) !== target)
      ctx.setProperty('axis2', 'messageType', target);
  } else if (media === 'json') {
    // getNewJsonPayload takes a stream that starts like JSON; anything else is refused.
    if (!/^[{["tnf\-0-9]/.test(out)) throw new Error(`Error creating JSON Payload from source ${out}`);
    ctx.payload = payloadWithJson(out);
    ctx.setProperty('axis2', 'messageType', CONTENT_TYPE.json);
  } else {
    ctx.payload = payloadWithText(out);
    ctx.setProperty('axis2', 'messageType', CONTENT_TYPE.text);
  }
  ctx.setProperty('axis2', 'NO_ENTITY_BODY', undefined);
}

export const compilePayloadFactory: MediatorCompiler<'payloadFactory'> = (node, env) => {
  const v = node.values;
  if (v.templateType === 'FREEMARKER') throw new Error('template-type="freemarker" is not supported.');
  const media = v.mediaType;
  const escapeXmlChars = v.escapeXmlChars === true;
  const args = compileArgs(node, env);
  const key = v.format?.key;
  const inlineExprs = new Map<string, ReturnType<CompileEnv['expression']>>();
  const prepare = (format: ReadyFormat): ReadyFormat => {
    for (const s of format.slots)
      if (s.kind === 'inline' && !inlineExprs.has(s.source))
        inlineExprs.set(s.source, env.expression(`\${${s.source}}`, node));
    return format;
  };
  const mismatch = (ctx: MessageContext) =>
    env.bus.emit({
      kind: 'error',
      level: 'ERROR',
      category: 'RegexTemplateProcessor',
      text: '#replace. Mis-match detected between number of formatters and arguments',
      messageId: ctx.messageId,
    });
  const run = (ctx: MessageContext, format: ReadyFormat): boolean => {
    const out = fill(format, args, inlineExprs, media, escapeXmlChars, ctx, mismatch).trim();
    write(ctx, out, media);
    return true;
  };
  if (key?.kind === 'expression') {
    // A dynamic key: each entry's format is split the first time a message names it.
    const keyExpr = env.expression(key.source, node);
    const formats = new Map<string, ReadyFormat>();
    return (ctx) => {
      const k = keyExpr.string(ctx);
      let format = formats.get(k);
      if (!format) formats.set(k, (format = prepare(entryFormat(k, env))));
      return run(ctx, format);
    };
  }
  const format = prepare(key ? entryFormat(key.text, env) : inlineFormat(node, env, media));
  return (ctx) => run(ctx, format);
};
