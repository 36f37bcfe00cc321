/**
 * The `<protocol>` settings of a finder cache, read as CacheMediatorFactory reads them, for
 * validation (what MI refuses or ignores) and for the runtime (what it hashes and stores).
 * Browser-safe: no Node modules.
 */
import { javaRegex } from '../expressions/java-regex.js';
import { attribute, childElement, elementChildren, localName, textContent } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import type { ElementIssue } from './catalog-types.js';

/** How the request hash is made (the digest generator class MI would load). */
export type CacheHashKind = 'http' | 'dom' | 'request';

/** What a finder cache's `<protocol>` (or its absence) amounts to. */
export interface CacheProtocolSettings {
  /** CacheMediator.protocolType, upper-cased; HTTP by default. */
  readonly protocolType: string;
  /** HTTP methods whose responses are stored; `*` for all. */
  readonly methods: readonly string[];
  /** Headers hashed (include mode) when the first is not empty; `*` for all. */
  readonly headersToInclude: readonly string[];
  /** Headers left out of the hash (exclude mode); `*` for all. */
  readonly headersToExclude: readonly string[];
  /** A Java regex the response status must match as a whole. */
  readonly responseCodes: string;
  readonly enableCacheControl: boolean;
  readonly includeAgeHeader: boolean;
  readonly hash: CacheHashKind;
}

const DIGEST_PACKAGE = 'org.wso2.carbon.mediator.cache.digest.';
const LEGACY_PACKAGE = 'org.wso2.caching.digest.';
/** The digest generators MI ships, by class name. */
const HASH_CLASSES: Readonly<Record<string, CacheHashKind>> = {
  [`${DIGEST_PACKAGE}HttpRequestHashGenerator`]: 'http',
  [`${DIGEST_PACKAGE}DOMHASHGenerator`]: 'dom',
  [`${DIGEST_PACKAGE}REQUESTHASHGenerator`]: 'request',
};

