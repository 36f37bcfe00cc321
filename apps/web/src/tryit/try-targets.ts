/**
 * Where Try-it can send: the WebSocket inbound endpoints and the HTTP proxies and APIs of the
 * project, as URLs a browser on this machine can reach.
 */
import { artifactsOf, inboundParameter, type Project } from '@mediate/engine';

export interface TryTarget {
  readonly label: string;
  readonly url: string;
}

/** `ws://<host>:<inbound.ws.port>/` per WebSocket inbound endpoint. */
export function wsTargets(project: Project, hostname: string): TryTarget[] {
  return artifactsOf(project, 'inboundEndpoint')
    .filter((a) => a.protocol === 'ws' || a.protocol === 'wss')
    .flatMap((a) => {
      const port = inboundParameter(a, 'inbound.ws.port')?.trim();
      if (!port) return [];
      return [{ label: a.name, url: `${a.protocol}://${hostname}:${port}/` }];
    });
}

/**
 * Proxies at `/services/<name>` and API resources at their context, on the HTTP listener, then
 * HTTP inbound endpoints on their own port. The server sends these requests (POST
 * /api/try/http), so loopback is right whatever the browser's host is.
 */
export function httpTargets(project: Project): TryTarget[] {
  const base = `http://127.0.0.1:${project.config.httpPort}`;
  const proxies = artifactsOf(project, 'proxy').map((a) => ({
    label: a.name,
    url: `${base}/services/${a.name}`,
  }));
  const apis = artifactsOf(project, 'api').flatMap((a) =>
    a.resources.map((r) => {
      const path = (r.uriTemplate ?? r.urlMapping ?? '/').replace(/\/\*$/, '/').replace(/\{[^}]*\}/g, '1');
      const ctx = (a.context ?? '').replace(/\/$/, '');
      return {
        label: `${a.name} ${r.methods.join(' ')}`,
        url: `${base}${ctx}${path.startsWith('/') ? path : `/${path}`}`,
      };
    }),
  );
  const inbounds = artifactsOf(project, 'inboundEndpoint')
    .filter((a) => a.protocol === 'http')
    .flatMap((a) => {
      const port = inboundParameter(a, 'inbound.http.port')?.trim();
      return port ? [{ label: a.name, url: `http://127.0.0.1:${port}/` }] : [];
    });
  return [...proxies, ...apis, ...inbounds];
}
