/**
 * The studio's live connections: the first load, the event stream, runtime status polled every
 * second while the tab is visible, and a health check that notices the server coming back.
 */
import { useEffect } from 'react';
import { api } from '../api/client.js';
import { connectEvents } from '../api/event-socket.js';
import { startPersistence } from '../state/persistence.js';
import { loadWorkspace } from '../state/server-actions.js';
import { studio } from '../state/store.js';

export function useLiveData(): void {
  useEffect(() => {
    let stopPersist: (() => void) | undefined;
    let poll: () => Promise<void> = async () => undefined;
    void loadWorkspace(studio).finally(() => {
      stopPersist = startPersistence(studio);
      // Show the runtime's state at once rather than "Not deployed" until the first tick.
      void poll();
    });
    const stopEvents = connectEvents({
      lastSeq: () => studio.getState().lastSeq,
      onEvents: (events) => studio.getState().appendEvents(events),
      onState: (state) => studio.getState().setSocket(state),
    });
    let busy = false;
    poll = async () => {
      if (busy || document.visibilityState !== 'visible') return;
      busy = true;
      try {
        const s = studio.getState();
        if (s.server === 'offline') {
          // Back online: load again, merging what was edited meanwhile.
          await api.health();
          await loadWorkspace(studio);
        }
        studio.getState().setRuntime(await api.runtime());
      } catch {
        if (studio.getState().server === 'online') studio.getState().setRuntime(undefined);
      } finally {
        busy = false;
      }
    };
    const timer = window.setInterval(() => void poll(), 1000);
    return () => {
      stopPersist?.();
      stopEvents();
      window.clearInterval(timer);
    };
  }, []);
}
