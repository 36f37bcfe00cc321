/**
 * Message IDs in the two shapes MI logs: `urn:uuid:<HEX><millis>` for contexts MI creates
 * itself (WebSocket), `urn:uuid:<uuid>` for HTTP requests. A random prefix plus a counter is
 * unique per process and costs nothing per message.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const prefix = randomBytes(8).toString('hex').toUpperCase();
let counter = 0;

/** `urn:uuid:` + upper-case hex + epoch millis, like UIDGenerator.generateURNString(). */
export function nextMessageId(): string {
  counter = (counter + 1) % 0x1000000;
  return `urn:uuid:${prefix}${counter.toString(16).toUpperCase().padStart(6, '0')}${Date.now()}`;
}

/** `urn:uuid:` + a random UUID, as MI shows for HTTP requests. */
export function httpMessageId(): string {
  return `urn:uuid:${randomUUID()}`;
}
