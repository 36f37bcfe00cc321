/**
 * The `/api/events` stream: one WebSocket that reconnects after a drop and resumes after the last
 * event it saw (`since`, with the `boot` id of the server process that numbered it), so a network
 * blip loses nothing the server's ring buffer still holds, and a restarted server (a new boot id,
 * numbering from 1 again) replays everything from its own start. Events are handed over in
 * batches, at most every 50 ms, so a burst of thousands of log lines is a few store updates
 * rather than thousands.
 */
import type { EventsMessage, RuntimeEvent } from '@mediate/engine';

export interface EventSocketHandlers {
  /** The last seq seen, read at every (re)connect. */
  lastSeq(): number;
  /** The boot id of the server that numbered `lastSeq`, read at every (re)connect. */
  boot(): string | undefined;
  /** The first message of each connection: the boot id of the server now on the other end. */
  onHello(boot: string): void;
  onEvents(events: RuntimeEvent[]): void;
  onState(state: 'connecting' | 'open' | 'closed'): void;
}

/** The URL of the events socket for a given `since` (and the server it counts from). */
export function eventsUrl(loc: Pick<Location, 'protocol' | 'host'>, since: number, boot?: string): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  const query = since >= 0 ? `?since=${since}${boot ? `&boot=${encodeURIComponent(boot)}` : ''}` : '';
  return `${scheme}://${loc.host}/api/events${query}`;
}

/** A running stream. */
export interface EventStream {
  stop(): void;
  /** Tries again now instead of at the end of the back-off (the server is known to be back). */
  reconnectNow(): void;
}

/** Starts the stream. */
export function connectEvents(h: EventSocketHandlers): EventStream {
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
    ws = new WebSocket(eventsUrl(window.location, since, h.boot()));
    ws.onopen = () => {
      retry = 500;
      h.onState('open');
    };
    ws.onmessage = (m) => {
      if (typeof m.data !== 'string') return;
      try {
        const msg = JSON.parse(m.data) as EventsMessage;
        if (!Array.isArray(msg.events)) return;
        if (typeof msg.boot === 'string') {
          // Whatever came before belongs to the previous connection: hand it over first.
          if (flushTimer !== undefined) window.clearTimeout(flushTimer);
          flush();
          h.onHello(msg.boot);
        }
        pending.push(...msg.events);
        flushTimer ??= window.setTimeout(flush, 50);
      } catch {
        // Not ours; ignore.
      }
    };
    ws.onclose = () => {
      ws = undefined;
      if (flushTimer !== undefined) window.clearTimeout(flushTimer);
      flush();
      if (stopped) return;
      h.onState('closed');
      timer = window.setTimeout(() => {
        timer = undefined;
        open();
      }, retry);
      retry = Math.min(retry * 2, 5000);
    };
  };

  open();
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) window.clearTimeout(timer);
      if (flushTimer !== undefined) window.clearTimeout(flushTimer);
      ws?.close();
    },
    reconnectNow() {
      if (stopped || ws || timer === undefined) return;
      window.clearTimeout(timer);
      timer = undefined;
      retry = 500;
      open();
    },
  };
}
