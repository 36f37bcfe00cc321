/**
 * A deliberately independent WebSocket implementation for tests: the handshake is written and
 * parsed by hand and frames are encoded and decoded here, over plain `net` sockets.
 *
 * Tests of Mediate's WebSocket code must not only talk to `ws` (which the code itself is built
 * on): a sender and a back end that share one workaround can agree with each other and still be
 * wrong. This module is small and slow on purpose; it covers what RFC 6455 needs for such tests
 * (masking, 7/16/64-bit lengths, control frames), not fragmentation or extensions.
 */
import { createHash, randomBytes } from 'node:crypto';
import type net from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** RFC 6455 opcodes used by the tests. */
export const Opcode = { text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** One decoded frame. `masked` tells whether the peer masked it (clients must, servers must not). */
export interface RawFrame {
  fin: boolean;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

/** The `Sec-WebSocket-Accept` value for a key (RFC 6455 §4.2.2). */
export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + GUID)
    .digest('base64');
}

/** Encodes one final frame; `mask` is true for frames a client sends. */
export function encodeFrame(opcode: number, payload: Buffer | string, mask: boolean): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const len = data.length;
  const lenBytes = len < 126 ? 0 : len < 65536 ? 2 : 8;
  const head = Buffer.alloc(2 + lenBytes + (mask ? 4 : 0));
  head[0] = 0x80 | opcode;
  head[1] = (mask ? 0x80 : 0) | (len < 126 ? len : len < 65536 ? 126 : 127);
  if (lenBytes === 2) head.writeUInt16BE(len, 2);
  if (lenBytes === 8) head.writeBigUInt64BE(BigInt(len), 2);
  if (!mask) return Buffer.concat([head, data]);
  const key = randomBytes(4);
  key.copy(head, 2 + lenBytes);
  const body = Buffer.alloc(len);
  for (let i = 0; i < len; i++) body[i] = data[i]! ^ key[i & 3]!;
  return Buffer.concat([head, body]);
}

/** Decodes one frame from the start of `buf`; `undefined` if it is not complete yet. */
export function decodeFrame(buf: Buffer): { frame: RawFrame; size: number } | undefined {
  if (buf.length < 2) return undefined;
  const masked = (buf[1]! & 0x80) !== 0;
  let len = buf[1]! & 0x7f;
  let off = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    off = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    off = 10;
  }
  const keyOff = off;
  if (masked) off += 4;
  if (buf.length < off + len) return undefined;
  const payload = Buffer.from(buf.subarray(off, off + len));
  if (masked) for (let i = 0; i < len; i++) payload[i] = payload[i]! ^ buf[keyOff + (i & 3)]!;
  return {
    frame: { fin: (buf[0]! & 0x80) !== 0, opcode: buf[0]! & 0x0f, masked, payload },
    size: off + len,
  };
}

/**
 * Frame-level peer over a socket, usable as either side. Buffers everything it reads, so frames
 * can be awaited one at a time in test order.
 */
export class RawPeer {
  private buf: Buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  private ended = false;

  constructor(
    readonly socket: net.Socket,
    /** True on the client side: outgoing frames are then masked. */
    private readonly isClient: boolean,
    initial: Buffer = Buffer.alloc(0),
  ) {
    this.buf = initial;
    socket.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      this.wake();
    });
    const end = (): void => {
      this.ended = true;
      this.wake();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', end);
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** Sends one frame (masked if this is the client side). */
  send(opcode: number, payload: Buffer | string = Buffer.alloc(0)): void {
    this.socket.write(encodeFrame(opcode, payload, this.isClient));
  }

  /** Sends a text frame. */
  sendText(text: string): void {
    this.send(Opcode.text, text);
  }

  /** Sends a close frame with a status code (and optional reason). */
  sendClose(code: number, reason = ''): void {
    const p = Buffer.alloc(2 + Buffer.byteLength(reason));
    p.writeUInt16BE(code, 0);
    p.write(reason, 2);
    this.send(Opcode.close, p);
  }

  /** The next frame; rejects if the connection ends first or after `timeoutMs`. */
  async nextFrame(timeoutMs = 5000): Promise<RawFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = decodeFrame(this.buf);
      if (got) {
        this.buf = this.buf.subarray(got.size);
        return got.frame;
      }
      if (this.ended) throw new Error('connection ended before a complete frame');
      await this.waitForData(deadline);
    }
  }

  /** Resolves once the peer has closed the TCP connection. */
  async waitForEnd(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) await this.waitForData(deadline);
  }

  private waitForData(deadline: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error('timed out waiting for data')),
        Math.max(0, deadline - Date.now()),
      );
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** Destroys the socket. */
  destroy(): void {
    this.socket.destroy();
  }
}
