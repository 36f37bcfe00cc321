/**
 * The text of a log mediator line, per level, exactly as MI's LogMediator builds it
 * (synapse-semantics §2.2; SYN master `LogMediator.get*LogMessage`). Rendered lazily from a
 * snapshot taken when the mediator ran.
 */
import type { Payload } from '../message/payload.js';

export type LogLevelName = 'simple' | 'headers' | 'full' | 'custom' | 'template';

/** What a log line needs, captured at the moment the mediator ran. */
export interface LogSnapshot {
  readonly level: LogLevelName;
  readonly separator: string;
  /** The message template with `${…}` already substituted ('' when there is none). */
  readonly template: string;
  readonly logMessageId: boolean;
  /** `{proxy:NAME} `, `{api:NAME} `, `{api:NAME METHOD /path} ` or ''. */
  readonly prefix: string;
  readonly to: string;
  readonly messageId: string;
  readonly direction: 'request' | 'response';
  readonly correlationId: string | undefined;
  readonly wsAction: string | undefined;
  readonly soapAction: string | undefined;
  /** SOAP header blocks as `[localName, text]` (read for the headers level only). */
  readonly headerBlocks: readonly (readonly [string, string])[];
  readonly properties: readonly (readonly [string, string])[];
  /** The payload, for the full level only. */
  readonly payload: Payload | undefined;
  /** A pass-through text frame: shown as `Payload: <text>` (a deliberate deviation from MI). */
  readonly passthroughText: boolean;
}

/** `setCustomProperties`: each property with a leading separator. */
function customProperties(s: LogSnapshot): string {
  let sb = '';
  for (const [k, v] of s.properties) sb += `${s.separator}${k} = ${v}`;
  return sb;
}

function trimLeadingSeparator(text: string, sep: string): string {
  return sep && text.startsWith(sep) ? text.slice(sep.length) : text;
}

/** `getSimpleLogMessage`. */
function simpleText(s: LogSnapshot): string {
  const sep = s.separator;
  let sb = s.template;
  if (sb.length > 0) sb += sep;
  sb += `To: ${s.to}`;
  if (s.wsAction !== undefined) sb += `${sep}WSAction: ${s.wsAction}`;
  if (s.soapAction !== undefined) sb += `${sep}SOAPAction: ${s.soapAction}`;
  sb += `${sep}MessageID: ${s.messageId}`;
  if (s.correlationId !== undefined) sb += `${sep}correlation_id: ${s.correlationId}`;
  sb += `${sep}Direction: ${s.direction}`;
  return trimLeadingSeparator(sb + customProperties(s), sep);
}

/** `getHeadersLogMessage`: note the correlation ID is appended with a space, not the separator. */
function headersText(s: LogSnapshot): string {
  let sb = s.template;
  if (s.correlationId !== undefined) sb += ` correlation_id : ${s.correlationId}`;
  for (const [name, text] of s.headerBlocks) sb += `${s.separator}${name} : ${text}`;
  return trimLeadingSeparator(sb + customProperties(s), s.separator);
}

/** `getFullLogMessage`: the simple text, then the JSON payload or the envelope. */
function fullText(s: LogSnapshot): string {
  const p = s.payload;
  const payload =
    p === undefined
      ? ''
      : s.passthroughText || (p.isJson() && p.size > 0)
        ? `Payload: ${p.text()}`
        : `Envelope: ${p.envelopeText()}`;
  return trimLeadingSeparator(`${simpleText(s)}${s.separator}${payload}`, s.separator);
}

/**
 * `getCustomLogMessage` (custom and message-template levels). With logMessageID the ID block
 * is followed by a separator even when the template is empty, so a custom log with properties
 * prints MI's `…, , name = value`.
 */
function customText(s: LogSnapshot): string {
  const sep = s.separator;
  let sb = '';
  if (s.logMessageId) {
    sb += `MessageID: ${s.messageId}`;
    if (s.correlationId !== undefined) sb += `${sep}correlation_id: ${s.correlationId}`;
    if (sb.length > 0) sb += sep;
  }
  sb += s.template;
  return trimLeadingSeparator(sb + customProperties(s), sep);
}

/** Renders the line (without the `[time] LEVEL {LogMediator} - ` head). */
export function renderLogText(s: LogSnapshot): string {
  switch (s.level) {
    case 'simple':
      return s.prefix + simpleText(s);
    case 'headers':
      return s.prefix + headersText(s);
    case 'full':
      return s.prefix + fullText(s);
    case 'custom':
    case 'template':
      return s.prefix + customText(s);
  }
}
