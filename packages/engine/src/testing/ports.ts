/**
 * Ports for tests and the bench: one free on loopback now (the kernel picks it), or whether a
 * given one is free. Every suite uses these, so tests never collide on fixed ports.
 */
import net from 'node:net';

/** Ports handed out by this process, so two callers never get the same one. */
const handedOut = new Set<number>();

/**
 * A TCP port nothing listens on right now on `host` (127.0.0.1), at least `min`. There is a short
 * window in which another process could take it; far smaller than the chance of colliding with a
 * fixed port.
 */
export async function freePort(
  options: { readonly min?: number; readonly host?: string } = {},
): Promise<number> {
  const { min = 1024, host = '127.0.0.1' } = options;
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, host, () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    if (port >= min && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port at or above ${min} after 100 tries`);
}

/** True when `port` can be bound on `host` (127.0.0.1, where Mediate listens) right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
