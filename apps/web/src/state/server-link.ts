/**
 * Whether the server can be reached, as the studio tells the user: the top bar says "Server
 * offline — reconnecting" and disables what needs the server; an action tried anyway (a keyboard
 * shortcut) gets one toast, never one per failed request. The live-data poll notices the server
 * is back and calls `markOnline`.
 */
import { isUnreachable } from '../api/client.js';
import type { StudioStore } from './store.js';

/** The key of the one toast about the server being unreachable. */
export const OFFLINE_TOAST_KEY = 'offline';

/** What the top bar's runtime status says while the server cannot be reached. */
export const OFFLINE_TEXT = 'Server offline — reconnecting';

function offlineToast(store: StudioStore): void {
  const connecting = store.getState().server === 'connecting';
  store.getState().toast({
    key: OFFLINE_TOAST_KEY,
    kind: 'error',
    title: connecting ? 'Still connecting to the server' : OFFLINE_TEXT,
    detail: connecting
      ? 'Try again in a moment.'
      : 'Your changes are kept in this browser. Save and deploy work again once the server is back.',
  });
}

/** Marks the server unreachable (the poll keeps trying and brings it back). */
export function markOffline(store: StudioStore): void {
  const s = store.getState();
  if (s.server !== 'offline') s.setServer('offline');
  if (s.runtime) s.setRuntime(undefined);
}

/** Marks the server reachable again and takes back the offline toast. */
export function markOnline(store: StudioStore): void {
  const s = store.getState();
  if (s.server !== 'online') s.setServer('online');
  s.dismissKey(OFFLINE_TOAST_KEY);
}

/**
 * True when the server is online. Otherwise says so (one toast, replacing any earlier one) and
 * returns false: for actions reached by keyboard while their buttons are disabled.
 */
export function requireServer(store: StudioStore): boolean {
  if (store.getState().server === 'online') return true;
  offlineToast(store);
  return false;
}

/**
 * For the catch of a server call: when the server could not be reached, marks it offline, shows
 * the one offline toast and returns true (the caller shows nothing more); else false.
 */
export function handleUnreachable(store: StudioStore, e: unknown): boolean {
  if (!isUnreachable(e)) return false;
  markOffline(store);
  offlineToast(store);
  return true;
}
