/**
 * Writes to one socket from several callbacks of one event-loop iteration leave together (several
 * HTTP requests handled in one iteration, all for one WebSocket back end). FlowSink sends the
 * first at once, as a lone message's; for a later callback of the same iteration the socket is
 * corked until the iteration's check phase (a setImmediate, after every I/O callback of its poll
 * phase), which uncorks them all: they leave in one system call, no later than the iteration's
 * end. (Frames of one callback are FlowSink's own business: they leave when the callback ends.)
 */
import type { Socket } from 'node:net';

let iteration = 0;
let scheduled = false;
const corked = new Set<Socket>();

function endIteration(): void {
  iteration++;
  scheduled = false;
  for (const socket of corked) if (!socket.destroyed) socket.uncork();
  corked.clear();
}

/** A number that changes once per event-loop iteration in which something was written. */
export function loopIteration(): number {
  if (!scheduled) {
    scheduled = true;
    setImmediate(endIteration);
  }
  return iteration;
}

/** Holds the socket's writes until the current iteration ends (once per socket and iteration). */
export function corkUntilIterationEnds(socket: Socket): void {
  if (socket.destroyed || corked.has(socket)) return;
  loopIteration();
  corked.add(socket);
  socket.cork();
}
