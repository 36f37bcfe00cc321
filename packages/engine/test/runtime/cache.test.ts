/**
 * cache through a running runtime, with real HTTP clients and a real back end: a hit answers
 * without reaching the back end and a miss after `timeout` does; what goes into the request
 * hash; which responses are stored; maxSize eviction; onCacheHit; the legacy collector in an
 * outSequence after send. Each test names the MI class and method whose behaviour it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/model/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { apiXml, proxyXml, send, sequenceXml, startBackend, type Backend } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
let backend: Backend;
/** The project deployed, to deploy again. */
let deployed: Project;

/** A finder with `<protocol type="HTTP">` built from `protocol` (its inside) and `attrs`. */
const finder = (attrs: string, protocol: string, rest = '') =>
  `<cache collector="false" ${attrs}><protocol type="HTTP">${protocol}</protocol>${rest}</cache>`;
/** An API at `/name` whose POST (and GET) resource finds, calls `/name` on the back end, collects and responds. */
const cachedApi = (name: string, cache: string) =>
  apiXml(
    name,
    `/${name}`,
    `<resource methods="POST GET"><inSequence>${cache}
       <call><endpoint><address uri="${backend.url}/${name}"/></endpoint></call>
       <cache collector="true"/>
       <respond/>
     </inSequence></resource>`,
  );

/** Cache-Control honoured (MI resets it unless includeAgeHeader is given too). */
const CACHE_CONTROL =
  '<enableCacheControl>true</enableCacheControl><includeAgeHeader>true</includeAgeHeader>';

/** How many requests the back end got on a path. */
const hits = (path: string) => backend.received.filter((r) => r.url === path).length;
const post = (name: string, body: string, headers: Record<string, string> = {}) =>
  send(`${base}/${name}`, { body, type: 'text/plain', headers });

