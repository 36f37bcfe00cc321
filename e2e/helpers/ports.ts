/**
 * Port checks for the journeys: the quick start needs the fixed ports a user gets, the other
 * specs take free ones so they never collide with a running `mediate start`.
 */
import { freePort, isPortFree } from '@mediate/engine/testing';

// The one harness of every suite (@mediate/engine/testing).
export { freePort, isPortFree };

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
