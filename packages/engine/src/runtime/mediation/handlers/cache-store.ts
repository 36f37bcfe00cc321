/**
 * The in-memory response cache of a finder (CacheMediator.getMediatorCache: a Guava cache with
 * expireAfterWrite(timeout) and maximumSize(maxSize)). Expiry is computed from the clock on
 * access, so no timer is held; entries past their time are swept when a new one is stored.
 * Beyond `maxSize` the oldest entry is evicted.
 */
import type { CompileEnv } from '../mediation-types.js';

/** A stored response (CachableResponse): what a hit answers with. */
export interface CachedResponse {
  readonly status: number | undefined;
  readonly headers: readonly (readonly [string, string])[];
  readonly raw: string | Buffer | undefined;
  readonly contentType: string | undefined;
  /** When the back end produced it (its Date header, else when stored), for max-age and Age. */
  readonly fetchedAt: number;
}

interface Slot {
  readonly value: CachedResponse;
  /** Guava counts expiry from when the finder first looked the hash up (its loader's write). */
  readonly since: number;
}

/** One cache: hash to response, insertion-ordered (oldest first). */
export class ResponseCache {
  private readonly entries = new Map<string, Slot>();

  /**
   * @param timeoutMs how long an entry is valid after `since`.
   * @param maxSize the most entries kept; -1 for no bound.
   */
  constructor(
    readonly timeoutMs: number,
    readonly maxSize: number,
  ) {}

  /** The number of entries held (expired ones included until swept). */
  get size(): number {
    return this.entries.size;
  }

  private expired(slot: Slot, now: number): boolean {
    return now - slot.since >= this.timeoutMs;
  }

  /** The live response for a hash, if any. */
  get(hash: string, now: number): CachedResponse | undefined {
    const slot = this.entries.get(hash);
    if (!slot) return undefined;
    if (!this.expired(slot, now)) return slot.value;
    this.entries.delete(hash);
    return undefined;
  }

  /** Stores a response; sweeps expired entries from the oldest end and evicts beyond maxSize. */
  put(hash: string, value: CachedResponse, since: number, now: number): void {
    if (this.maxSize === 0) return;
    this.entries.delete(hash);
    for (const [k, slot] of this.entries) {
      if (!this.expired(slot, now)) break;
      this.entries.delete(k);
    }
    if (this.maxSize > 0)
      while (this.entries.size >= this.maxSize)
        this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(hash, { value, since });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Caches of the current deployment by `id`, keyed by that deployment's retire hook. */
const SHARED = new WeakMap<CompileEnv['onRetire'], Map<string, ResponseCache>>();

/**
 * The cache of one finder: its own, or with an `id` the one every finder of this deployment
 * with that id shares (MI's CacheManager keys caches by id; the first finder's timeout and size
 * make it). Released with the deployment.
 */
export function cacheFor(
  env: CompileEnv,
  id: string | undefined,
  timeoutMs: number,
  maxSize: number,
): ResponseCache {
  if (id === undefined || id === '') {
    const own = new ResponseCache(timeoutMs, maxSize);
    env.onRetire(() => own.clear());
    return own;
  }
  let byId = SHARED.get(env.onRetire);
  if (!byId) {
    const map = new Map<string, ResponseCache>();
    SHARED.set(env.onRetire, map);
    env.onRetire(() => {
      for (const c of map.values()) c.clear();
      map.clear();
    });
    byId = map;
  }
  let shared = byId.get(id);
  if (!shared) byId.set(id, (shared = new ResponseCache(timeoutMs, maxSize)));
  return shared;
}
