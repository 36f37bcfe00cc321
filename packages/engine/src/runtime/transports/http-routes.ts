/**
 * Routing of HTTP requests to proxies (`/services/<name>`) and API resources (context +
 * uri-template or url-mapping + method), compiled at deploy time.
 */
import type { ArtifactScope, MessageContext } from '../message/message-context.js';
import type { SequenceSlot, Step } from '../mediation/mediation-types.js';

/** The scheme of the listener a request came in on. */
export type HttpScheme = 'http' | 'https';

/** A compiled entry point: the in-flow and what surrounds it. */
export interface HttpEntry {
  readonly type: 'proxy' | 'api';
  readonly name: string;
  readonly run: Step;
  /** The listeners it is exposed on (a proxy's `transports`); undefined means both. */
  readonly transports?: ReadonlySet<HttpScheme>;
  /** The fault sequence (target or resource faultSequence, else the global fault). */
  readonly fault: SequenceSlot;
  /** The out path: outSequence, if any. */
  readonly responsePath?: Step;
}

/** A resource of an API with its matcher. */
export interface ApiResourceRoute extends HttpEntry {
  readonly methods: ReadonlySet<string>;
  /** Returns the template variables when the sub-path matches, else undefined. */
  match(subPath: string): Record<string, string> | undefined;
}

export interface ApiRoute {
  readonly name: string;
  /** Context (with `/version` for url-versioned APIs), without a trailing slash. */
  readonly context: string;
  readonly resources: readonly ApiResourceRoute[];
  /** `transports="http"` or `"https"`: the only listener the API is on; undefined means both. */
  readonly transports?: ReadonlySet<HttpScheme>;
  /**
   * `_resource_mismatch_handler_`: run when the context matches but no resource does (MI's
   * `RESTConstants.NO_MATCHING_RESOURCE_HANDLER`); without it the answer is 404.
   */
  readonly mismatch?: SequenceSlot;
}

