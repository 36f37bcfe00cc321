/**
 * Helpers for the HTTP-side runtime tests: artifact XML, a one-shot HTTP(S) client that never
 * pools sockets, a recording HTTP back end, and a throwaway TLS pair.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';

// Sequences are written the same way in every suite (src/testing).
export { sequenceXml } from '../../src/testing/index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** A proxy with an inline target; `target` is the inside of `<target>`. */
export function proxyXml(name: string, target: string, attrs = ''): string {
  return `<proxy name="${name}" ${attrs} ${NS}>\n  <target>\n${target}\n  </target>\n</proxy>\n`;
}

/** An API; `resources` is the `<resource>` elements. */
export function apiXml(name: string, context: string, resources: string, attrs = ''): string {
  return `<api name="${name}" context="${context}" ${attrs} ${NS}>\n${resources}\n</api>\n`;
}

/** A WebSocket inbound endpoint on `port` dispatching to `sequence`, broadcasting nothing. */
export function wsInboundXml(name: string, sequence: string, port: number): string {
  return `<inboundEndpoint name="${name}" protocol="ws" sequence="${sequence}" onError="fault" suspend="false" ${NS}>
  <parameters>
    <parameter name="inbound.ws.port">${port}</parameter>
    <parameter name="ws.client.side.broadcast.level">0</parameter>
  </parameters>
</inboundEndpoint>`;
}

/** A named address endpoint. */
export function endpointXml(name: string, uri: string): string {
  return `<endpoint name="${name}" ${NS}>\n  <address uri="${uri}"/>\n</endpoint>\n`;
}

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One request on its own connection (no keep-alive pool), read to the end. */
export function send(
  url: string,
  o: { method?: string; body?: string; type?: string; headers?: Record<string, string>; ca?: string } = {},
): Promise<Reply> {
  const u = new URL(url);
  const headers: Record<string, string> = { ...o.headers };
  if (o.type) headers['content-type'] = o.type;
  if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
  const options = {
    method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
    headers,
    agent: false as const,
  };
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    };
    const req =
      u.protocol === 'https:'
        ? httpsRequest(u, { ...options, ...(o.ca ? { ca: o.ca } : {}) }, onResponse)
        : httpRequest(u, options, onResponse);
    req.on('error', reject);
    req.end(o.body);
  });
}

/** A request a back end received. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local HTTP back end that records requests and answers with `answer`. */
export interface Backend {
  readonly port: number;
  readonly url: string;
  readonly received: Received[];
  /** Open TCP connections (keep-alive ones included). */
  connections(): Promise<number>;
  close(): Promise<void>;
}

export async function startBackend(
  answer: (req: Received, res: ServerResponse) => void = (req, res) => {
    res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'text/plain' }).end(req.body);
  },
): Promise<Backend> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(r);
      answer(r, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    connections: () => new Promise((r, j) => server.getConnections((e, n) => (e ? j(e) : r(n)))),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A throwaway TLS pair: shared with the server's tests through the engine's testing entry. */
export { makeTlsFiles, type TlsFiles } from '../../src/testing/index.js';
