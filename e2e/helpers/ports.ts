/**
 * Port checks for the journeys: the quick start needs the fixed ports a user gets, the other
 * specs take free ones so they never collide with a running `mediate start`.
 */
import net from 'node:net';

/** True when `port` can be bound on 127.0.0.1 (where Mediate listens) right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Throws one clear message naming every busy port (and what it is for), so a run on a machine
 * where Mediate or the sample back end is already running says so instead of timing out.
 */
export async function assertPortsFree(ports: Readonly<Record<string, number>>): Promise<void> {
  const busy: string[] = [];
  for (const [what, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) busy.push(`${port} (${what})`);
  }
  if (busy.length)
    throw new Error(
      `Port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} ${busy.length > 1 ? 'are' : 'is'} already in use on ` +
        '127.0.0.1. The quick-start journey runs `mediate start` exactly as a user does, on its fixed ports: ' +
        'stop whatever listens there (another `mediate start` or `mediate backend`?) and run again.',
    );
}

const handedOut = new Set<number>();

/** A port that was free a moment ago, never the same one twice in this process. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}
