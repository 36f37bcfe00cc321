/**
 * Runtime events as the studio and the API see them (JSON). Browser-safe: the studio imports
 * these types.
 */

export type EventLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/** Levels in order of severity, for filtering. */
export const EVENT_LEVEL_RANK: Readonly<Record<EventLevel, number>> = {
  TRACE: 0,
  DEBUG: 1,
  INFO: 2,
  WARN: 3,
  ERROR: 4,
  FATAL: 5,
};

export type EventKind =
  | 'log'
  | 'deployed'
  | 'undeployed'
  | 'deploy.failed'
  | 'listener.started'
  | 'listener.stopped'
  | 'client.connected'
  | 'client.closed'
  | 'backend.connected'
  | 'backend.closed'
  | 'error'
  | 'warning'
  | 'dropped'
  /** The project's files were changed by another editor; `properties.files` lists them. */
  | 'disk.changed';

/** One runtime event: a log mediator line or something the runtime did. */
export interface RuntimeEvent {
  /** Increasing per runtime; resume with `since`. */
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly time: number;
  readonly kind: EventKind;
  readonly level: EventLevel;
  /** The logger's short name as MI prints it: `LogMediator`, `InboundEndpoint`, … */
  readonly category: string;
  /** The message in MI's format (what follows `{LogMediator} - `). */
  readonly text: string;
  readonly artifact?: { readonly type: string; readonly name: string };
  /** The mediator that wrote a log line, as `formatPath` gives it. */
  readonly mediatorPath?: string;
  readonly messageId?: string;
  readonly direction?: 'request' | 'response';
  /** The log mediator's custom properties, evaluated. */
  readonly properties?: Readonly<Record<string, string>>;
  /** A copy of the payload, capped (see `payloadTruncated`). */
  readonly payload?: string;
  readonly payloadTruncated?: boolean;
  /** For `dropped`: how many events this subscriber missed. */
  readonly missed?: number;
}

/** The last second formatted (epoch seconds) and its `yyyy-MM-dd HH:mm:ss`: lines come in bursts. */
let stampSecond = NaN;
let stampText = '';

/** MI's console line for an event: `[2024-08-15 09:58:52,066]  INFO {LogMediator} - …`. */
export function formatEventLine(e: Pick<RuntimeEvent, 'time' | 'level' | 'category' | 'text'>): string {
  const second = Math.floor(e.time / 1000);
  if (second !== stampSecond) {
    // Time zones are whole seconds from UTC, so a local second starts when an epoch second does.
    const d = new Date(second * 1000);
    const p = (n: number) => String(n).padStart(2, '0');
    stampText = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    stampSecond = second;
  }
  const ms = e.time - second * 1000;
  const millis = ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : `${ms}`;
  return `[${stampText},${millis}] ${e.level.padStart(5)} {${e.category}} - ${e.text}`;
}
