/**
 * Runtime events for the Logs tab. The array is appended in place: copying 100k events per batch
 * would make a busy stream quadratic. Subscribers watch `logVersion` instead of the array.
 *
 * A server restart is seen in the stream's first message (a new `boot` id). The old lines stay;
 * a "Server restarted" line separates them from the new process's, whose seqs (numbered from 1
 * again by the server) are shifted past it, so the studio's seqs keep increasing.
 */
import type { StateCreator } from 'zustand';
import type { LogEvent, LogsSlice, Studio, StudioInternals } from './studio-types.js';

/** Lines kept; past this the oldest quarter is dropped. */
export const LOG_LIMIT = 200_000;

/** The text of the line that marks a server restart. */
export const RESTART_TEXT = 'Server restarted: the lines below come from the new server process.';

export const createLogsSlice: StateCreator<Studio & StudioInternals, [], [], LogsSlice> = (set, get) => ({
  events: [],
  logVersion: 0,
  logEpoch: 0,
  lastSeq: -1,
  seqOffset: 0,
  socket: 'closed',
  paused: false,
  filter: { level: 'TRACE', artifact: '', text: '' },
  appendEvents(batch) {
    if (!batch.length) return;
    const s = get();
    let events = s.events;
    let epoch = s.logEpoch;
    let lastSeq = s.lastSeq;
    const offset = s.seqOffset;
    for (const e of batch) {
      // A resumed stream may repeat what we have; keep each seq once.
      if (e.seq <= lastSeq && e.kind !== 'dropped') continue;
      // Shifted only after a restart: the usual case stays one push per event, no copy.
      events.push(offset && e.kind !== 'dropped' ? { ...e, seq: e.seq + offset } : e);
      if (e.seq > lastSeq) lastSeq = e.seq;
    }
    if (events.length > LOG_LIMIT) {
      events = events.slice(Math.floor(LOG_LIMIT / 4));
      epoch++;
    }
    set({ events, logEpoch: epoch, lastSeq, logVersion: s.logVersion + 1 });
  },
  serverHello(boot) {
    const s = get();
    if (s.boot === boot) return;
    if (s.boot === undefined) {
      set({ boot });
      return;
    }
    // A new process numbers from 1 again (and the server replays it from its start, having been
    // given the old boot id with `since`).
    const last = Math.max(s.events.at(-1)?.seq ?? 0, s.seqOffset + Math.max(s.lastSeq, 0));
    const mark: LogEvent = {
      seq: last + 1,
      time: Date.now(),
      kind: 'warning',
      level: 'WARN',
      category: 'Studio',
      text: RESTART_TEXT,
      restart: true,
    };
    s.events.push(mark);
    set({ boot, lastSeq: -1, seqOffset: mark.seq, logVersion: s.logVersion + 1 });
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
    set({ socket });
  },
});
