/**
 * The running listeners and the transactional swap between two sets of them: start what is
 * new, keep what is unchanged (its clients stay connected), stop what is gone; if anything
 * fails to start, what was started is stopped and the old set stays as it was.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ProjectConfig } from '../../model/project/project-config.js';
import { HttpListener, type HttpListenerDeps } from '../transports/http-listener.js';
import type { HttpRoutes } from '../transports/http-routes.js';
import { HttpInboundSet } from '../transports/http-inbound-set.js';
import type { HttpInboundConfig } from '../transports/http-inbound.js';
import { InboundListener, type InboundConfig, type InboundDeps } from '../transports/ws-inbound.js';

/** What a swap will do, decided before anything starts. */
export interface ListenerPlan {
  readonly http: { readonly reuse: boolean; readonly port: number };
  readonly https?: {
    readonly reuse: boolean;
    readonly port: number;
    readonly key: Buffer;
    readonly cert: Buffer;
  };
  readonly inbound: readonly {
    readonly config: InboundConfig;
    readonly reuse: InboundListener | undefined;
  }[];
}

/** A listener as `status()` reports it. */
export interface ListenerInfo {
  readonly kind: 'http' | 'https' | 'ws' | 'wss';
  readonly port: number;
  readonly artifact?: string;
  readonly clients?: number;
}

export class ListenerSet {
  http: HttpListener | undefined;
  https: HttpListener | undefined;
  private httpsFiles = '';
  readonly inbound = new Map<string, InboundListener>();
  /** HTTP and HTTPS inbound endpoints. */
  private readonly httpInbound: HttpInboundSet;

  constructor(
    private readonly host: string,
    private readonly httpDeps: HttpListenerDeps,
    private readonly inboundDeps: InboundDeps,
    private readonly baseDir: string,
  ) {
    this.httpInbound = new HttpInboundSet(host, httpDeps);
  }

  /** Everything listening now. */
  info(): ListenerInfo[] {
    const out: ListenerInfo[] = [];
    if (this.http) out.push({ kind: 'http', port: this.http.port });
    if (this.https) out.push({ kind: 'https', port: this.https.port });
    for (const l of this.inbound.values())
      out.push({
        kind: l.config.protocol,
        port: l.config.port,
        artifact: l.config.name,
        clients: l.clientCount,
      });
    out.push(...this.httpInbound.info());
    return out;
  }

  /**
   * Starts what the new deployment needs and has not got; returns a commit function that
   * stops what is no longer needed. Throws (having undone its starts) when a start fails.
   */
  async prepare(
    config: ProjectConfig,
    routes: HttpRoutes,
    inbounds: readonly InboundConfig[],
    httpInbounds: readonly HttpInboundConfig[] = [],
  ): Promise<() => Promise<void>> {
    const started: { stop(): Promise<void> }[] = [];
    try {
      const commitHttpInbound = await this.httpInbound.prepare(config, routes, httpInbounds, started);
      let http = this.http;
      if (!http || http.port !== config.httpPort) {
        http = new HttpListener(routes, this.httpDeps, config.httpPort, config.limits);
        await http.start(this.host);
        started.push(http);
      }
      let https = this.https;
      let httpsFiles = this.httpsFiles;
      if (config.https) {
        const read = (setting: string, f: string): Buffer => {
          const path = isAbsolute(f) ? f : resolve(this.baseDir, f);
          try {
            return readFileSync(path);
          } catch (e) {
            const why =
              (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
            throw new Error(`The HTTPS listener cannot read [transport.https] ${setting} ${path}: ${why}.`);
          }
        };
        const key = read('key_file', config.https.keyFile);
        const cert = read('cert_file', config.https.certFile);
        const files = `${key.toString('base64')}|${cert.toString('base64')}`;
        if (!https || https.port !== config.httpsPort || files !== httpsFiles) {
          https = new HttpListener(routes, this.httpDeps, config.httpsPort, config.limits, { key, cert });
          await https.start(this.host);
          started.push(https);
          httpsFiles = files;
        }
      } else https = undefined;
      const nextInbound = new Map<string, InboundListener>();
      const updates: [InboundListener, InboundConfig][] = [];
      for (const c of inbounds) {
        const current =
          this.inbound.get(c.name) ?? [...this.inbound.values()].find((l) => l.config.port === c.port);
        if (current && !current.needsRebind(c)) {
          updates.push([current, c]);
          nextInbound.set(c.name, current);
          continue;
        }
        if (current && current.config.port === c.port) {
          // Same port, new socket needed: the old one must go first.
          await current.stop();
          this.inbound.delete(current.config.name);
        }
        const l = new InboundListener(c, this.inboundDeps);
        await l.start(this.host);
        started.push(l);
        nextInbound.set(c.name, l);
      }
      return async () => {
        const oldHttp = this.http;
        const oldHttps = this.https;
        http.routes = routes;
        http.applyLimits(config.limits);
        if (https) {
          https.routes = routes;
          https.applyLimits(config.limits);
        }
        this.http = http;
        this.https = https;
        this.httpsFiles = httpsFiles;
        for (const [l, c] of updates) l.update(c);
        const removed = [...this.inbound.values()].filter((l) => ![...nextInbound.values()].includes(l));
        this.inbound.clear();
        for (const [k, v] of nextInbound) this.inbound.set(k, v);
        if (oldHttp && oldHttp !== http) await oldHttp.stop();
        if (oldHttps && oldHttps !== https) await oldHttps.stop();
        await Promise.all(removed.map((l) => l.stop()));
        await commitHttpInbound();
      };
    } catch (e) {
      await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
      throw e;
    }
  }

  /** Stops everything. */
  async stop(): Promise<void> {
    const all: { stop(): Promise<void> }[] = [...this.inbound.values(), this.httpInbound];
    if (this.http) all.push(this.http);
    if (this.https) all.push(this.https);
    await Promise.all(all.map((l) => l.stop().catch(() => undefined)));
    this.inbound.clear();
    this.http = undefined;
    this.https = undefined;
  }
}
