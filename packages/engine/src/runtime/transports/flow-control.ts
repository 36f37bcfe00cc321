/**
 * Backpressure between the two sides of a relay. Every socket Mediate writes to is a
 * {@link FlowSink}; every socket it reads from is a {@link FlowSource}. When a write leaves more
 * than the high-water mark waiting in a sink (its peer reads slower than the other side sends),
 * the source the message came from stops being read until the sink drains: the sender's own TCP
 * window then fills, and it slows down. Memory per connection stays near the high-water mark
 * instead of growing with whatever the fast side sends.
 *
 * Past the hard limit a write is refused: a WebSocket client is closed with 1008 (it does not
 * read what it is sent), a back end's write fails down the fault path. This catches what pausing
 * cannot: broadcasts to a peer that never reads, one frame larger than the window.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { corkUntilIterationEnds, loopIteration } from './write-batching.js';

/** The two thresholds, in bytes waiting to be written on one connection. */
export interface FlowLimits {
  /** Above this, the sources writing here are paused until it drains. */
  highWater: number;
  /** A write that would take a connection above this is refused. */
  hardLimit: number;
}

export const DEFAULT_FLOW_LIMITS: Readonly<FlowLimits> = {
  highWater: 1024 * 1024,
  hardLimit: 16 * 1024 * 1024,
};

/**
 * The reading side of a connection. Several sinks may hold it at once (a client whose messages
 * go to two back ends); it is read again only when every one of them has released it.
 */
export class FlowSource {
  private holds = 0;

  constructor(private readonly reading: { pause(): void; resume(): void }) {}

  /** A WebSocket's reading side (`ws` stops reading its socket while paused). */
  static ofWebSocket(ws: WebSocket): FlowSource {
    return new FlowSource({
      pause: () => ws.pause(),
      resume: () => {
        if (ws.readyState === ws.OPEN) ws.resume();
      },
    });
  }

  /** An HTTP client's connection: the next request on it is not read while held. */
  static ofSocket(socket: Socket): FlowSource {
    const source = new FlowSource({
      pause: () => socket.pause(),
      resume: () => {
        if (!socket.destroyed) socket.resume();
      },
    });
    // Node's HTTP server resumes a connection by itself: to fill a request body's buffer (even
    // one nobody reads yet), and when the responses on it drain. While held, it is paused again
    // at once, before anything is read (Node's own pipelining pause does the same trick).
    socket.on('resume', () => {
      if (source.paused) socket.pause();
    });
    return source;
  }

  /** True while some sink holds this source. */
  get paused(): boolean {
    return this.holds > 0;
  }

  hold(): void {
    if (this.holds++ === 0) this.reading.pause();
  }

  release(): void {
    if (this.holds === 0) return;
    if (--this.holds === 0) this.reading.resume();
  }
}

/** The socket under a `ws` WebSocket (where 'drain' is emitted); `ws` keeps it as `_socket`. */
function socketOf(ws: WebSocket): Socket | undefined {
  return (ws as unknown as { _socket?: Socket })._socket;
}

/** The bytes of a frame about to be written. */
function sizeOf(data: string | Buffer): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}

/** The writing side of a WebSocket: sends, and holds the sources that fill it. */
export class FlowSink {
  private held: Set<FlowSource> | undefined;
  /** The event-loop iteration of this sink's last frame (see write-batching.ts). */
  private lastIteration = -1;
  /**
   * A frame was written in the current callback (reset by a microtask at its end, which is
   * still before any I/O): more frames of the callback wait for that, corked, and leave in one
   * system call.
   */
  private turnOpen = false;
  private turnCorked: Socket | undefined;
  private readonly endTurn = () => {
    this.turnOpen = false;
    const socket = this.turnCorked;
    this.turnCorked = undefined;
    if (socket && !socket.destroyed) socket.uncork();
  };
  private readonly releaseAll = () => {
    const held = this.held;
    this.held = undefined;
    if (held) for (const s of held) s.release();
  };

  constructor(
    readonly ws: WebSocket,
    private readonly limits: Readonly<FlowLimits>,
  ) {
    ws.once('close', this.releaseAll);
  }

  /** Bytes written and not yet taken by the network. */
  get buffered(): number {
    return this.ws.bufferedAmount;
  }

  /**
   * Writes a frame; `source` is where it came from (held while this sink is above the
   * high-water mark). Returns false, writing nothing, when the frame would take the sink past
   * the hard limit.
   */
  write(data: string | Buffer, binary: boolean, source?: FlowSource): boolean {
    if (this.ws.bufferedAmount + sizeOf(data) > this.limits.hardLimit) return false;
    // A lone frame goes out at once. A second one in the same callback (a read that carried
    // several) waits for the callback's end; one from a later callback of the same loop
    // iteration (another HTTP request for this back end) waits for the iteration's end.
    const now = loopIteration();
    if (this.turnOpen) this.corkForTurn();
    else {
      if (this.lastIteration === now) {
        const socket = socketOf(this.ws);
        if (socket) corkUntilIterationEnds(socket);
      }
      this.turnOpen = true;
      queueMicrotask(this.endTurn);
    }
    this.lastIteration = now;
    this.ws.send(data, { binary });
    if (source && this.ws.bufferedAmount > this.limits.highWater) this.hold(source);
    return true;
  }

  private corkForTurn(): void {
    if (this.turnCorked) return;
    const socket = socketOf(this.ws);
    if (!socket || socket.destroyed) return;
    this.turnCorked = socket;
    socket.cork();
  }

  private hold(source: FlowSource): void {
    if (this.held?.has(source)) return;
    if (!this.held) {
      this.held = new Set();
      const socket = socketOf(this.ws);
      // 'drain': everything written so far has gone to the kernel. Without a socket (already
      // gone) there is nothing to wait for.
      if (socket && !socket.destroyed) socket.once('drain', this.releaseAll);
      else queueMicrotask(this.releaseAll);
    }
    this.held.add(source);
    source.hold();
  }
}
