/**
 * Runtime events for the Logs tab. The array is appended in place: copying 100k events per batch
 * would make a busy stream quadratic. Subscribers watch `logVersion` instead of the array.
 */
import type { StateCreator } from 'zustand';
import type { LogsSlice, Studio, StudioInternals } from './studio-types.js';

/** Lines kept; past this the oldest quarter is dropped. */
export const LOG_LIMIT = 200_000;

export const createLogsSlice: StateCreator<Studio & StudioInternals, [], [], LogsSlice> = (set, get) => ({
  events: [],
  logVersion: 0,
  logEpoch: 0,
  lastSeq: -1,
  socket: 'closed',
  resuming: false,
  paused: false,
  filter: { level: 'TRACE', artifact: '', text: '' },
  appendEvents(batch) {
    if (!batch.length) return;
    const s = get();
    let events = s.events;
    let epoch = s.logEpoch;
    let lastSeq = s.lastSeq;
    // Resumed with since=lastSeq, a server sends only newer events; an older seq first means the
    // server restarted and numbers from scratch, so its events are new to us.
    if (s.resuming && (batch[0]?.seq ?? 0) <= lastSeq) lastSeq = -1;
    for (const e of batch) {
      // A resumed stream may repeat what we have; keep each seq once.
      if (e.seq <= lastSeq && e.kind !== 'dropped') continue;
      events.push(e);
      if (e.seq > lastSeq) lastSeq = e.seq;
    }
    if (events.length > LOG_LIMIT) {
      events = events.slice(Math.floor(LOG_LIMIT / 4));
      epoch++;
    }
    set({ events, logEpoch: epoch, lastSeq, logVersion: s.logVersion + 1, resuming: false });
  },
  clearLogs() {
    set({ events: [], logEpoch: get().logEpoch + 1, logVersion: get().logVersion + 1 });
  },
  setPaused(paused) {
    set({ paused });
  },
  setFilter(f) {
    set({ filter: { ...get().filter, ...f } });
  },
  setSocket(socket) {
    set(socket === 'open' ? { socket, resuming: true } : { socket });
  },
});
