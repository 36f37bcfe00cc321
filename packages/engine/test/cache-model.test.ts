/**
 * The cache mediator in the model: reading the finder and collector forms (MI 4.x protocol and
 * legacy attributes), onCacheHit as a branch, byte-for-byte round trip, located diagnostics for
 * what CacheMediatorFactory refuses (errors) or ignores (warnings), and MI's own cache configs
 * and the corpus's validating.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sequenceProject } from './model-helpers.js';
import {
  buildProject,
  findArtifact,
  insertMediator,
  serializeArtifact,
  validateProject,
  type MediatorNode,
  type Project,
} from '../src/model/index.js';
import { readCacheProtocol } from '../src/model/catalog/cache-protocol.js';
import { decodeXmlBytes } from '../src/model/xml/xml-encoding.js';
import { HAS_SHARED, SHARED_DIR, SHARED_SKIP_REASON } from './shared-dir.js';

const SEQ = `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">
    <cache collector="false" timeout="20" maxMessageSize="1000">
        <onCacheHit>
            <log/>
            <respond/>
        </onCacheHit>
        <protocol type="http">
            <methods>get, POST</methods>
            <headersToIncludeInHash>X-Tenant , Accept</headersToIncludeInHash>
            <responseCodes>2[0-9][0-9]</responseCodes>
            <enableCacheControl>true</enableCacheControl>
            <includeAgeHeader>false</includeAgeHeader>
        </protocol>
        <implementation maxSize="50"/>
    </cache>
    <cache id="old" scope="per-host" collector="false" hashGenerator="org.wso2.carbon.mediator.cache.digest.DOMHASHGenerator" timeout="30">
        <onCacheHit sequence="other"/>
        <implementation type="memory" maxSize="10"/>
    </cache>
    <call/>
    <cache collector="true"/>
    <respond/>
</sequence>
`;
const OTHER = `<sequence name="other" xmlns="http://ws.apache.org/ns/synapse"><respond/></sequence>`;
const ref = { type: 'sequence', name: 's' } as const;

const project = (xml = SEQ): Project => sequenceProject(xml, { 'artifacts/sequences/other.xml': OTHER });

const body = (p: Project): readonly MediatorNode[] => findArtifact(p, ref)!.lists[0]!.mediators;

/** The diagnostics of a one-sequence project with `cache` as its body. */
function diagnosticsOf(cache: string) {
  const xml = `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">\n${cache}\n</sequence>`;
  return validateProject(project(xml))
    .filter((d) => d.artifact === 's')
    .map((d) => ({ severity: d.severity, code: d.code, message: d.message }));
}

describe('cache: reading', () => {
  it('reads the finder, the legacy finder and the collector; onCacheHit is a branch (CacheMediatorFactory)', () => {
    const [finder, legacy, , collector] = body(project());
    expect(finder!.kind).toBe('cache');
    expect(finder!.values).toMatchObject({
      collector: 'false',
      timeout: '20',
      maxMessageSize: '1000',
      protocol: { type: 'http' },
      implementation: { maxSize: '50' },
    });
    expect(finder!.branches.onCacheHit!.map((m) => m.kind)).toEqual(['log', 'respond']);
    expect(legacy!.values).toMatchObject({
      id: 'old',
      scope: 'per-host',
      hashGenerator: 'org.wso2.carbon.mediator.cache.digest.DOMHASHGenerator',
      implementation: { type: 'memory', maxSize: '10' },
    });
    expect(legacy!.branches.onCacheHit).toEqual([]);
    expect(collector!.values.collector).toBe('true');
  });

  it('reads the protocol as the factory does: type and methods upper-cased, lists trimmed, defaults (CacheMediatorFactory.createSpecificMediator)', () => {
    const [finder, legacy] = body(project());
    expect(readCacheProtocol(finder!.element).settings).toEqual({
      protocolType: 'HTTP',
      methods: ['GET', 'POST'],
      headersToInclude: ['X-Tenant', 'Accept'],
      headersToExclude: [''],
      responseCodes: '2[0-9][0-9]',
      enableCacheControl: true,
      includeAgeHeader: false,
      hash: 'http',
    });
    // No <protocol>: every default, and the hash generator from the attribute.
    expect(readCacheProtocol(legacy!.element).settings).toMatchObject({
      methods: ['*'],
      responseCodes: '.*',
      enableCacheControl: false,
      hash: 'dom',
    });
  });

  it('round-trips byte for byte, and validates with no diagnostics', () => {
    const p = project();
    expect(serializeArtifact(findArtifact(p, ref)!)).toBe(SEQ);
    expect(validateProject(p)).toEqual([]);
  });

  it('a mediator dropped into onCacheHit goes inside <onCacheHit>', () => {
    const p = insertMediator(project(), {
      artifact: ref,
      list: ['sequence', 0, 'onCacheHit'],
      index: 0,
      xml: '<drop/>',
    });
    expect(body(p)[0]!.branches.onCacheHit!.map((m) => m.kind)).toEqual(['drop', 'log', 'respond']);
    expect(serializeArtifact(findArtifact(p, ref)!)).toBe(
      SEQ.replace('<onCacheHit>\n', '<onCacheHit>\n            <drop/>\n'),
    );
  });
});

