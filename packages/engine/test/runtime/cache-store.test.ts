/**
 * The finder's response cache on its own, with the clock passed in: entries expire `timeout`
 * after the lookup that made them (Guava's expireAfterWrite in CacheMediator.getMediatorCache),
 * expired entries are swept when a new one is stored, and maxSize evicts the oldest (Guava's
 * maximumSize), so a cache under a stream of distinct requests stays bounded.
 */
import { describe, expect, it } from 'vitest';
import { ResponseCache, type CachedResponse } from '../../src/runtime/mediation/handlers/cache-store.js';

const response = (body: string): CachedResponse => ({
  status: 200,
  headers: [],
  raw: body,
  contentType: 'text/plain',
  fetchedAt: 0,
});

describe('ResponseCache', () => {
  it('answers until timeout after the lookup that made the entry, then not (expireAfterWrite)', () => {
    const c = new ResponseCache(1000, -1);
    c.put('h', response('a'), 100, 150);
    expect(c.get('h', 1099)?.raw).toBe('a');
    expect(c.get('h', 1100)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('sweeps expired entries when storing, so distinct requests do not pile up', () => {
    const c = new ResponseCache(1000, -1);
    for (let i = 0; i < 10_000; i++) c.put(`h${i}`, response(String(i)), i, i);
    // Only the entries of the last second are left.
    expect(c.size).toBe(1000);
    expect(c.get('h9999', 9999)?.raw).toBe('9999');
    expect(c.get('h8999', 9999)).toBeUndefined();
  });

  it('evicts the oldest entry beyond maxSize (maximumSize), and stores nothing with maxSize 0', () => {
    const c = new ResponseCache(60_000, 2);
    c.put('a', response('a'), 0, 0);
    c.put('b', response('b'), 1, 1);
    c.put('c', response('c'), 2, 2);
    expect([c.get('a', 3), c.get('b', 3)?.raw, c.get('c', 3)?.raw]).toEqual([undefined, 'b', 'c']);
    // Storing a hash again makes it the newest.
    c.put('b', response('b2'), 4, 4);
    c.put('d', response('d'), 5, 5);
    expect([c.get('c', 6), c.get('b', 6)?.raw, c.get('d', 6)?.raw]).toEqual([undefined, 'b2', 'd']);
    const none = new ResponseCache(60_000, 0);
    none.put('a', response('a'), 0, 0);
    expect(none.size).toBe(0);
  });

  it('clear lets everything go (what the deployment retiring calls)', () => {
    const c = new ResponseCache(60_000, -1);
    c.put('a', response('a'), 0, 0);
    c.clear();
    expect(c.size).toBe(0);
    expect(c.get('a', 1)).toBeUndefined();
  });
});
