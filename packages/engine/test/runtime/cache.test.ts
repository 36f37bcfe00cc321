/**
 * cache through a running runtime, with real HTTP clients and a real back end: a hit answers
 * without reaching the back end and a miss after `timeout` does; what goes into the request
 * hash; which responses are stored; maxSize eviction; the legacy collector in an outSequence
 * after send. Each test names the MI class and method whose behaviour it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './harness.js';
import { proxyXml, send } from './http-helpers.js';
import { cachedApi, finder, startCacheBench, type CacheBench } from './cache-helpers.js';

let bench: CacheBench;

beforeAll(async () => {
  bench = await startCacheBench((url) => ({
    'artifacts/apis/golden.xml': cachedApi(url, 'golden', finder('timeout="1"', '<methods>POST</methods>')),
    'artifacts/apis/long.xml': cachedApi(url, 'long', finder('timeout="600"', '')),
    'artifacts/apis/include.xml': cachedApi(
      url,
      'include',
      finder('timeout="600"', '<headersToIncludeInHash>X-Tenant</headersToIncludeInHash>'),
    ),
    'artifacts/apis/exclude.xml': cachedApi(
      url,
      'exclude',
      finder('timeout="600"', '<headersToExcludeInHash>user</headersToExcludeInHash>'),
    ),
    'artifacts/apis/codes.xml': cachedApi(
      url,
      'codes',
      finder('timeout="600"', '<responseCodes>2[0-9][0-9]</responseCodes>'),
    ),
    'artifacts/apis/maxsize.xml': cachedApi(
      url,
      'maxsize',
      finder('timeout="600"', '<methods>POST</methods>', '<implementation maxSize="2"/>'),
    ),
    'artifacts/apis/soap.xml': cachedApi(url, 'soap', finder('timeout="600"', '')),
    'artifacts/apis/getonly.xml': cachedApi(
      url,
      'getonly',
      finder('timeout="600"', '<methods>GET</methods>'),
    ),
    'artifacts/apis/small.xml': cachedApi(url, 'small', finder('timeout="600" maxMessageSize="10"', '')),
    // The legacy pair (Sample 420, CachingEnabledAPI): finder in the in path, collector in the out path.
    'artifacts/proxy-services/Legacy.xml': proxyXml(
      'Legacy',
      `<inSequence>
         <cache id="legacy" scope="per-host" collector="false" timeout="600"
                hashGenerator="org.wso2.carbon.mediator.cache.digest.DOMHASHGenerator">
           <implementation type="memory" maxSize="100"/>
         </cache>
         <send><endpoint><address uri="${url}/legacy"/></endpoint></send>
       </inSequence>
       <outSequence><cache id="legacy" scope="per-host" collector="true"/><send/></outSequence>`,
    ),
    // CollectorTypeCacheMediatorProxy: a collector on the request path faults.
    'artifacts/proxy-services/CollectorIn.xml': proxyXml(
      'CollectorIn',
      `<inSequence><cache collector="true"/><respond/></inSequence>
       <faultSequence>
         <log level="custom"><property name="error" expression="get-property('ERROR_MESSAGE')"/></log>
         <payloadFactory media-type="text"><format>refused</format><args/></payloadFactory>
         <respond/>
       </faultSequence>`,
    ),
  }));
});

afterAll(async () => {
  await bench.stop();
});

describe('cache', () => {
  it('a hit answers with the stored status, headers and body without reaching the back end; after timeout a miss reaches it (CacheMediator.processRequestMessage, getMediatorCache: expireAfterWrite)', async () => {
    const first = await bench.post('golden', 'hello');
    const stored = Date.now();
    expect(first.status).toBe(201);
    expect(bench.hits('/golden')).toBe(1);
    const second = await bench.post('golden', 'hello');
    expect(bench.hits('/golden')).toBe(1);
    expect(second.status).toBe(first.status);
    expect(second.body).toBe(first.body);
    expect(second.headers['x-backend']).toBe(first.headers['x-backend']);
    // timeout="1": a real wait past one second, then the same request is a miss.
    await until(() => Date.now() - stored > 1100, 5000, 'the cache timeout to pass');
    const third = await bench.post('golden', 'hello');
    expect(bench.hits('/golden')).toBe(2);
    expect(third.status).toBe(201);
    expect(third.body).not.toBe(first.body);
    expect(third.body).toMatch(/:hello$/);
  });

  it('a different payload misses; the same one hits (HttpRequestHashGenerator.getDigest: the body is hashed for POST)', async () => {
    const a = await bench.post('long', 'one');
    const b = await bench.post('long', 'two');
    expect(bench.hits('/long')).toBe(2);
    expect(b.body).not.toBe(a.body);
    expect((await bench.post('long', 'one')).body).toBe(a.body);
    expect((await bench.post('long', 'two')).body).toBe(b.body);
    expect(bench.hits('/long')).toBe(2);
  });

  it('a SOAP request is hashed by its Body: a different Header (a WS-Addressing MessageID) still hits (HttpRequestHashGenerator.handlePostWithHeaders: getEnvelope().getBody())', async () => {
    const soap = (id: string, symbol: string) =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="http://www.w3.org/2005/08/addressing"><s:Header><wsa:MessageID>urn:uuid:${id}</wsa:MessageID></s:Header><s:Body><getQuote><symbol>${symbol}</symbol></getQuote></s:Body></s:Envelope>`;
    const type = 'text/xml; charset=UTF-8';
    const a = await send(`${bench.base}/soap`, { body: soap('1111', 'IBM'), type });
    const b = await send(`${bench.base}/soap`, { body: soap('2222', 'IBM'), type });
    expect(b.body).toBe(a.body);
    expect(bench.hits('/soap')).toBe(1);
    const c = await send(`${bench.base}/soap`, { body: soap('3333', 'MSFT'), type });
    expect(c.body).not.toBe(a.body);
    expect(bench.hits('/soap')).toBe(2);
  });

  it('headersToIncludeInHash: only the named headers count (HttpRequestHashGenerator include mode)', async () => {
    const a = await bench.post('include', 'x', { 'X-Tenant': 'a', 'X-Other': '1' });
    const b = await bench.post('include', 'x', { 'X-Tenant': 'b', 'X-Other': '1' });
    expect(bench.hits('/include')).toBe(2);
    expect(b.body).not.toBe(a.body);
    // Another header changes nothing: it is not in the hash.
    expect((await bench.post('include', 'x', { 'X-Tenant': 'a', 'X-Other': '2' })).body).toBe(a.body);
    expect(bench.hits('/include')).toBe(2);
  });

  it('headersToExcludeInHash: an excluded header does not change the hash, any other does (ExcludeHeadersWithCacheTestCase)', async () => {
    const a = await bench.post('exclude', 'x');
    expect((await bench.post('exclude', 'x', { user: 'Peter' })).body).toBe(a.body);
    expect(bench.hits('/exclude')).toBe(1);
    const c = await bench.post('exclude', 'x', { user: 'Peter', country: 'UK' });
    expect(c.body).not.toBe(a.body);
    expect(bench.hits('/exclude')).toBe(2);
  });

  it('a response whose status does not match responseCodes is not stored (CacheMediator.processResponseMessage: responseCodePattern)', async () => {
    const a = await bench.post('codes', 'fail');
    expect(a.status).toBe(500);
    const b = await bench.post('codes', 'fail');
    expect(b.status).toBe(500);
    expect(b.body).not.toBe(a.body);
    expect(bench.hits('/codes')).toBe(2);
    const ok = await bench.post('codes', 'fine');
    expect((await bench.post('codes', 'fine')).body).toBe(ok.body);
    expect(bench.hits('/codes')).toBe(3);
  });

  it('maxSize evicts the oldest entry (CacheTestCase.testMaxSize: Guava maximumSize)', async () => {
    const abcd = await bench.post('maxsize', 'ABCD');
    const abc = await bench.post('maxsize', 'ABC');
    const ab = await bench.post('maxsize', 'AB');
    expect(bench.hits('/maxsize')).toBe(3);
    expect((await bench.post('maxsize', 'AB')).body).toBe(ab.body);
    expect((await bench.post('maxsize', 'ABC')).body).toBe(abc.body);
    expect(bench.hits('/maxsize')).toBe(3);
    expect((await bench.post('maxsize', 'ABCD')).body).not.toBe(abcd.body);
    expect(bench.hits('/maxsize')).toBe(4);
  });

  it('only the methods listed are stored, and a response over maxMessageSize is not (CacheMediator.processResponseMessage)', async () => {
    await bench.post('getonly', 'p');
    await bench.post('getonly', 'p');
    expect(bench.hits('/getonly')).toBe(2);
    const g = await send(`${bench.base}/getonly`);
    expect((await send(`${bench.base}/getonly`)).body).toBe(g.body);
    expect(bench.hits('/getonly')).toBe(3);
    // The answer `n:a long body` is over 10 bytes.
    await bench.post('small', 'a long body');
    await bench.post('small', 'a long body');
    expect(bench.hits('/small')).toBe(2);
  });

  it('the legacy collector="true" in the outSequence stores what send brought back (Sample 420, CacheMediator.processResponseMessage)', async () => {
    const url = `${bench.base}/services/Legacy`;
    const a = await send(url, { body: '<q>IBM</q>', type: 'application/xml' });
    const b = await send(url, { body: '<q>IBM</q>', type: 'application/xml' });
    expect(a.status).toBe(201);
    expect(b.body).toBe(a.body);
    expect(bench.hits('/legacy')).toBe(1);
    // DOMHASHGenerator hashes the body only.
    const c = await send(url, { body: '<q>MSFT</q>', type: 'application/xml' });
    expect(c.body).not.toBe(a.body);
    expect(bench.hits('/legacy')).toBe(2);
  });

  it('a new deployment starts with empty caches (CacheMediator: a new mediator, a new cache; destroy removes the old one)', async () => {
    const before = await bench.post('long', 'again');
    expect((await bench.post('long', 'again')).body).toBe(before.body);
    const n = bench.hits('/long');
    const result = await bench.runtime.deploy(bench.deployed);
    expect(result.ok).toBe(true);
    const after = await bench.post('long', 'again');
    expect(bench.hits('/long')).toBe(n + 1);
    expect(after.body).not.toBe(before.body);
  });

  it('a collector on the request path faults (CacheMediator.processRequestMessage: "Request messages cannot be handled in a collector cache")', async () => {
    const r = await send(`${bench.base}/services/CollectorIn`, { body: 'x', type: 'text/plain' });
    expect(r.body).toBe('refused');
    const logged = bench.events.all.filter((e) => e.kind === 'log' && e.artifact?.name === 'CollectorIn');
    expect(logged.map((e) => e.properties)).toEqual([
      { error: 'Request messages cannot be handled in a collector cache' },
    ]);
  });
});
