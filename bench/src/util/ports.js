// @ts-check
/**
 * Free loopback ports for the targets.
 *
 * Every target gets a port the kernel just handed out, instead of the example's fixed ports,
 * because other Mediate instances, back ends and tests may run on this machine at the same time.
 */
import net from 'node:net';

/** Ports handed out by this process, so two targets never get the same one. */
const given = new Set();

/**
 * Asks the kernel for a free TCP port on 127.0.0.1 and releases it at once.
 * There is a short window in which another process could take it; it is far smaller than the
 * chance of colliding with a hard-coded port.
 * @param {number} [min] smallest acceptable port (e.g. so that `port - offset` stays valid)
 * @returns {Promise<number>}
 */
export async function freePort(min = 1024) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.unref();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = /** @type {net.AddressInfo} */ (srv.address());
        srv.close(() => resolve(addr.port));
      });
    });
    if (port >= min && !given.has(port)) {
      given.add(port);
      return port;
    }
  }
  throw new Error('could not find a free port');
}
