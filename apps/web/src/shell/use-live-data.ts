/**
 * The studio's live connections: the first load, the event stream, runtime status polled every
 * second while the tab is visible, which also notices the server going away (the top bar then
 * says so) and coming back (the studio reloads what changed meanwhile and reconnects the stream).
 */
import { useEffect } from 'react';
import { api, isUnreachable } from '../api/client.js';
import { connectEvents } from '../api/event-socket.js';
import { noteDiskEvents } from '../state/disk-changes.js';
import { startPersistence } from '../state/persistence.js';
import { loadWorkspace } from '../state/server-actions.js';
import { markOffline, markOnline } from '../state/server-link.js';
import { describeSync, syncFromServer } from '../state/server-sync.js';
import { studio } from '../state/store.js';

/** Reloads what the server changed while the studio was not looking; says so when it did anything. */
async function catchUp(label: string): Promise<void> {
  const r = await syncFromServer(studio, label);
  if (r.reloaded.length || r.conflicts.length || r.unreadable.length || r.configKept)
    studio.getState().toast({ kind: 'info', title: 'Reloaded from the server', detail: describeSync(r) });
}

export function useLiveData(): void {
  useEffect(() => {
    let stopPersist: (() => void) | undefined;
    let poll: () => Promise<void> = async () => undefined;
    // Whether the workspace ever came from the server: then a reconnect syncs (keeping the undo
    // history and local edits) instead of loading from scratch.
    let loaded = false;
    // Changes on disk before this are in the first load (the stream replays recent events).
    const openedAt = Date.now();
    void loadWorkspace(studio).finally(() => {
      loaded = studio.getState().server === 'online';
      stopPersist = startPersistence(studio);
      // Show the runtime's state at once rather than "Not deployed" until the first tick.
      void poll();
    });
    const events = connectEvents({
      lastSeq: () => studio.getState().lastSeq,
      boot: () => studio.getState().boot,
      onHello: (boot) => {
        const before = studio.getState().boot;
        studio.getState().serverHello(boot);
        // Restarted between two polls: its files may differ from what the studio last saw.
        if (before && before !== boot && loaded && studio.getState().server === 'online')
          void catchUp('Reload from server').catch(() => undefined);
      },
      onEvents: (batch) => {
        studio.getState().appendEvents(batch);
        // Outside edits after the first load: the "Changed on disk" notice offers a reload.
        noteDiskEvents(batch, openedAt);
      },
      onState: (state) => {
        studio.getState().setSocket(state);
        // A dropped stream is the first sign of a stopped server: check now, not at the next tick.
        if (state === 'closed') void poll();
      },
    });
    let busy = false;
    poll = async () => {
      if (busy || document.visibilityState !== 'visible') return;
      busy = true;
      try {
        if (studio.getState().server === 'offline') {
          // Back online: bring the workspace up to date, merging what was edited meanwhile.
          await api.health();
          if (loaded) {
            await catchUp('Reload from server');
            markOnline(studio);
          } else {
            await loadWorkspace(studio);
            loaded = studio.getState().server === 'online';
          }
          events.reconnectNow();
        }
        studio.getState().setRuntime(await api.runtime());
      } catch (e) {
        if (isUnreachable(e)) markOffline(studio);
        else if (studio.getState().server === 'online') studio.getState().setRuntime(undefined);
      } finally {
        busy = false;
      }
    };
    const timer = window.setInterval(() => void poll(), 1000);
    return () => {
      stopPersist?.();
      events.stop();
      window.clearInterval(timer);
    };
  }, []);
}
