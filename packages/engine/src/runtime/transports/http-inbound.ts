/**
 * HTTP and HTTPS inbound endpoints (MI's InboundHttpListener and InboundHttpServerWorker): each is
 * an HTTP(S) listener of its own on `inbound.http.port`. A request goes to an API bound to the
 * endpoint (`binds-to`, InboundApiHandler) when one claims it, else to the endpoint's sequence
 * with its onError. With `dispatch.filter.pattern`, a request URI the pattern matches goes to the
 * project's APIs and proxy services (else main), and any other one to main.
 */
import type { SequenceSlot } from '../mediation/mediation-types.js';
import type { ApiRoute, HttpRoutes } from './http-routes.js';

/** An HTTP(S) inbound endpoint's settings, resolved at deploy time. */
export interface HttpInboundConfig {
  readonly name: string;
  readonly port: number;
  readonly protocol: 'http' | 'https';
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer; readonly passphrase?: string };
  /** Its `sequence` (main when it names none). */
  readonly sequence: SequenceSlot;
  /** Its `onError`, else the global fault sequence. */
  readonly fault: SequenceSlot;
  /** The APIs bound to it (`binds-to` naming it), most specific context first. */
  readonly apis: readonly ApiRoute[];
  /** `dispatch.filter.pattern`, compiled to match a whole request URI. */
  readonly pattern?: RegExp;
}

/** The routes of an inbound endpoint's listener, given the project's (main listener's) routes. */
export function inboundRoutes(c: HttpInboundConfig, project: HttpRoutes): HttpRoutes {
  const inbound = { type: 'inboundEndpoint' as const, name: c.name };
  const own: HttpRoutes = {
    proxies: new Map(),
    apis: c.apis,
    // With a pattern, what it does not match goes to main (injectToMainSequence), not the sequence.
    main: c.pattern ? project.main : c.sequence,
    fault: c.fault,
    inbound,
  };
  if (!c.pattern) return own;
  const apis = [...c.apis, ...project.apis].sort((x, y) => y.context.length - x.context.length);
  return {
    ...own,
    dispatchFilter: { pattern: c.pattern, routes: { ...own, proxies: project.proxies, apis } },
  };
}
