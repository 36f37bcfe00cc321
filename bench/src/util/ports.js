// @ts-check
/**
 * Free loopback ports for the targets: the harness every suite uses (@mediate/engine/testing).
 *
 * Every target gets a port the kernel just handed out, instead of the example's fixed ports,
 * because other Mediate instances, back ends and tests may run on this machine at the same time.
 */
import { freePort as free } from '@mediate/engine/testing';

/**
 * A free TCP port on 127.0.0.1, never the same one twice in this process.
 * @param {number} [min] smallest acceptable port (e.g. so that `port - offset` stays valid)
 * @returns {Promise<number>}
 */
export function freePort(min = 1024) {
  return free({ min });
}
