/**
 * The running HTTP(S) inbound endpoints and their part of a deploy's listener swap: an endpoint
 * whose port, protocol and TLS files are unchanged keeps its listener (its routes change at the
 * commit), others start anew; what is gone stops at the commit.
 */
import type { ProjectConfig } from '../../model/project/project-config.js';
import { HttpListener, type HttpListenerDeps } from './http-listener.js';
import { inboundRoutes, type HttpInboundConfig } from './http-inbound.js';
import type { HttpRoutes } from './http-routes.js';

interface Running {
  readonly listener: HttpListener;
  readonly config: HttpInboundConfig;
}

/** The TLS material of a config as one comparable string. */
function tlsKey(c: HttpInboundConfig): string {
  return c.tls
    ? `${c.tls.key.toString('base64')}|${c.tls.cert.toString('base64')}|${c.tls.passphrase ?? ''}`
    : '';
}

export class HttpInboundSet {
  private running = new Map<string, Running>();

  constructor(
    private readonly host: string,
    private readonly deps: HttpListenerDeps,
  ) {}

  /** The endpoints listening now, as `status()` reports them. */
  info(): { kind: 'http' | 'https'; port: number; artifact: string }[] {
    return [...this.running.values()].map((r) => ({
      kind: r.config.protocol,
      port: r.config.port,
      artifact: r.config.name,
    }));
  }

  /**
   * Starts the endpoints the deployment needs and has not got (adding them to `started`, which
   * the caller stops on failure); returns the commit, which gives every kept listener its new
   * routes and stops the ones no longer wanted.
   */
  async prepare(
    config: ProjectConfig,
    project: HttpRoutes,
    configs: readonly HttpInboundConfig[],
    started: { stop(): Promise<void> }[],
  ): Promise<() => Promise<void>> {
    const next = new Map<string, Running>();
    const kept: [HttpListener, HttpRoutes][] = [];
    for (const c of configs) {
      const routes = inboundRoutes(c, project);
      const current =
        this.running.get(c.name) ?? [...this.running.values()].find((r) => r.config.port === c.port);
      if (
        current &&
        current.config.port === c.port &&
        current.config.protocol === c.protocol &&
        tlsKey(current.config) === tlsKey(c)
      ) {
        kept.push([current.listener, routes]);
        next.set(c.name, { listener: current.listener, config: c });
        continue;
      }
      if (current && current.config.port === c.port) {
        // Same port, new socket needed: the old one must go first.
        await current.listener.stop();
        this.running.delete(current.config.name);
      }
      const l = new HttpListener(routes, this.deps, c.port, config.limits, c.tls, c.name);
      await l.start(this.host);
      started.push(l);
      next.set(c.name, { listener: l, config: c });
    }
    return async () => {
      for (const [l, routes] of kept) {
        l.routes = routes;
        l.applyLimits(config.limits);
      }
      const listeners = new Set([...next.values()].map((r) => r.listener));
      const removed = [...this.running.values()].filter((r) => !listeners.has(r.listener));
      this.running = next;
      await Promise.all(removed.map((r) => r.listener.stop()));
    };
  }

  /** Stops every endpoint. */
  async stop(): Promise<void> {
    const all = [...this.running.values()];
    this.running = new Map();
    await Promise.all(all.map((r) => r.listener.stop().catch(() => undefined)));
  }
}
