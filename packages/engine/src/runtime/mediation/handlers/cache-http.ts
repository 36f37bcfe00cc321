/**
 * The HTTP side of the cache: putting a stored response on a message
 * (CacheMediator.replaceEnvelopeWithCachedResponse) and the Cache-Control rules of
 * HttpCachingFilter (max-age, no-cache with ETag, no-store, Age).
 */
import { Payload } from '../../message/payload.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CachedResponse } from './cache-store.js';

/** Replaces the message with a stored response, as a response; `age` adds the Age header. */
export function applyCached(ctx: MessageContext, hit: CachedResponse, age: boolean, now: number): void {
  ctx.setProperty('axis2', 'NO_ENTITY_BODY', undefined);
  ctx.setProperty('axis2', 'messageType', undefined);
  ctx.payload = new Payload(hit.raw, hit.contentType);
  ctx.response = true;
  if (hit.status !== undefined) ctx.setProperty('axis2', 'HTTP_SC', hit.status);
  const headers: [string, string][] = hit.headers.map(([n, v]) => [n, v]);
  // HttpCachingFilter.setAgeHeader: whole seconds since the back end produced the response.
  if (age) headers.push(['Age', String(Math.floor(Math.abs(now - hit.fetchedAt) / 1000))]);
  ctx.setTransportHeaders(headers);
}

function headerOf(headers: readonly (readonly [string, string])[], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/**
 * HttpCachingFilter.isValidCacheEntry: true when the stored response must go back to the back
 * end: its max-age has passed, or it said no-cache and has an ETag (then the request carries
 * If-None-Match, so the back end may answer 304).
 */
export function mustRevalidate(ctx: MessageContext, hit: CachedResponse, now: number): boolean {
  const control = headerOf(hit.headers, 'cache-control');
  let noCache = false;
  let maxAge = -1;
  for (const d of (control ?? '').split(/\s*,\s*/)) {
    if (d.toLowerCase() === 'no-cache') noCache = true;
    if (d.includes('max-age')) {
      const n = Number.parseInt(d.split('=')[1] ?? '', 10);
      if (Number.isFinite(n)) maxAge = n;
    }
  }
  if (maxAge > -1 && hit.fetchedAt + maxAge * 1000 < now) return true;
  const etag = headerOf(hit.headers, 'etag');
  if (noCache && etag) {
    ctx.setProperty('transport', 'If-None-Match', etag);
    return true;
  }
  return false;
}

/** HttpCachingFilter.isNoStore: the response's Cache-Control contains no-store. */
export function isNoStore(ctx: MessageContext): boolean {
  const v = ctx.property('transport', 'Cache-Control');
  return typeof v === 'string' && v.includes('no-store');
}

/** HttpCachingFilter.setResponseCachedTime: the response's Date header, else now. */
export function fetchedTime(ctx: MessageContext, now: number): number {
  const date = ctx.property('transport', 'Date');
  const t = typeof date === 'string' ? Date.parse(date) : Number.NaN;
  return Number.isFinite(t) ? t : now;
}
