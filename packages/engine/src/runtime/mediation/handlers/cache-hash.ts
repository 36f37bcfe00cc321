/**
 * The request hash of a finder cache, as MI's digest generators choose what goes into it
 * (HttpRequestHashGenerator, REQUESTHASHGenerator, DOMHASHGenerator). MI digests the SOAP body
 * as a DOM with MD5; Mediate digests the same parts with MD5 over their text (for a SOAP
 * message the serialized Body, so its Header, e.g. a WS-Addressing MessageID, counts for
 * nothing, as in MI; for any other payload its bytes as they stand):
 *
 * - `http` (the default): the HTTP method, the To address (request path and query), the
 *   transport headers chosen by headersToIncludeInHash / headersToExcludeInHash, and the
 *   payload unless the method is GET, DELETE or HEAD;
 * - `request`: the To address, every header and the payload;
 * - `dom`: the payload only.
 *
 * The correlation header (`activityid`) is never hashed (PERMANENTLY_EXCLUDED_HEADERS).
 */
import { createHash, type Hash } from 'node:crypto';
import { XMLSerializer } from '@xmldom/xmldom';
import type { CacheProtocolSettings } from '../../../model/catalog/cache-protocol.js';
import type { MessageContext } from '../../message/message-context.js';
import { mediaType } from '../../message/payload.js';
import { bodyElement } from '../../message/payload-write.js';

const ALWAYS_EXCLUDED = 'activityid';
const BODYLESS = new Set(['GET', 'DELETE', 'HEAD']);
const serializer = new XMLSerializer();

/** What stands for the payload: a SOAP message's Body (MI digests getEnvelope().getBody()), else the bytes. */
function payloadPart(ctx: MessageContext): string | Buffer {
  const p = ctx.payload;
  const type = mediaType(p.contentType);
  if ((type === 'text/xml' || type === 'application/soap+xml') && p.size > 0) {
    const body = bodyElement(p.envelope());
    if (body) return serializer.serializeToString(body);
  }
  return p.raw ?? '';
}

/** One part, length-prefixed so that parts never run into each other. */
function part(h: Hash, value: string | Buffer): void {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  h.update(`${bytes.length}:`);
  h.update(bytes);
}

/** Header name (lower-case) to value, without the correlation header. */
function headersOf(ctx: MessageContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const { name, value } of ctx.transportHeaders()) {
    const lower = name.toLowerCase();
    if (lower !== ALWAYS_EXCLUDED) out.set(lower, value);
  }
  return out;
}

/**
 * The headers HttpRequestHashGenerator hashes: include mode when headersToIncludeInHash names
 * any (a missing one counts as absent), else every header but the excluded ones; `*` first
 * means all (include) or none (exclude).
 */
function chosenHeaders(ctx: MessageContext, s: CacheProtocolSettings): [string, string | undefined][] {
  const all = headersOf(ctx);
  const include = s.headersToInclude;
  if (include[0] !== undefined && include[0] !== '') {
    if (include[0] === '*') return [...all];
    return include.map((n) => [n.toLowerCase(), all.get(n.toLowerCase())]);
  }
  if (s.headersToExclude[0] === '*') return [];
  for (const n of s.headersToExclude) all.delete(n.toLowerCase());
  return [...all];
}

/** The hex MD5 of what the finder's digest generator would hash for this request. */
export function requestHash(ctx: MessageContext, s: CacheProtocolSettings): string {
  const h = createHash('md5');
  const method = String(ctx.property('axis2', 'HTTP_METHOD') ?? '').toUpperCase();
  if (s.hash === 'dom') {
    part(h, payloadPart(ctx));
    return h.digest('hex');
  }
  if (s.hash === 'http') part(h, method);
  part(h, ctx.to ?? '');
  const headers = s.hash === 'http' ? chosenHeaders(ctx, s) : [...headersOf(ctx)];
  headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of headers) {
    part(h, name);
    part(h, value === undefined ? '\u0000' : value);
  }
  if (s.hash === 'request' || !BODYLESS.has(method)) part(h, payloadPart(ctx));
  return h.digest('hex');
}
