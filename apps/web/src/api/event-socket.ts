/**
 * The `/api/events` stream: one WebSocket that reconnects after a drop and resumes after the last
 * event it saw (`since`), so a restart of the server or a network blip loses nothing the
 * server's ring buffer still holds. Events are handed over in batches, at most every 50 ms, so
 * a burst of thousands of log lines is a few store updates rather than thousands.
 */
import type { EventsMessage, RuntimeEvent } from '@mediate/engine';

export interface EventSocketHandlers {
  /** The last seq seen, read at every (re)connect. */
  lastSeq(): number;
  onEvents(events: RuntimeEvent[]): void;
  onState(state: 'connecting' | 'open' | 'closed'): void;
}

/** The URL of the events socket for a given `since`. */
export function eventsUrl(loc: Pick<Location, 'protocol' | 'host'>, since: number): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/api/events${since >= 0 ? `?since=${since}` : ''}`;
}

/** Starts the stream; the returned function stops it. */
export function connectEvents(h: EventSocketHandlers): () => void {
  let ws: WebSocket | undefined;
  let stopped = false;
  let retry = 500;
  let timer: number | undefined;
  let flushTimer: number | undefined;
  let pending: RuntimeEvent[] = [];

  const flush = () => {
    flushTimer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length) h.onEvents(batch);
  };

  const open = () => {
    if (stopped) return;
    h.onState('connecting');
    const since = h.lastSeq();
    // The server replays events with seq > since; with none seen yet, it replays what it holds.
    ws = new WebSocket(eventsUrl(window.location, since));
    ws.onopen = () => {
      retry = 500;
      h.onState('open');
    };
    ws.onmessage = (m) => {
      if (typeof m.data !== 'string') return;
      try {
        const msg = JSON.parse(m.data) as EventsMessage;
        if (!Array.isArray(msg.events)) return;
        pending.push(...msg.events);
        flushTimer ??= window.setTimeout(flush, 50);
      } catch {
        // Not ours; ignore.
      }
    };
    ws.onclose = () => {
      ws = undefined;
      flush();
      if (stopped) return;
      h.onState('closed');
      timer = window.setTimeout(open, retry);
      retry = Math.min(retry * 2, 5000);
    };
  };

  open();
  return () => {
    stopped = true;
    if (timer !== undefined) window.clearTimeout(timer);
    if (flushTimer !== undefined) window.clearTimeout(flushTimer);
    ws?.close();
  };
}
