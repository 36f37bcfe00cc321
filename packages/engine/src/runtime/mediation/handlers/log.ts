/**
 * Log mediator: snapshots what the line needs and emits an event; the text is rendered later,
 * off the message path, and only if someone reads it.
 */
import type { ListRow } from '../../../model/catalog/index.js';
import { formatPath } from '../../../model/mediators/mediator-types.js';
import type { EventLevel } from '../../../model/events.js';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import { renderLogText, type LogLevelName, type LogSnapshot } from '../../log/log-text.js';
import type { MessageContext } from '../../message/message-context.js';
import type { MediatorCompiler } from '../mediation-types.js';
import { compileTemplate } from './template.js';

type PropertyValue = { readonly name: string; readonly value?: string; readonly expr?: CompiledExpression };

/** The `{proxy:NAME} ` prefix MI adds from ARTIFACT_NAME (WebSocket contexts have none). */
export function artifactPrefix(ctx: MessageContext): string {
  const a = ctx.artifact;
  return a && (a.type === 'proxy' || a.type === 'api') ? `{${a.type}:${a.name}} ` : '';
}

export const compileLog: MediatorCompiler = (node, env) => {
  const v = node.values;
  const template = v.message !== undefined ? compileTemplate(String(v.message), node, env) : undefined;
  const logFull = String(v.logFullPayload ?? '').toLowerCase() === 'true';
  const level: LogLevelName = logFull
    ? 'full'
    : v.level !== undefined
      ? (String(v.level) as LogLevelName)
      : template
        ? 'template'
        : 'simple';
  const category = (String(v.category ?? 'INFO')
    .trim()
    .toUpperCase() || 'INFO') as EventLevel;
  const separator = String(v.separator ?? ', ')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
  const logMessageId = String(v.logMessageID ?? '').toLowerCase() === 'true';
  const props: PropertyValue[] = ((v.properties ?? []) as readonly ListRow[]).map((row) => {
    const name = row.name ?? '';
    if (row.value !== undefined) return { name, value: row.value };
    if (row.expression !== undefined) return { name, expr: env.expression(row.expression, node) };
    return { name, value: row.inlineXml ?? '' };
  });
  const mediatorPath = formatPath(node.path);
  const bus = env.bus;
  return (ctx) => {
    const properties: [string, string][] = props.map((p) => [
      p.name,
      p.value ?? safeString(p.expr as CompiledExpression, ctx),
    ]);
    const payload = ctx.payload;
    const snapshot: LogSnapshot = {
      level,
      separator,
      template: template?.(ctx),
      logMessageId,
      prefix: artifactPrefix(ctx),
      to: ctx.to ?? '',
      messageId: ctx.messageId,
      direction: ctx.response ? 'response' : 'request',
      correlationId: ctx.property('axis2', 'correlation_id') as string | undefined,
      soapAction: ctx.property('transport', 'SOAPAction') as string | undefined,
      properties,
      payload,
      passthroughText: ctx.frame === 'text',
    };
    bus.emit({
      kind: 'log',
      level: category,
      category: 'LogMediator',
      text: () => renderLogText(snapshot),
      ...(ctx.artifact ? { artifact: ctx.artifact } : {}),
      mediatorPath: `${env.artifactName}:${mediatorPath}`,
      messageId: snapshot.messageId,
      direction: snapshot.direction,
      ...(properties.length ? { properties: Object.fromEntries(properties) } : {}),
      payload: () => (payload.isJson() || ctx.frame ? payload.text() : payload.size ? payload.text() : ''),
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
