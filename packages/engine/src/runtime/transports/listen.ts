/**
 * Binding and closing servers with messages a person can act on.
 */
import type { Server } from 'node:http';
import type { WebSocket } from 'ws';

/** Listens on a port; rejects with a clear message when that is impossible. */
export function listen(server: Server, port: number, host: string, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const why =
        err.code === 'EADDRINUSE'
          ? 'the port is already in use'
          : err.code === 'EACCES'
            ? 'permission denied (ports below 1024 need privileges)'
            : err.message;
      reject(new Error(`${label} cannot listen on port ${port}: ${why}.`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Stops a server: WebSocket clients already sent a close frame get a moment to answer, then
 * whatever is left is cut, so stopping never hangs.
 */
export async function closeServer(
  server: Server,
  sockets: readonly WebSocket[] = [],
  graceMs = 500,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  if (sockets.length) {
    await Promise.race([
      Promise.all(
        sockets.map((ws) =>
          ws.readyState === ws.CLOSED ? undefined : new Promise<void>((r) => ws.once('close', () => r())),
        ),
      ),
      new Promise((r) => setTimeout(r, graceMs).unref()),
    ]);
    for (const ws of sockets) if (ws.readyState !== ws.CLOSED) ws.terminate();
  }
  server.closeAllConnections();
  await closed;
}
