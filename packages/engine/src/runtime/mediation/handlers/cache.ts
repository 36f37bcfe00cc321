/**
 * cache (CacheMediator). A finder (`collector="false"`) runs on the request path: it hashes the
 * request and, on a hit, puts the stored response on the message and answers the client with
 * it (or runs onCacheHit), ending the flow; on a miss it leaves the message a note (MI's
 * `CachableResponse` property) and the flow goes on. A collector (`collector="true"`) runs on
 * the response path (after `call`, or in the outSequence after `send`): it stores the response
 * under the note's hash in the finder's cache when its status matches responseCodes, the method
 * is one to cache and its size is within maxMessageSize.
 */
import { readCacheProtocol, type CacheProtocolSettings } from '../../../model/catalog/cache-protocol.js';
import { javaRegex } from '../../../model/expressions/java-regex.js';
import { attribute, childElement } from '../../../model/xml/xml-query.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, CompileNode, MediatorCompiler, Step } from '../mediation-types.js';
import { applyCached, fetchedTime, isNoStore, mustRevalidate } from './cache-http.js';
import { requestHash } from './cache-hash.js';
import { cacheFor, type CachedResponse, type ResponseCache } from './cache-store.js';

/** CachingConstants: the properties a finder leaves on the message. */
const CACHED_OBJECT = 'CachableResponse';
const REQUEST_HASH = 'requestHash';

/** What a finder leaves for the collector (MI's CachableResponse before it is filled). */
interface PendingResponse {
  readonly kind: 'mediate.cache.pending';
  readonly cache: ResponseCache;
  readonly hash: string;
  readonly method: string;
  readonly since: number;
  readonly settings: CacheProtocolSettings;
  readonly codes: RegExp;
  readonly maxMessageSize: number;
  /** The stale entry being revalidated (cache control), answered again on a 304. */
  previous?: CachedResponse;
}

function isPending(v: unknown): v is PendingResponse {
  return typeof v === 'object' && v !== null && (v as PendingResponse).kind === 'mediate.cache.pending';
}

/** The onCacheHit step: its `sequence` key, else its mediators, else none. */
function onHitStep(node: CompileNode<'cache'>, env: CompileEnv): Step | undefined {
  const hitEl = childElement(node.element, 'onCacheHit');
  if (!hitEl) return undefined;
  const key = attribute(hitEl, 'sequence');
  if (key !== undefined) {
    const slot = env.sequence(key.trim());
    return (ctx) => {
      const seq = slot.current;
      if (!seq) throw new Error(`Sequence named ${slot.name} cannot be found`);
      return seq.run(ctx);
    };
  }
  const list = node.branches.onCacheHit ?? [];
  return list.length > 0 ? env.list(list) : undefined;
}

function compileFinder(node: CompileNode<'cache'>, env: CompileEnv): Step {
  const v = node.values;
  const { settings } = readCacheProtocol(node.element);
  const http = settings.protocolType === 'HTTP';
  const cache = cacheFor(env, v.id?.trim(), v.timeout * 1000, v.implementation?.maxSize ?? -1);
  const codes = javaRegex(settings.responseCodes);
  const maxMessageSize = v.maxMessageSize ?? -1;
  const onHit = onHitStep(node, env);
  return (ctx) => {
    if (ctx.response) throw new Error('Response messages cannot be handled in a non collector cache');
    const hash = requestHash(ctx, settings);
    ctx.setProperty('default', REQUEST_HASH, hash);
    const now = Date.now();
    const pending: PendingResponse = {
      kind: 'mediate.cache.pending',
      cache,
      hash,
      method: String(ctx.property('axis2', 'HTTP_METHOD') ?? '').toUpperCase(),
      since: now,
      settings,
      codes,
      maxMessageSize,
    };
    ctx.setProperty('default', CACHED_OBJECT, pending);
    const hit = cache.get(hash, now);
    if (!hit) return true;
    if (http && settings.enableCacheControl && mustRevalidate(ctx, hit, now)) {
      pending.previous = hit;
      return true;
    }
    applyCached(ctx, hit, http && settings.includeAgeHeader, now);
    if (onHit) {
      const r = onHit(ctx);
      return typeof r === 'boolean' ? false : r.then(() => false);
    }
    // No onCacheHit: the cached response goes straight back to the client (Axis2Sender.sendBack).
    ctx.to = undefined;
    ctx.responder?.respond(ctx);
    ctx.responded = Boolean(ctx.responder);
    return false;
  };
}

/** True when the response may be stored (CacheMediator.processResponseMessage's checks). */
function storable(ctx: MessageContext, p: PendingResponse): boolean {
  if (p.settings.protocolType !== 'HTTP') return true;
  const sc = ctx.property('axis2', 'HTTP_SC');
  if (sc !== undefined && !p.codes.test(String(sc).trim())) return false;
  return p.settings.methods.some((m) => m === '*' || m === p.method);
}

function compileCollector(env: CompileEnv): Step {
  return (ctx) => {
    if (!ctx.response) throw new Error('Request messages cannot be handled in a collector cache');
    const p = ctx.property('default', CACHED_OBJECT);
    if (!isPending(p)) {
      env.bus.emit({
        kind: 'warning',
        level: 'WARN',
        category: 'CacheMediator',
        text: 'A response message without a valid mapping to the request hash found. Unable to store the response in cache',
        messageId: ctx.messageId,
      });
      return true;
    }
    const now = Date.now();
    const http = p.settings.protocolType === 'HTTP';
    if (http && p.settings.enableCacheControl && isNoStore(ctx)) return true;
    // A 304 to a revalidation: the stored response is still good, so it answers again.
    if (http && p.previous && String(ctx.property('axis2', 'HTTP_SC')).trim() === '304') {
      applyCached(ctx, p.previous, p.settings.includeAgeHeader, now);
      return true;
    }
    if (!storable(ctx, p)) return true;
    const raw = ctx.payload.raw;
    const size = raw === undefined ? 0 : typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
    if (p.maxMessageSize > -1 && size > p.maxMessageSize) return true;
    const sc = ctx.property('axis2', 'HTTP_SC');
    const status = sc === undefined ? undefined : Number(sc);
    const useDate = p.settings.enableCacheControl || p.settings.includeAgeHeader;
    p.cache.put(
      p.hash,
      {
        status: Number.isInteger(status) ? status : undefined,
        headers: [...ctx.transportHeaders()].map(({ name, value }) => [name, value] as const),
        raw,
        contentType: ctx.payload.contentType,
        fetchedAt: useDate ? fetchedTime(ctx, now) : now,
      },
      p.since,
      now,
    );
    return true;
  };
}

export const compileCache: MediatorCompiler<'cache'> = (node, env) =>
  node.values.collector === 'true' ? compileCollector(env) : compileFinder(node, env);
