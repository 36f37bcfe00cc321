/*
 * Finder (request path):
 * <cache collector="false" [timeout="seconds"] [maxMessageSize="bytes"]
 *        [id="…"] [scope="per-host|per-mediator"] [hashGenerator="class"]>
 *    [<onCacheHit [sequence="key"]>mediator*</onCacheHit>]
 *    [<protocol type="HTTP">
 *        [<methods>GET, POST, …|*</methods>]
 *        [<headersToExcludeInHash>h1, h2|*</headersToExcludeInHash>]
 *        [<headersToIncludeInHash>h1, h2|*</headersToIncludeInHash>]
 *        [<responseCodes>javaRegex</responseCodes>]
 *        [<enableCacheControl>true|false</enableCacheControl>]
 *        [<includeAgeHeader>true|false</includeAgeHeader>]
 *        [<hashGenerator>class</hashGenerator>]
 *    </protocol>]
 *    [<implementation [type="memory"] [maxSize="n"]/>]
 * </cache>
 * Collector (response path): <cache collector="true" [scope="…"]/>
 *
 * MI: CacheMediatorFactory, CacheMediator. `collector` is required. A finder hashes the request;
 * on a hit it answers from the cache (or runs onCacheHit), on a miss the flow goes on and the
 * collector the response reaches (after `call`, or in the outSequence after `send`) stores it.
 * The protocol's settings are edited in Source (cache-protocol.ts reads them).
 */
import { attribute, childElement, elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import type { ElementIssue, MediatorDefinition, RuleIssue } from './catalog-types.js';
import { readCacheProtocol } from './cache-protocol.js';
import { COMMON_FIELDS } from './common-fields.js';

/** The children a finder reads (CacheMediatorFactory); everything else is ignored. */
const FINDER_CHILDREN = new Set(['onCacheHit', 'protocol', 'implementation', 'description']);

/** What MI's factory refuses or ignores beyond the fields. */
function cacheIssues(el: XmlElement): ElementIssue[] {
  if (attribute(el, 'collector') !== 'false') return [];
  const issues = [...readCacheProtocol(el).issues];
  for (const c of elementChildren(el))
    if (!FINDER_CHILDREN.has(localName(c.name)))
      issues.push({
        code: 'CACHE_CHILD_IGNORED',
        severity: 'warning',
        message: `<${localName(c.name)}> directly in <cache> is ignored (as in MI); put mediators in <onCacheHit>.`,
        at: c,
      });
  const hit = childElement(el, 'onCacheHit');
  if (hit && attribute(hit, 'sequence') !== undefined && elementChildren(hit).length > 0)
    issues.push({
      code: 'CACHE_ON_HIT_SHADOWED',
      severity: 'warning',
      message: "onCacheHit runs its 'sequence' only; the mediators inside it are ignored (as in MI).",
      at: hit,
    });
  return issues;
}

/** The cache mediator: answers repeated requests from an in-memory cache of responses. */
export const cache = {
  kind: 'cache',
  tag: 'cache',
  label: 'Cache',
  group: 'Flow control',
  icon: 'cache',
  description:
    'A finder (collector false) answers a request seen before from the cache, or lets it go on; a collector (collector true) on the response path stores the response. Protocol settings are edited in Source.',
  fields: [
    {
      type: 'enum',
      key: 'collector',
      label: 'Collector',
      values: ['false', 'true'],
      required: true,
      help: 'false: finder on the request path; true: collector on the response path.',
    },
    {
      type: 'integer',
      key: 'timeout',
      label: 'Timeout (s)',
      default: '5000',
      help: 'Seconds a stored response stays valid.',
    },
    {
      type: 'integer',
      key: 'maxMessageSize',
      label: 'Max message size',
      help: 'Responses larger than this many bytes are not stored.',
    },
    {
      type: 'string',
      key: 'id',
      label: 'ID',
      help: 'Finders with the same id share one cache.',
    },
    {
      type: 'string',
      key: 'scope',
      label: 'Scope',
      help: 'per-host or per-mediator; kept, but MI 4 ignores it.',
    },
    {
      type: 'string',
      key: 'hashGenerator',
      label: 'Hash generator',
      help: 'The digest class (legacy form); read only when there is no <protocol>.',
    },
    {
      type: 'child',
      key: 'protocol',
      element: 'protocol',
      label: 'Protocol',
      fields: [{ type: 'string', key: 'type', label: 'Type', help: 'HTTP' }],
    },
    {
      type: 'child',
      key: 'implementation',
      element: 'implementation',
      label: 'Implementation',
      fields: [
        {
          type: 'integer',
          key: 'maxSize',
          label: 'Max entries',
          help: 'The oldest entry is evicted beyond this many.',
        },
        { type: 'string', key: 'type', label: 'Type', help: 'memory' },
      ],
    },
    ...COMMON_FIELDS,
  ],
  branches: [
    {
      key: 'onCacheHit',
      label: 'On cache hit',
      element: 'onCacheHit',
      fields: [
        {
          type: 'sequence',
          key: 'sequence',
          label: 'Sequence',
          help: 'Runs this sequence on a hit instead of the mediators inside.',
        },
      ],
    },
  ],
  rules: (v, at) => {
    const issues: RuleIssue[] = [];
    if (v.collector === 'true') {
      // CacheMediatorFactory reads only `scope` of a collector. The legacy form's `id` names the
      // pair; MI 4 pairs them through the message (the finder's CachableResponse), so it is let be.
      const ignored = ['timeout', 'maxMessageSize', 'hashGenerator', 'protocol', 'implementation'].filter(
        (k) => v[k] !== undefined,
      );
      if (at && childElement(at.element, 'onCacheHit')) ignored.push('onCacheHit');
      if (ignored.length > 0)
        issues.push({
          code: 'CACHE_COLLECTOR_IGNORES',
          field: 'collector',
          severity: 'warning',
          message: `A collector cache ignores ${ignored.join(', ')} (as in MI); set them on the finder (collector="false").`,
        });
    }
    const impl = v.implementation as { type?: string } | undefined;
    if (v.collector === 'false' && impl?.type !== undefined && impl.type.trim() !== 'memory')
      issues.push({
        code: 'CACHE_IMPLEMENTATION_TYPE',
        field: 'implementation',
        severity: 'warning',
        message: `Cache implementation type '${impl.type}': Mediate keeps the cache in memory.`,
      });
    return issues;
  },
  checkElement: cacheIssues,
  summary: (v) =>
    v.collector === 'true'
      ? 'cache collector'
      : `cache ${String(v.timeout ?? '5000')} s${v.id ? ` (${String(v.id)})` : ''}`,
  template:
    '<cache collector="false" timeout="60">\n    <protocol type="HTTP">\n        <methods>GET</methods>\n        <headersToExcludeInHash/>\n        <responseCodes>2[0-9][0-9]</responseCodes>\n        <enableCacheControl>false</enableCacheControl>\n        <includeAgeHeader>false</includeAgeHeader>\n        <hashGenerator>org.wso2.carbon.mediator.cache.digest.HttpRequestHashGenerator</hashGenerator>\n    </protocol>\n    <implementation maxSize="1000"/>\n</cache>',
} as const satisfies MediatorDefinition<'cache'>;