/** Everything the HTTP listener routes to; swapped whole on deploy. */
export interface HttpRoutes {
  readonly proxies: ReadonlyMap<string, HttpEntry>;
  readonly apis: readonly ApiRoute[];
  readonly main: SequenceSlot;
  readonly fault: SequenceSlot;
  /**
   * On an HTTP inbound endpoint's listener: the endpoint, the artifact its requests run in when
   * no API or proxy takes them (InboundHttpServerWorker.injectToSequence).
   */
  readonly inbound?: ArtifactScope;
  /**
   * An inbound endpoint's `dispatch.filter.pattern`: a request URI it matches is routed with
   * `routes` instead (APIs and proxies, else main).
   */
  readonly dispatchFilter?: { readonly pattern: RegExp; readonly routes: HttpRoutes };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for `uri-template` (with `{var}`) or `url-mapping` (`/x/*`, `*.ext`, exact). */
export function resourceMatcher(
  uriTemplate: string | undefined,
  urlMapping: string | undefined,
): (subPath: string) => Record<string, string> | undefined {
  if (urlMapping !== undefined) {
    const m = urlMapping.trim();
    if (m === '/*' || m === '*' || m === '') return () => ({});
    if (m.startsWith('*.')) return (p) => (p.endsWith(m.slice(1)) ? {} : undefined);
    if (m.endsWith('/*')) {
      const base = m.slice(0, -2);
      return (p) => (p === base || p.startsWith(`${base}/`) ? {} : undefined);
    }
    return (p) => (p === m || p === `${m}/` ? {} : undefined);
  }
  if (uriTemplate === undefined) return () => ({});
  const [pathPart, queryPart] = uriTemplate.split('?', 2) as [string, string | undefined];
  const names: string[] = [];
  const pattern = pathPart
    .split(/(\{[^}]+\})/)
    .map((piece) => {
      const v = /^\{([^}]+)\}$/.exec(piece);
      if (!v) return escapeRegex(piece);
      names.push((v[1] as string).replace(/^[+#]/, ''));
      return v[1]!.startsWith('+') ? '(.+)' : '([^/]+)';
    })
    .join('');
  const re = new RegExp(`^${pattern}/?$`);
  const queryVars = queryPart
    ? [...queryPart.matchAll(/([^&=]+)=\{([^}]+)\}/g)].map((m) => [m[1] as string, m[2] as string] as const)
    : [];
  return (p) => {
    const m = re.exec(p);
    if (!m) return undefined;
    const vars: Record<string, string> = {};
    names.forEach((n, i) => (vars[n] = safeDecode(m[i + 1] ?? '')));
    for (const [q, v] of queryVars) vars[`__query:${q}`] = v;
    return vars;
  };
}

/** The result of routing a request. */
export type RouteMatch =
  | {
      readonly kind: 'entry';
      readonly entry: HttpEntry;
      readonly params?: Record<string, string>;
      /** The path after `/services/<name>` or after the API context (MI's REST_URL_POSTFIX, without the query). */
      readonly postfix: string;
    }
  /** An API resource matches the path but not the method (MI: 405). */
  | { readonly kind: 'method-not-allowed'; readonly allowed: string[] }
  /** An API's context matches but none of its resources does (MI: 404, not the main sequence). */
  | { readonly kind: 'no-resource'; readonly api: ApiRoute }
  /** The proxy exists but is not exposed on this listener's transport (Axis2 rejects it). */
  | { readonly kind: 'transport-not-allowed'; readonly entry: HttpEntry }
  | { readonly kind: 'none' };

function safeDecode(s: string): string {
  // Most paths have nothing encoded: no need to ask the decoder.
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Finds the proxy or API resource for a method and path on a listener. Like MI's
 * RESTRequestHandler, the API whose context (and transport) matches takes the request, and its
 * answer stands (a resource, 405, or 404); a path no proxy or API claims goes to main.
 */
export function route(
  routes: HttpRoutes,
  method: string,
  path: string,
  scheme: HttpScheme = 'http',
): RouteMatch {
  if (path === '/services' || path.startsWith('/services/')) {
    const segment = path.slice('/services/'.length).split(/[/?]/)[0] ?? '';
    const proxy = routes.proxies.get(safeDecode(segment));
    if (proxy) {
      return proxy.transports && !proxy.transports.has(scheme)
        ? { kind: 'transport-not-allowed', entry: proxy }
        : { kind: 'entry', entry: proxy, postfix: path.slice('/services/'.length + segment.length) };
    }
  }
  // APIs come most specific context first. MI refuses two APIs with one context; should a
  // project have them anyway, each is tried before the request counts as unmatched.
  let allowed: string[] | undefined;
  let claimedBy: ApiRoute | undefined;
  for (const api of routes.apis) {
    if (api.transports && !api.transports.has(scheme)) continue;
    if (path !== api.context && !path.startsWith(`${api.context}/`)) continue;
    if (claimedBy && claimedBy.context !== api.context) break;
    claimedBy = api;
    const sub = path.slice(api.context.length) || '/';
    for (const r of api.resources) {
      const params = r.match(sub);
      if (!params) continue;
      if (r.methods.size && !r.methods.has(method)) {
        allowed = [...(allowed ?? []), ...[...r.methods].filter((m) => !allowed?.includes(m))];
        continue;
      }
      return { kind: 'entry', entry: r, params, postfix: path.slice(api.context.length) };
    }
  }
  if (allowed) return { kind: 'method-not-allowed', allowed };
  return claimedBy ? { kind: 'no-resource', api: claimedBy } : { kind: 'none' };
}

/** Puts URL parameters where Synapse expressions find them (`$url:x`, `uri.var.x`, `query.param.x`). */
export function applyUrlParams(
  ctx: MessageContext,
  params: Record<string, string> | undefined,
  query: URLSearchParams | undefined,
): void {
  const all: Record<string, string> = {};
  for (const [k, v] of query ?? []) {
    all[k] = v;
    ctx.setProperty('default', `query.param.${k}`, v);
  }
  for (const [k, v] of Object.entries(params ?? {})) {
    if (k.startsWith('__query:')) continue;
    all[k] = v;
    ctx.setProperty('default', `uri.var.${k}`, v);
  }
  ctx.urlParams = all;
}
