/**
 * Log mediator: snapshots what the line needs and emits an event; the text is rendered later,
 * off the message path, and only if someone reads it.
 */
import type { Element } from '@xmldom/xmldom';
import { formatPath } from '../../../model/mediators/mediator-types.js';
import { childElement, childElements, textContent } from '../../../model/xml/xml-query.js';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import { renderLogText, type LogLevelName, type LogSnapshot } from '../../log/log-text.js';
import type { MessageContext } from '../../message/message-context.js';
import { SOAP11_NS, SOAP12_NS } from '../../message/payload.js';
import type { MediatorCompiler } from '../mediation-types.js';
import { compileTemplate } from './template.js';

type PropertyValue = { readonly name: string; readonly value?: string; readonly expr?: CompiledExpression };

/**
 * The prefix MI's LoggingUtils adds from ARTIFACT_NAME: `{proxy:NAME} ` or `{api:NAME} `;
 * WebSocket contexts have none. A message-template log in an API also shows the entry point,
 * `{api:NAME METHOD /full/path?query} ` (LOG_ENTRY_POINT_INFO).
 */
export function artifactPrefix(ctx: MessageContext, entryPoint = false): string {
  const a = ctx.artifact;
  if (!a || (a.type !== 'proxy' && a.type !== 'api')) return '';
  if (a.type === 'api' && entryPoint) {
    const method = ctx.property('default', 'REST_METHOD');
    const path = ctx.property('default', 'REST_FULL_REQUEST_PATH');
    const info = [
      `api:${a.name}`,
      typeof method === 'string' ? method : '',
      typeof path === 'string' ? path : '',
    ]
      .join(' ')
      .trim();
    return `{${info}} `;
  }
  return `{${a.type}:${a.name}} `;
}

/** `localName : text` of each SOAP header block (Axiom's `getText()`: direct text children). */
function headerBlocks(ctx: MessageContext): [string, string][] {
  const env = ctx.envelope().documentElement;
  const blocks: [string, string][] = [];
  for (let h = env?.firstChild; h; h = h.nextSibling) {
    const header = h as Element;
    if (header.nodeType !== 1 || header.localName !== 'Header') continue;
    if (header.namespaceURI !== SOAP11_NS && header.namespaceURI !== SOAP12_NS) continue;
    for (let b = header.firstChild; b; b = b.nextSibling) {
      if (b.nodeType !== 1) continue;
      let text = '';
      for (let t = b.firstChild; t; t = t.nextSibling)
        if (t.nodeType === 3 || t.nodeType === 4) text += (t as unknown as { data: string }).data;
      blocks.push([(b as Element).localName ?? '', text]);
    }
  }
  return blocks;
}

/** Synapse's getSoapAction(): the SOAPAction header without its quotes. */
function soapActionOf(ctx: MessageContext): string | undefined {
  const v = ctx.property('transport', 'SOAPAction');
  if (typeof v !== 'string') return undefined;
  const unquoted = v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  return unquoted === '' ? undefined : unquoted;
}

/** The separator or template as LogMediator stores it: a literal `\n` or `\t` becomes the character. */
function unescape(text: string): string {
  return text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}

export const compileLog: MediatorCompiler<'log'> = (node, env) => {
  const v = node.values;
  // The template as written (Axiom's getText(), not trimmed).
  const messageEl = childElement(node.element, 'message');
  const template =
    messageEl !== undefined ? compileTemplate(unescape(textContent(messageEl)), node, env) : undefined;
  // Without a level, a log with a message template logs the template alone (MI 4.4); the
  // catalog's default (simple) is for a log without one.
  const level: LogLevelName = v.logFullPayload
    ? 'full'
    : node.written.level === undefined && template
      ? 'template'
      : v.level;
  const category = v.category;
  const separator = unescape(v.separator);
  const logMessageId = v.logMessageID === true;
  const propertyElements = childElements(node.element, 'property');
  const props: PropertyValue[] = v.properties.map((row, i) => {
    const name = row.name;
    if (row.value !== undefined) return { name, value: row.value };
    if (row.expression !== undefined)
      return { name, expr: env.expression(row.expression, node, propertyElements[i]) };
    return { name, value: row.inlineXml ?? '' };
  });
  const mediatorPath = formatPath(node.path);
  const bus = env.bus;
  return (ctx) => {
    const properties: [string, string][] = props.map((p) => [
      p.name,
      p.value ?? safeString(p.expr as CompiledExpression, ctx),
    ]);
    const full = level === 'full';
    const payload = ctx.payload;
    const correlationId = ctx.property('axis2', 'correlation_id');
    const soapAction = soapActionOf(ctx);
    const snapshot: LogSnapshot = {
      level,
      separator,
      template: template?.(ctx) ?? '',
      logMessageId,
      prefix: artifactPrefix(ctx, level === 'template'),
      to: ctx.to ?? '',
      messageId: ctx.messageId,
      direction: ctx.response ? 'response' : 'request',
      correlationId:
        correlationId !== undefined && correlationId !== null ? String(correlationId) : undefined,
      wsAction: soapAction,
      soapAction,
      headerBlocks: level === 'headers' ? headerBlocks(ctx) : [],
      properties,
      // Only a full line shows the payload: the others must not keep a message's body alive
      // until their line is rendered.
      payload: full ? payload : undefined,
      passthroughText: ctx.frame === 'text',
    };
    bus.emit({
      kind: 'log',
      level: category,
      category: 'LogMediator',
      text: () => renderLogText(snapshot),
      artifact: ctx.artifact,
      mediatorPath: `${env.artifactName}:${mediatorPath}`,
      messageId: snapshot.messageId,
      direction: snapshot.direction,
      properties: properties.length ? Object.fromEntries(properties) : undefined,
      // Only a full log carries the payload (as MI's line does): holding every logged message's
      // body in the replay ring would keep it alive, and copying it costs the message path.
      payload: full ? (max: number) => payload.textPrefix(max) : undefined,
    });
    return true;
  };
};

/** An expression's string value; an evaluation error shows as the value rather than failing. */
function safeString(expr: CompiledExpression, ctx: MessageContext): string {
  try {
    return expr.string(ctx);
  } catch (e) {
    return `<error: ${(e as Error).message}>`;
  }
}
