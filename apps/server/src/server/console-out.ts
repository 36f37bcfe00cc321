/**
 * The server's console: standard output that never blocks the event loop and never grows without
 * bound. Node writes stdout to a file (and a terminal) synchronously on Linux, so a slow disk
 * stalls mediation for as long as each write takes; those go through sonic-boom, which writes
 * from libuv's thread pool. A pipe or a socket is already written asynchronously by Node, but
 * queues whatever its reader has not taken, without limit; there `write` reports when the reader
 * lags. Either way a producer that sees {@link ConsoleOut.backedUp} waits for
 * {@link ConsoleOut.drained}: log lines then wait in the event bus (bounded; the oldest are
 * dropped and a line says how many), not here.
 */
import { fstatSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import sonicBoom from 'sonic-boom';

// A CommonJS module: its class is both module.exports and a property of it.
const { SonicBoom } = sonicBoom;

/** Never more than this waits for a file or a terminal: a write past it is dropped, and counted. */
const MAX_WAITING = 16 * 1024 * 1024;

/** What ConsoleOut writes to: a stream with backpressure (`write` false until 'drain'). */
interface Sink {
  write(text: string): boolean;
  on(event: 'drain' | 'error', fn: () => void): unknown;
  off(event: 'drain' | 'error', fn: () => void): unknown;
  /** Writes what waits, blocking (only at exit); streams that cannot do that do nothing. */
  flushSync?(): void;
  /** A stream's bytes not yet taken by the kernel. */
  readonly writableLength?: number;
}

function isPipe(fd: number): boolean {
  try {
    const s = fstatSync(fd);
    return s.isFIFO() || s.isSocket();
  } catch {
    return false;
  }
}

/** Standard output (or another descriptor) written asynchronously, in order. */
export class ConsoleOut {
  private readonly out: Sink;
  private failed = false;
  private dropped = 0;
  /** The last write went past the stream's high-water mark: producers wait for 'drain'. */
  private full = false;

  /** @param to a file descriptor (standard output by default), or a stream to write to. */
  constructor(to: number | Writable = 1) {
    if (typeof to !== 'number') this.out = to;
    else if (isPipe(to)) this.out = to === 1 ? process.stdout : new Socket({ fd: to, readable: false });
    else {
      const fd = to;
      const boom = new SonicBoom({ fd, sync: false, minLength: 0, maxLength: MAX_WAITING });
      boom.on('drop', () => this.dropped++);
      this.out = boom;
    }
    // Output that cannot be written (the reader is gone: EPIPE) is let go; the server goes on.
    this.out.on('error', () => {
      this.failed = true;
    });
    this.out.on('drain', () => {
      this.full = false;
    });
  }

  /** Appends text; it reaches the reader in the order written. */
  write(text: string): void {
    if (this.failed) return;
    if (this.dropped > 0) {
      const n = this.dropped;
      this.dropped = 0;
      this.out.write(`[console] ${n} write(s) were dropped: standard output was not being read\n`);
    }
    if (!this.out.write(text)) this.full = true;
  }

  /** Whether the reader is far enough behind that producers should wait ({@link drained}). */
  get backedUp(): boolean {
    return this.full && !this.failed;
  }

  /** Resolves once what was written has been taken (or the output failed). */
  drained(): Promise<void> {
    if (!this.backedUp) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('error', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('error', done);
    });
  }

  /**
   * Before the process exits: what waits is written (a file's or a terminal's now, blocking; a
   * pipe's as its reader takes it, for at most `ms`).
   */
  async finish(ms: number): Promise<void> {
    if (this.failed) return;
    try {
      this.out.flushSync?.();
    } catch {
      // Nothing more can be written: the reader is gone.
    }
    const until = Date.now() + ms;
    while (!this.failed && (this.out.writableLength ?? 0) > 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 10));
  }
}

let standardOut: ConsoleOut | undefined;

/** The process's standard output as a {@link ConsoleOut} (one per process). */
export function consoleOut(): ConsoleOut {
  return (standardOut ??= new ConsoleOut(1));
}
