/**
 * cache through a running runtime: Cache-Control (no-store, max-age, no-cache with an ETag and
 * a 304), the Age header, and onCacheHit inline or by sequence key. Each test names the MI class
 * and method whose behaviour it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './harness.js';
import { sequenceXml } from './http-helpers.js';
import { CACHE_CONTROL, cachedApi, finder, startCacheBench, type CacheBench } from './cache-helpers.js';

let bench: CacheBench;

beforeAll(async () => {
  bench = await startCacheBench((url) => ({
    'artifacts/apis/nostore.xml': cachedApi(url, 'nostore', finder('timeout="600"', CACHE_CONTROL)),
    'artifacts/apis/maxage.xml': cachedApi(url, 'maxage', finder('timeout="600"', CACHE_CONTROL)),
    'artifacts/apis/etag.xml': cachedApi(url, 'etag', finder('timeout="600"', CACHE_CONTROL)),
    'artifacts/apis/age.xml': cachedApi(
      url,
      'age',
      finder('timeout="600"', '<includeAgeHeader>true</includeAgeHeader>'),
    ),
    'artifacts/apis/onhit.xml': cachedApi(
      url,
      'onhit',
      `<cache collector="false" timeout="600"><onCacheHit>
         <log level="custom"><property name="hit" expression="$body/*"/></log>
         <header name="X-From-Cache" scope="transport" value="yes"/>
         <respond/>
       </onCacheHit></cache>`,
    ),
    'artifacts/apis/onhitseq.xml': cachedApi(
      url,
      'onhitseq',
      '<cache collector="false" timeout="600"><onCacheHit sequence="HitSeq"/></cache>',
    ),
    'artifacts/sequences/HitSeq.xml': sequenceXml(
      'HitSeq',
      '<property name="HTTP_SC" scope="axis2" value="203"/><respond/>',
    ),
  }));
});

afterAll(async () => {
  await bench.stop();
});

describe('cache: HTTP caching and onCacheHit', () => {
  it('enableCacheControl honours no-store; includeAgeHeader adds Age to a hit (HttpCachingFilter.isNoStore, setAgeHeader)', async () => {
    await bench.post('nostore', 'x');
    await bench.post('nostore', 'x');
    expect(bench.hits('/nostore')).toBe(2);
    const first = await bench.post('age', 'x');
    expect(first.headers.age).toBeUndefined();
    const hit = await bench.post('age', 'x');
    expect(hit.body).toBe(first.body);
    expect(hit.headers.age).toMatch(/^\d+$/);
    expect(bench.hits('/age')).toBe(1);
  });

  it('enableCacheControl: a stored response past its max-age goes back to the back end though the cache timeout has not passed (HttpCachingFilter.isValidCacheEntry: isCachedResponseExpired)', async () => {
    const first = await bench.post('maxage', 'x');
    const got = Date.now();
    expect(bench.hits('/maxage')).toBe(1);
    // max-age=1 counts from the response's Date header (whole seconds): wait past two seconds.
    await until(() => Date.now() - got > 2100, 5000, 'max-age to pass');
    const again = await bench.post('maxage', 'x');
    expect(bench.hits('/maxage')).toBe(2);
    expect(again.body).not.toBe(first.body);
  });

  it('enableCacheControl: no-cache with an ETag revalidates with If-None-Match, and a 304 answers with the stored response (HttpCachingFilter.isValidateResponseWithETag, CacheMediator.processResponseMessage: SC_NOT_MODIFIED)', async () => {
    const first = await bench.post('etag', 'x');
    expect(first.status).toBe(201);
    const second = await bench.post('etag', 'x');
    expect(bench.hits('/etag')).toBe(2);
    const revalidation = bench.backend.received.filter((r) => r.url === '/etag')[1]!;
    expect(revalidation.headers['if-none-match']).toBe('"v1"');
    expect(second.status).toBe(201);
    expect(second.body).toBe(first.body);
  });

  it('onCacheHit runs its mediators on the cached response instead of answering at once (CacheMediator.replaceEnvelopeWithCachedResponse)', async () => {
    const first = await bench.post('onhit', 'x');
    expect(first.headers['x-from-cache']).toBeUndefined();
    const hit = await bench.post('onhit', 'x');
    expect(hit.body).toBe(first.body);
    expect(hit.headers['x-from-cache']).toBe('yes');
    expect(bench.hits('/onhit')).toBe(1);
    const logged = bench.events.all.filter((e) => e.kind === 'log' && e.artifact?.name === 'onhit');
    expect(logged.map((e) => e.properties)).toEqual([{ hit: first.body }]);
    // onCacheHit sequence="…": the named sequence gets the cached response.
    const s1 = await bench.post('onhitseq', 'y');
    const s2 = await bench.post('onhitseq', 'y');
    expect([s1.status, s2.status]).toEqual([201, 203]);
    expect(s2.body).toBe(s1.body);
    expect(bench.hits('/onhitseq')).toBe(1);
  });
});
