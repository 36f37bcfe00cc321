/**
 * `/api/events`: every runtime event as JSON, a replay of recent events first (`?since=<seq>`
 * resumes), in batches of at most one message per `EVENTS_BATCH_MS`. The first message names
 * this server process (`boot`); a client resuming with another process's `boot` gets everything
 * from this process's start instead, since its `since` counts another process's events. A slow client never slows
 * the runtime: while its socket is backed up, events queue in the bus (bounded) and it is told
 * how many it lost.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EventsMessage, RuntimeEvent } from '@mediate/engine';
import type { Runtime } from '@mediate/engine/runtime';
import { WebSocketServer, type WebSocket } from 'ws';
import { authorized, crossSiteRefusal } from './auth.js';

/** Bytes buffered on a socket before the subscriber waits for it to drain. */
const HIGH_WATER = 1024 * 1024;
/**
 * How long a subscriber may take nothing from its socket before it is closed (1008). Its memory
 * is bounded anyway (one batch past the high-water mark; the bus drops its oldest events), but a
 * client that reads nothing for this long is gone, and its connection is let go.
 */
export const EVENTS_STALL_MS = 60_000;

/**
 * A client gets at most one message per this many milliseconds, so a busy runtime's events go out
 * as one frame per interval instead of one per message. Well under the 200 ms within which a log
 * line must reach the studio.
 */
export const EVENTS_BATCH_MS = 25;

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\nConnection: close\r\n\r\n${reason}`,
  );
}

/**
 * Waits until the socket's buffer is below the high-water mark (or it closed); closes a client
 * that takes nothing for `stallMs`.
 */
function drained(ws: WebSocket, stallMs: number): Promise<void> {
  return new Promise((resolve) => {
    let last = ws.bufferedAmount;
    let since = Date.now();
    const check = () => {
      if (ws.readyState === ws.OPEN && ws.bufferedAmount < last) {
        last = ws.bufferedAmount;
        since = Date.now();
      } else if (ws.readyState === ws.OPEN && Date.now() - since > stallMs) {
        ws.close(1008, 'Event stream not read');
        setTimeout(() => ws.terminate(), 1000).unref();
      }
      if (ws.bufferedAmount < HIGH_WATER || ws.readyState !== ws.OPEN) {
        clearInterval(timer);
        // Without this, a client that is often slow collects one 'close' listener per wait
        // (a leak, and Node's MaxListenersExceededWarning after ten).
        ws.off('close', check);
        resolve();
      }
    };
    const timer = setInterval(check, 20);
    ws.once('close', check);
  });
}

/** Internal settings of the event stream (tests shorten them; the product uses the defaults). */
export interface EventsSocketOptions {
  /** How long a subscriber may take nothing before it is closed (default {@link EVENTS_STALL_MS}). */
  readonly stallMs?: number;
}

export class EventsSocket {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4096 });
  private readonly stallMs: number;

  constructor(
    private readonly runtime: Runtime,
    private readonly bootId: string,
    private readonly token: string | undefined,
    options: EventsSocketOptions = {},
  ) {
    this.stallMs = options.stallMs ?? EVENTS_STALL_MS;
  }

  /** Subscribers connected now. */
  get clientCount(): number {
    return this.wss.clients.size;
  }

  /** Handles an upgrade to `/api/events`; returns false when the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/events') return false;
    socket.on('error', () => undefined);
    // A foreign Origin, or (without a token) a Host that is not loopback: see crossSiteRefusal.
    if (crossSiteRefusal(req, this.token)) {
      refuse(socket, 403, 'Forbidden: cross-origin event stream');
      return true;
    }
    if (!authorized(req, this.token)) {
      refuse(socket, 401, 'Unauthorized: a token is required');
      return true;
    }
    const sinceParam = url.searchParams.get('since');
    const boot = url.searchParams.get('boot');
    let since = sinceParam !== null && /^\d+$/.test(sinceParam) ? Number(sinceParam) : undefined;
    // Numbers from another process mean nothing here: replay from this process's first event
    // (0 rather than none, so the client hears of any events already gone from the ring).
    if (since !== undefined && boot !== null && boot !== this.bootId) since = 0;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, since));
    return true;
  }

  private attach(ws: WebSocket, since: number | undefined): void {
    // Sent before any event (the subscription below delivers from a later tick at the earliest).
    const hello: EventsMessage = { events: [], boot: this.bootId };
    ws.send(JSON.stringify(hello));
    const unsubscribe = this.runtime.events.subscribe(
      (_events: readonly RuntimeEvent[], json?: string) => {
        if (ws.readyState !== ws.OPEN) return;
        // An EventsMessage, from each event's JSON as the bus caches it (serialized once for
        // every studio and every replay).
        ws.send(`{"events":${json ?? '[]'}}`);
        if (ws.bufferedAmount >= HIGH_WATER) return drained(ws, this.stallMs);
        return undefined;
      },
      { batchMs: EVENTS_BATCH_MS, json: true, ...(since !== undefined ? { since } : {}) },
    );
    ws.on('close', unsubscribe);
    ws.on('error', () => undefined);
    // The stream is one-way; anything the client sends is ignored.
    ws.on('message', () => undefined);
  }

  close(): void {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
  }
}
