/** Whether a WebSocket gets in: for tests of connection limits. */
import WebSocket from 'ws';

/** Resolves true when a WebSocket to `url` opens (it is closed at once), false when refused. */
export function wsOpens(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.terminate();
      resolve(true);
    });
    ws.once('error', () => resolve(false));
  });
}