describe('cache: validation (CacheMediatorFactory)', () => {
  it.each([
    ['<cache timeout="10"/>', 'error', 'REQUIRED_FIELD', "'collector'"],
    ['<cache collector="yes"/>', 'error', 'ENUM_VALUE', 'collector'],
    ['<cache collector="false" timeout="soon"/>', 'error', 'INTEGER_VALUE', 'timeout'],
    [
      '<cache collector="false"><implementation maxSize="many"/></cache>',
      'error',
      'INTEGER_VALUE',
      'maxSize',
    ],
    [
      '<cache collector="false"><protocol type="HTTP"><methods>GET, FETCH</methods></protocol></cache>',
      'error',
      'CACHE_METHOD',
      "'FETCH'",
    ],
    [
      '<cache collector="false"><protocol type="HTTP"><responseCodes>2[0-9</responseCodes></protocol></cache>',
      'error',
      'CACHE_RESPONSE_CODES',
      'responseCodes',
    ],
    [
      '<cache collector="false"><onCacheHit sequence="nowhere"/></cache>',
      'error',
      'REF_SEQUENCE_MISSING',
      "'nowhere'",
    ],
    [
      '<cache collector="false"><protocol type="HTTP"><hashGenerator>com.acme.Hash</hashGenerator></protocol></cache>',
      'warning',
      'CACHE_HASH_GENERATOR',
      'com.acme.Hash',
    ],
    ['<cache collector="true" timeout="10"/>', 'warning', 'CACHE_COLLECTOR_IGNORES', 'timeout'],
    [
      '<cache collector="true"><onCacheHit><drop/></onCacheHit></cache>',
      'warning',
      'CACHE_COLLECTOR_IGNORES',
      'onCacheHit',
    ],
    [
      '<cache collector="false"><protocol><methods>GET</methods></protocol></cache>',
      'warning',
      'CACHE_PROTOCOL_NO_TYPE',
      "'type'",
    ],
    ['<cache collector="false"><protocol type="TCP"/></cache>', 'warning', 'CACHE_PROTOCOL_TYPE', 'TCP'],
    [
      '<cache collector="false"><protocol type="HTTP"><enableCacheControl>true</enableCacheControl></protocol></cache>',
      'warning',
      'CACHE_CONTROL_RESET',
      'includeAgeHeader',
    ],
    [
      '<cache collector="false"><protocol type="HTTP"><includeAgeHeader>yes</includeAgeHeader></protocol></cache>',
      'warning',
      'CACHE_BOOLEAN',
      'includeAgeHeader',
    ],
    [
      '<cache collector="false"><protocol type="HTTP"><method>GET</method></protocol></cache>',
      'warning',
      'CACHE_CHILD_IGNORED',
      '<method>',
    ],
    ['<cache collector="false"><log/></cache>', 'warning', 'CACHE_CHILD_IGNORED', '<log>'],
    [
      '<cache collector="false"><onCacheHit sequence="other"><drop/></onCacheHit></cache>',
      'warning',
      'CACHE_ON_HIT_SHADOWED',
      'sequence',
    ],
    [
      '<cache collector="false"><implementation type="distributed"/></cache>',
      'warning',
      'CACHE_IMPLEMENTATION_TYPE',
      'distributed',
    ],
  ])('%s gives %s %s', (xml, severity, code, named) => {
    const found = diagnosticsOf(xml);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity, code });
    expect(found[0]!.message).toContain(named);
  });
});

