/**
 * The text of a log mediator line, per level, exactly as MI's LogMediator builds it
 * (synapse-semantics §2.2). Rendered lazily from a snapshot taken when the mediator ran.
 */
import type { Payload } from '../message/payload.js';

export type LogLevelName = 'simple' | 'headers' | 'full' | 'custom' | 'template';

/** What a log line needs, captured at the moment the mediator ran. */
export interface LogSnapshot {
  readonly level: LogLevelName;
  readonly separator: string;
  /** The message template with `${…}` already substituted. */
  readonly template?: string;
  readonly logMessageId: boolean;
  /** `{proxy:NAME} ` or `{api:NAME} ` or ''. */
  readonly prefix: string;
  readonly to: string;
  readonly messageId: string;
  readonly direction: 'request' | 'response';
  readonly correlationId?: string;
  readonly soapAction?: string;
  readonly properties: readonly (readonly [string, string])[];
  readonly payload: Payload;
  /** A pass-through text frame: shown as `Payload: <text>` (a deliberate deviation from MI). */
  readonly passthroughText: boolean;
}

function simpleParts(s: LogSnapshot): string[] {
  const parts: string[] = [];
  if (s.template !== undefined) parts.push(s.template);
  parts.push(`To: ${s.to}`);
  if (s.soapAction !== undefined) parts.push(`WSAction: ${s.soapAction}`, `SOAPAction: ${s.soapAction}`);
  parts.push(`MessageID: ${s.messageId}`);
  if (s.correlationId !== undefined) parts.push(`correlation_id: ${s.correlationId}`);
  parts.push(`Direction: ${s.direction}`);
  for (const [k, v] of s.properties) parts.push(`${k} = ${v}`);
  return parts;
}

function payloadPart(s: LogSnapshot): string {
  if (s.passthroughText || (s.payload.isJson() && s.payload.size > 0)) return `Payload: ${s.payload.text()}`;
  return `Envelope: ${s.payload.envelopeText()}`;
}

function trimLeadingSeparator(text: string, sep: string): string {
  return sep && text.startsWith(sep) ? text.slice(sep.length) : text;
}

/** Renders the line (without the `[time] LEVEL {LogMediator} - ` head). */
export function renderLogText(s: LogSnapshot): string {
  const sep = s.separator;
  let body: string;
  switch (s.level) {
    case 'simple':
      body = simpleParts(s).join(sep);
      break;
    case 'full':
      body = [...simpleParts(s), payloadPart(s)].join(sep);
      break;
    case 'headers': {
      let text = s.template ?? '';
      if (s.correlationId !== undefined) text += ` correlation_id : ${s.correlationId}`;
      for (const [k, v] of s.properties) text += `${sep}${k} = ${v}`;
      body = trimLeadingSeparator(text, sep);
      break;
    }
    case 'custom':
    case 'template': {
      const parts: string[] = [];
      if (s.logMessageId) {
        parts.push(`MessageID: ${s.messageId}`);
        if (s.correlationId !== undefined) parts.push(`correlation_id: ${s.correlationId}`);
      }
      if (s.level === 'template' && s.template !== undefined) parts.push(s.template);
      for (const [k, v] of s.properties) parts.push(`${k} = ${v}`);
      body = parts.join(sep);
      break;
    }
  }
  return s.prefix + body;
}