/** The methods CacheMediatorFactory accepts in `<methods>`. */
const METHODS = new Set(['POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'PATCH', '*']);
const PROTOCOL_CHILDREN = new Set([
  'methods',
  'headersToExcludeInHash',
  'headersToIncludeInHash',
  'responseCodes',
  'enableCacheControl',
  'includeAgeHeader',
  'hashGenerator',
]);

/** A comma list as the factory splits it: `String.split(",")` with each part trimmed. */
function commaList(text: string): string[] {
  const parts = text.split(',').map((s) => s.trim());
  // Java's split drops trailing empty strings (but "" alone stays [""]).
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The settings of a finder cache and the problems MI's factory would see in them. */
export function readCacheProtocol(el: XmlElement): {
  settings: CacheProtocolSettings;
  issues: ElementIssue[];
} {
  const issues: ElementIssue[] = [];
  let protocolType = 'HTTP';
  let methods: string[] = ['*'];
  let include: string[] = [''];
  let exclude: string[] = [''];
  let responseCodes = '.*';
  let enableCacheControl = false;
  let includeAgeHeader = false;
  let className: string | undefined;
  let classAt: XmlElement = el;
  const protocol = childElement(el, 'protocol');
  const type = protocol && attribute(protocol, 'type');
  if (protocol && type !== undefined) {
    const hashEl = childElement(protocol, 'hashGenerator');
    if (hashEl) [className, classAt] = [textContent(hashEl).trim(), hashEl];
    protocolType = type.trim().toUpperCase();
    if (protocolType !== 'HTTP')
      issues.push({
        code: 'CACHE_PROTOCOL_TYPE',
        severity: 'warning',
        message: `Cache protocol type '${type}': only HTTP has settings; MI reads none of the others.`,
        at: protocol,
      });
    else {
      const text = (name: string) => {
        const c = childElement(protocol, name);
        return c ? textContent(c) : undefined;
      };
      const m = text('methods');
      if (m !== undefined && commaList(m)[0] !== '') {
        methods = commaList(m).map((s) => s.toUpperCase());
        for (const bad of methods.filter((s) => !METHODS.has(s)))
          issues.push({
            code: 'CACHE_METHOD',
            message: `Cache <methods>: unexpected method type '${bad}' (MI refuses it); use GET, POST, PUT, DELETE, HEAD, OPTIONS, CONNECT, PATCH or *.`,
            at: childElement(protocol, 'methods'),
          });
      }
      const inc = text('headersToIncludeInHash');
      if (inc !== undefined) include = commaList(inc);
      const exc = text('headersToExcludeInHash');
      if (exc !== undefined) exclude = commaList(exc);
      const codes = text('responseCodes');
      if (codes) responseCodes = codes;
      try {
        javaRegex(responseCodes);
      } catch (e) {
        issues.push({
          code: 'CACHE_RESPONSE_CODES',
          message: `Cache <responseCodes> is not a valid regular expression: ${(e as Error).message}`,
          at: childElement(protocol, 'responseCodes'),
        });
      }
      const flag = (name: string): boolean | undefined => {
        const t = text(name);
        if (!t) return undefined;
        if (!/^(true|false)$/i.test(t.trim()))
          issues.push({
            code: 'CACHE_BOOLEAN',
            severity: 'warning',
            message: `Cache <${name}> is '${t}'; MI reads anything but 'true' as false.`,
            at: childElement(protocol, name),
          });
        return t.trim().toLowerCase() === 'true';
      };
      enableCacheControl = flag('enableCacheControl') ?? false;
      const age = flag('includeAgeHeader');
      if (age !== undefined) includeAgeHeader = age;
      else if (enableCacheControl) {
        // CacheMediatorFactory: a missing <includeAgeHeader> resets cacheControlEnabled to false.
        enableCacheControl = false;
        issues.push({
          code: 'CACHE_CONTROL_RESET',
          severity: 'warning',
          message:
            'Cache <enableCacheControl> has no effect without <includeAgeHeader> (MI resets it when that element is missing).',
          at: childElement(protocol, 'enableCacheControl'),
        });
      }
    }
    for (const c of elementChildren(protocol))
      if (!PROTOCOL_CHILDREN.has(localName(c.name)))
        issues.push({
          code: 'CACHE_CHILD_IGNORED',
          severity: 'warning',
          message: `<${localName(c.name)}> in a cache's <protocol> is ignored (as in MI).`,
          at: c,
        });
  } else if (protocol) {
    issues.push({
      code: 'CACHE_PROTOCOL_NO_TYPE',
      severity: 'warning',
      message: 'A cache <protocol> without a \'type\' is ignored (as in MI): give type="HTTP".',
      at: protocol,
    });
  } else {
    className = attribute(el, 'hashGenerator')?.trim();
  }
  let hash: CacheHashKind = 'http';
  if (className) {
    const known = HASH_CLASSES[className];
    // The WSO2 ESB's package for the same generators: MI 4 cannot load it, Mediate reads it as the same one.
    const legacy = HASH_CLASSES[className.replace(LEGACY_PACKAGE, DIGEST_PACKAGE)];
    if (known) hash = known;
    else if (legacy && className.startsWith(LEGACY_PACKAGE)) {
      hash = legacy;
      issues.push({
        code: 'CACHE_HASH_GENERATOR',
        severity: 'warning',
        message: `Cache hash generator '${className}' is the WSO2 ESB's name, which MI 4 cannot load; Mediate hashes as ${className.replace(LEGACY_PACKAGE, DIGEST_PACKAGE)} does.`,
        at: classAt,
      });
    } else
      issues.push({
        code: 'CACHE_HASH_GENERATOR',
        severity: 'warning',
        message: `Cache hash generator '${className}' is not one MI ships; Mediate hashes the request as HttpRequestHashGenerator does.`,
        at: classAt,
      });
  }
  return {
    settings: {
      protocolType,
      methods,
      headersToInclude: include,
      headersToExclude: exclude,
      responseCodes,
      enableCacheControl,
      includeAgeHeader,
      hash,
    },
    issues,
  };
}