/** MI's own integration-test configs (tests-mediator-1) that the corpus does not hold. */
const MI_CONFIGS = {
  CacheResponseCodeRegex: `<api xmlns="http://ws.apache.org/ns/synapse" name="CacheResponseCodeRegex" context="/ResponseCodeRegex">
    <resource methods="GET"><inSequence>
        <header name="Accept" scope="transport" value="application/json"/>
        <cache collector="false" timeout="5000">
            <protocol type="HTTP">
                <methods>GET</methods>
                <headersToExcludeInHash/>
                <responseCodes>[2-4][0-9][0-9]</responseCodes>
                <hashGenerator>org.wso2.carbon.mediator.cache.digest.HttpRequestHashGenerator</hashGenerator>
            </protocol>
        </cache>
        <send><endpoint><address uri="http://localhost:8480/services/ResponseCodeGenerator"/></endpoint></send>
    </inSequence><outSequence><cache collector="true"/><send/></outSequence></resource>
</api>`,
  CachingEnabledAPI: `<api xmlns="http://ws.apache.org/ns/synapse" context="/cachingEnabledApi" name="caching_enabled_api">
    <resource methods="GET"><inSequence>
        <cache collector="false" hashGenerator="org.wso2.carbon.mediator.cache.digest.DOMHASHGenerator" scope="per-host" timeout="20">
            <implementation maxSize="100" type="memory"/>
        </cache>
        <send><endpoint><http uri-template="http://localhost:8480"/></endpoint></send>
    </inSequence><outSequence><cache collector="true" scope="per-host"/><send/></outSequence></resource>
</api>`,
  CacheExcludeMultipleHeaderApi: `<api xmlns="http://ws.apache.org/ns/synapse" name="CacheExcludeMultipleHeaderApi" context="/excludeMultipleHeaders">
    <resource methods="POST"><inSequence>
        <cache collector="false" timeout="20">
            <protocol type="HTTP">
                <methods>POST</methods>
                <headersToExcludeInHash>user, country</headersToExcludeInHash>
                <responseCodes>.*</responseCodes>
                <hashGenerator>org.wso2.carbon.mediator.cache.digest.HttpRequestHashGenerator</hashGenerator>
            </protocol>
        </cache>
        <send><endpoint><address uri="http://localhost:9000/services/SimpleStockQuoteService" format="soap11"/></endpoint></send>
    </inSequence><outSequence><cache collector="true"/><send/></outSequence></resource>
</api>`,
};

describe("cache: MI's integration-test configs", () => {
  it.each(Object.entries(MI_CONFIGS))('%s validates with no diagnostics', (name, xml) => {
    const { project: p, diagnostics } = buildProject('', [{ path: `artifacts/apis/${name}.xml`, text: xml }]);
    expect(diagnostics).toEqual([]);
    expect(validateProject(p)).toEqual([]);
  });
});

const corpus = join(SHARED_DIR, 'conformance', 'synapse-corpus');

describe.skipIf(!HAS_SHARED)(
  HAS_SHARED ? 'cache: the corpus' : `cache: the corpus (${SHARED_SKIP_REASON})`,
  () => {
    it('every corpus file with a cache mediator gives no cache error', () => {
      const files = ['micro-integrator', 'apache-synapse'].flatMap((d) =>
        readdirSync(join(corpus, d)).map((f) => join(corpus, d, f)),
      );
      const withCache = files
        .map((f) => ({ f, text: decodeXmlBytes(readFileSync(f)) }))
        .filter(({ text }) => /<cache[\s>/]/.test(text));
      expect(withCache.length).toBeGreaterThanOrEqual(10);
      for (const { f, text } of withCache) {
        const { project: p, diagnostics } = buildProject('', [{ path: f, text }]);
        const errors = [...diagnostics, ...validateProject(p)].filter(
          (d) => d.severity === 'error' && !/^REF_[A-Z_]+_MISSING$/.test(d.code),
        );
        expect(errors, f).toEqual([]);
      }
    });
  },
);