beforeAll(async () => {
  // Each answer is numbered, so a cached answer is told apart from a fresh one.
  backend = await startBackend((req, res) => {
    const n = backend.received.length;
    const headers: Record<string, string> = { 'content-type': 'text/plain', 'x-backend': String(n) };
    if (req.url.startsWith('/nostore')) headers['cache-control'] = 'no-store';
    if (req.url.startsWith('/maxage')) headers['cache-control'] = 'max-age=1';
    if (req.url.startsWith('/etag')) {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      Object.assign(headers, { 'cache-control': 'no-cache', etag: '"v1"' });
    }
    const status = req.url.startsWith('/codes') && req.body.startsWith('fail') ? 500 : 201;
    res.writeHead(status, headers).end(`${n}:${req.body}`);
  });
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const files: Record<string, string> = {
    'artifacts/apis/golden.xml': cachedApi('golden', finder('timeout="1"', '<methods>POST</methods>')),
    'artifacts/apis/long.xml': cachedApi('long', finder('timeout="600"', '')),
    'artifacts/apis/include.xml': cachedApi(
      'include',
      finder('timeout="600"', '<headersToIncludeInHash>X-Tenant</headersToIncludeInHash>'),
    ),
    'artifacts/apis/exclude.xml': cachedApi(
      'exclude',
      finder('timeout="600"', '<headersToExcludeInHash>user</headersToExcludeInHash>'),
    ),
    'artifacts/apis/codes.xml': cachedApi(
      'codes',
      finder('timeout="600"', '<responseCodes>2[0-9][0-9]</responseCodes>'),
    ),
    'artifacts/apis/maxsize.xml': cachedApi(
      'maxsize',
      finder('timeout="600"', '<methods>POST</methods>', '<implementation maxSize="2"/>'),
    ),
    'artifacts/apis/soap.xml': cachedApi('soap', finder('timeout="600"', '')),
    'artifacts/apis/getonly.xml': cachedApi('getonly', finder('timeout="600"', '<methods>GET</methods>')),
    'artifacts/apis/small.xml': cachedApi('small', finder('timeout="600" maxMessageSize="10"', '')),
    'artifacts/apis/nostore.xml': cachedApi(
      'nostore',
      finder(
        'timeout="600"',
        '<enableCacheControl>true</enableCacheControl><includeAgeHeader>true</includeAgeHeader>',
      ),
    ),
    'artifacts/apis/maxage.xml': cachedApi('maxage', finder('timeout="600"', CACHE_CONTROL)),
    'artifacts/apis/etag.xml': cachedApi('etag', finder('timeout="600"', CACHE_CONTROL)),
    'artifacts/apis/age.xml': cachedApi(
      'age',
      finder('timeout="600"', '<includeAgeHeader>true</includeAgeHeader>'),
    ),
    'artifacts/apis/onhit.xml': cachedApi(
      'onhit',
      `<cache collector="false" timeout="600"><onCacheHit>
         <log level="custom"><property name="hit" expression="$body/*"/></log>
         <header name="X-From-Cache" scope="transport" value="yes"/>
         <respond/>
       </onCacheHit></cache>`,
    ),
    'artifacts/apis/onhitseq.xml': cachedApi(
      'onhitseq',
      '<cache collector="false" timeout="600"><onCacheHit sequence="HitSeq"/></cache>',
    ),
    'artifacts/sequences/HitSeq.xml': sequenceXml(
      'HitSeq',
      '<property name="HTTP_SC" scope="axis2" value="203"/><respond/>',
    ),
    // The legacy pair (Sample 420, CachingEnabledAPI): finder in the in path, collector in the out path.
    'artifacts/proxy-services/Legacy.xml': proxyXml(
      'Legacy',
      `<inSequence>
         <cache id="legacy" scope="per-host" collector="false" timeout="600"
                hashGenerator="org.wso2.carbon.mediator.cache.digest.DOMHASHGenerator">
           <implementation type="memory" maxSize="100"/>
         </cache>
         <send><endpoint><address uri="${backend.url}/legacy"/></endpoint></send>
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
  };
  deployed = project(files, tomlFor(http));
  ({ runtime, events } = await runtimeWith(deployed));
});

afterAll(async () => {
  await runtime.stop();
  await backend.close();
});

describe('cache', () => {
  it('a hit answers with the stored status, headers and body without reaching the back end; after timeout a miss reaches it (CacheMediator.processRequestMessage, getMediatorCache: expireAfterWrite)', async () => {
    const first = await post('golden', 'hello');
    const stored = Date.now();
    expect(first.status).toBe(201);
    expect(hits('/golden')).toBe(1);
    const second = await post('golden', 'hello');
    expect(hits('/golden')).toBe(1);
    expect(second.status).toBe(first.status);
    expect(second.body).toBe(first.body);
    expect(second.headers['x-backend']).toBe(first.headers['x-backend']);
    // timeout="1": a real wait past one second, then the same request is a miss.
    await until(() => Date.now() - stored > 1100, 5000, 'the cache timeout to pass');
    const third = await post('golden', 'hello');
    expect(hits('/golden')).toBe(2);
    expect(third.status).toBe(201);
    expect(third.body).not.toBe(first.body);
    expect(third.body).toMatch(/:hello$/);
  });

  it('a different payload misses; the same one hits (HttpRequestHashGenerator.getDigest: the body is hashed for POST)', async () => {
    const a = await post('long', 'one');
    const b = await post('long', 'two');
    expect(hits('/long')).toBe(2);
    expect(b.body).not.toBe(a.body);
    expect((await post('long', 'one')).body).toBe(a.body);
    expect((await post('long', 'two')).body).toBe(b.body);
    expect(hits('/long')).toBe(2);
  });

  it('a SOAP request is hashed by its Body: a different Header (a WS-Addressing MessageID) still hits (HttpRequestHashGenerator.handlePostWithHeaders: getEnvelope().getBody())', async () => {
    const soap = (id: string, symbol: string) =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="http://www.w3.org/2005/08/addressing"><s:Header><wsa:MessageID>urn:uuid:${id}</wsa:MessageID></s:Header><s:Body><getQuote><symbol>${symbol}</symbol></getQuote></s:Body></s:Envelope>`;
    const type = 'text/xml; charset=UTF-8';
    const a = await send(`${base}/soap`, { body: soap('1111', 'IBM'), type });
    const b = await send(`${base}/soap`, { body: soap('2222', 'IBM'), type });
    expect(b.body).toBe(a.body);
    expect(hits('/soap')).toBe(1);
    const c = await send(`${base}/soap`, { body: soap('3333', 'MSFT'), type });
    expect(c.body).not.toBe(a.body);
    expect(hits('/soap')).toBe(2);
  });

  it('headersToIncludeInHash: only the named headers count (HttpRequestHashGenerator include mode)', async () => {
    const a = await post('include', 'x', { 'X-Tenant': 'a', 'X-Other': '1' });
    const b = await post('include', 'x', { 'X-Tenant': 'b', 'X-Other': '1' });
    expect(hits('/include')).toBe(2);
    expect(b.body).not.toBe(a.body);
    // Another header changes nothing: it is not in the hash.
    expect((await post('include', 'x', { 'X-Tenant': 'a', 'X-Other': '2' })).body).toBe(a.body);
    expect(hits('/include')).toBe(2);
  });

  it('headersToExcludeInHash: an excluded header does not change the hash, any other does (ExcludeHeadersWithCacheTestCase)', async () => {
    const a = await post('exclude', 'x');
    expect((await post('exclude', 'x', { user: 'Peter' })).body).toBe(a.body);
    expect(hits('/exclude')).toBe(1);
    const c = await post('exclude', 'x', { user: 'Peter', country: 'UK' });
    expect(c.body).not.toBe(a.body);
    expect(hits('/exclude')).toBe(2);
  });

  it('a response whose status does not match responseCodes is not stored (CacheMediator.processResponseMessage: responseCodePattern)', async () => {
    const a = await post('codes', 'fail');
    expect(a.status).toBe(500);
    const b = await post('codes', 'fail');
    expect(b.status).toBe(500);
    expect(b.body).not.toBe(a.body);
    expect(hits('/codes')).toBe(2);
    const ok = await post('codes', 'fine');
    expect((await post('codes', 'fine')).body).toBe(ok.body);
    expect(hits('/codes')).toBe(3);
  });

  it('maxSize evicts the oldest entry (CacheTestCase.testMaxSize: Guava maximumSize)', async () => {
    const abcd = await post('maxsize', 'ABCD');
    const abc = await post('maxsize', 'ABC');
    const ab = await post('maxsize', 'AB');
    expect(hits('/maxsize')).toBe(3);
    expect((await post('maxsize', 'AB')).body).toBe(ab.body);
    expect((await post('maxsize', 'ABC')).body).toBe(abc.body);
    expect(hits('/maxsize')).toBe(3);
    expect((await post('maxsize', 'ABCD')).body).not.toBe(abcd.body);
    expect(hits('/maxsize')).toBe(4);
  });

  it('only the methods listed are stored, and a response over maxMessageSize is not (CacheMediator.processResponseMessage)', async () => {
    await post('getonly', 'p');
    await post('getonly', 'p');
    expect(hits('/getonly')).toBe(2);
    const g = await send(`${base}/getonly`);
    expect((await send(`${base}/getonly`)).body).toBe(g.body);
    expect(hits('/getonly')).toBe(3);
    // The answer `n:a long body` is over 10 bytes.
    await post('small', 'a long body');
    await post('small', 'a long body');
    expect(hits('/small')).toBe(2);
  });

  it('enableCacheControl honours no-store; includeAgeHeader adds Age to a hit (HttpCachingFilter.isNoStore, setAgeHeader)', async () => {
    await post('nostore', 'x');
    await post('nostore', 'x');
    expect(hits('/nostore')).toBe(2);
    const first = await post('age', 'x');
    expect(first.headers.age).toBeUndefined();
    const hit = await post('age', 'x');
    expect(hit.body).toBe(first.body);
    expect(hit.headers.age).toMatch(/^\d+$/);
    expect(hits('/age')).toBe(1);
  });

  it('enableCacheControl: a stored response past its max-age goes back to the back end though the cache timeout has not passed (HttpCachingFilter.isValidCacheEntry: isCachedResponseExpired)', async () => {
    const first = await post('maxage', 'x');
    const got = Date.now();
    expect(hits('/maxage')).toBe(1);
    // max-age=1 counts from the response's Date header (whole seconds): wait past two seconds.
    await until(() => Date.now() - got > 2100, 5000, 'max-age to pass');
    const again = await post('maxage', 'x');
    expect(hits('/maxage')).toBe(2);
    expect(again.body).not.toBe(first.body);
  });

  it('enableCacheControl: no-cache with an ETag revalidates with If-None-Match, and a 304 answers with the stored response (HttpCachingFilter.isValidateResponseWithETag, CacheMediator.processResponseMessage: SC_NOT_MODIFIED)', async () => {
    const first = await post('etag', 'x');
    expect(first.status).toBe(201);
    const second = await post('etag', 'x');
    expect(hits('/etag')).toBe(2);
    const revalidation = backend.received.filter((r) => r.url === '/etag')[1]!;
    expect(revalidation.headers['if-none-match']).toBe('"v1"');
    expect(second.status).toBe(201);
    expect(second.body).toBe(first.body);
  });

  it('onCacheHit runs its mediators on the cached response instead of answering at once (CacheMediator.replaceEnvelopeWithCachedResponse)', async () => {
    const first = await post('onhit', 'x');
    expect(first.headers['x-from-cache']).toBeUndefined();
    const hit = await post('onhit', 'x');
    expect(hit.body).toBe(first.body);
    expect(hit.headers['x-from-cache']).toBe('yes');
    expect(hits('/onhit')).toBe(1);
    const logged = events.all.filter((e) => e.kind === 'log' && e.artifact?.name === 'onhit');
    expect(logged.map((e) => e.properties)).toEqual([{ hit: first.body }]);
    // onCacheHit sequence="…": the named sequence gets the cached response.
    const s1 = await post('onhitseq', 'y');
    const s2 = await post('onhitseq', 'y');
    expect([s1.status, s2.status]).toEqual([201, 203]);
    expect(s2.body).toBe(s1.body);
    expect(hits('/onhitseq')).toBe(1);
  });

  it('the legacy collector="true" in the outSequence stores what send brought back (Sample 420, CacheMediator.processResponseMessage)', async () => {
    const url = `${base}/services/Legacy`;
    const a = await send(url, { body: '<q>IBM</q>', type: 'application/xml' });
    const b = await send(url, { body: '<q>IBM</q>', type: 'application/xml' });
    expect(a.status).toBe(201);
    expect(b.body).toBe(a.body);
    expect(hits('/legacy')).toBe(1);
    // DOMHASHGenerator hashes the body only.
    const c = await send(url, { body: '<q>MSFT</q>', type: 'application/xml' });
    expect(c.body).not.toBe(a.body);
    expect(hits('/legacy')).toBe(2);
  });

  it('a new deployment starts with empty caches (CacheMediator: a new mediator, a new cache; destroy removes the old one)', async () => {
    const before = await post('long', 'again');
    expect((await post('long', 'again')).body).toBe(before.body);
    const n = hits('/long');
    const result = await runtime.deploy(deployed);
    expect(result.ok).toBe(true);
    const after = await post('long', 'again');
    expect(hits('/long')).toBe(n + 1);
    expect(after.body).not.toBe(before.body);
  });

  it('a collector on the request path faults (CacheMediator.processRequestMessage: "Request messages cannot be handled in a collector cache")', async () => {
    const r = await send(`${base}/services/CollectorIn`, { body: 'x', type: 'text/plain' });
    expect(r.body).toBe('refused');
    const logged = events.all.filter((e) => e.kind === 'log' && e.artifact?.name === 'CollectorIn');
    expect(logged.map((e) => e.properties)).toEqual([
      { error: 'Request messages cannot be handled in a collector cache' },
    ]);
  });
});
