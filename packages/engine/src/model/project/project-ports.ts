/**
 * The ports a project's deployment listens on: each running inbound endpoint's `inbound.ws.port`
 * or `inbound.http.port`, the HTTP listener and (when configured) the HTTPS listener of
 * `deployment.toml`. Used to flag two listeners on one port and to give a new inbound endpoint a
 * port nobody uses.
 */
import type { Project } from './project.js';

/** MI's usual WebSocket inbound port: where a new endpoint's search for a free port starts. */
export const FIRST_INBOUND_PORT = 9092;

/** Who listens on a port, in words: `inbound endpoint 'WebSocketInbound'`, `the HTTP listener`. */
export interface PortUser {
  readonly port: number;
  readonly who: string;
  /** The inbound endpoint's name, for an inbound endpoint. */
  readonly inbound?: string;
}

/** The port an inbound endpoint asks for (WebSocket or HTTP), when it is a whole number. */
export function inboundPort(parameters: readonly { name: string; value: string }[]): number | undefined {
  const text = parameters
    .find((p) => p.name === 'inbound.ws.port' || p.name === 'inbound.http.port')
    ?.value.trim();
  return text && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Every listener's port, the HTTP(S) listeners first, then inbound endpoints in project order. */
export function portUsers(project: Project): PortUser[] {
  const users: PortUser[] = [{ port: project.config.httpPort, who: 'the HTTP listener' }];
  if (project.config.https) users.push({ port: project.config.httpsPort, who: 'the HTTPS listener' });
  for (const a of project.artifacts) {
    if (a.type !== 'inboundEndpoint' || a.suspend) continue;
    const port = inboundPort(a.parameters);
    if (port !== undefined) users.push({ port, who: `inbound endpoint '${a.name}'`, inbound: a.name });
  }
  return users;
}

/**
 * The first port from `from` up that no listener of the project uses, counting suspended inbound
 * endpoints and the HTTPS listener's configured port too, so resuming one or turning HTTPS on
 * later does not clash.
 */
export function freeInboundPort(project: Project, from = FIRST_INBOUND_PORT): number {
  const taken = new Set(portUsers(project).map((u) => u.port));
  taken.add(project.config.httpsPort);
  for (const a of project.artifacts) {
    const port = a.type === 'inboundEndpoint' ? inboundPort(a.parameters) : undefined;
    if (port !== undefined) taken.add(port);
  }
  let port = from;
  while (taken.has(port) && port < 65535) port++;
  return port;
}
