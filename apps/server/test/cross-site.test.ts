/**
 * On the default loopback binding (no token), the API and the event stream refuse browser
 * requests from other sites: a foreign Origin (a page elsewhere POSTing to /api/deploy or
 * /api/try/http, which needs no CORS preflight with a text/plain body) and a Host that is not
 * loopback (DNS rebinding). The studio's own requests and non-browser clients pass.
 */
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cleanup,
  call,
  freePort,
  isApiError,
  smallProject,
  startServer,
  tempDir,
  type TestServer,
  eventsUpgradeStatus,
} from './helpers/server.js';

const cleanup = new Cleanup();
let server: TestServer;

beforeAll(async () => {
  const project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), await freePort());
  server = await startServer(cleanup, { project });
});
afterAll(() => cleanup.run());

/** A request with exactly these headers (fetch would set Host itself). */
function raw(
  method: string,
  p: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; json: { code?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method, path: p, headers, setHost: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as { code?: string }) : {} }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const deployments = async () => (await call(server.base, 'GET', '/api/deployments')).json.length as number;

describe('cross-site requests on loopback', () => {
  it('403s a foreign Origin, and nothing is deployed', async () => {
    const before = await deployments();
    const host = `127.0.0.1:${server.port}`;
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`]) {
      const r = await raw('POST', '/api/deploy', { host, origin, 'content-type': 'text/plain' }, '{}');
      expect({ origin, status: r.status, code: r.json.code }).toEqual({
        origin,
        status: 403,
        code: 'FORBIDDEN_ORIGIN',
      });
      expect(isApiError(r.json)).toBe(true);
    }
    const tryIt = await raw(
      'POST',
      '/api/try/http',
      { host, origin: 'http://evil.example', 'content-type': 'text/plain' },
      JSON.stringify({ method: 'GET', url: server.base }),
    );
    expect(tryIt.status).toBe(403);
    expect(await deployments()).toBe(before);
  });

  it('403s a Host that is not loopback (DNS rebinding), with or without a matching Origin', async () => {
    for (const headers of [
      { host: 'evil.example' } as Record<string, string>,
      { host: `evil.example:${server.port}`, origin: `http://evil.example:${server.port}` },
    ]) {
      const r = await raw('GET', '/api/artifacts', headers);
      expect({ headers, status: r.status }).toEqual({ headers, status: 403 });
    }
    expect(
      await eventsUpgradeStatus(cleanup, server.port, {
        host: `evil.example:${server.port}`,
        origin: `http://evil.example:${server.port}`,
      }),
    ).toBe(403);
  });

  it('lets the studio (same Origin) and clients without an Origin through, by any loopback name', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
      expect((await raw('GET', '/api/health', { host })).status).toBe(200);
      expect((await raw('GET', '/api/health', { host, origin: `http://${host}` })).status).toBe(200);
    }
    expect(
      (
        await raw(
          'POST',
          '/api/validate',
          {
            host: `127.0.0.1:${server.port}`,
            origin: `http://127.0.0.1:${server.port}`,
            'content-type': 'application/json',
          },
          '{"xml":"<sequence/>"}',
        )
      ).status,
    ).toBe(200);
    expect(
      await eventsUpgradeStatus(cleanup, server.port, { origin: `http://127.0.0.1:${server.port}` }),
    ).toBe(101);
    expect(await eventsUpgradeStatus(cleanup, server.port, {})).toBe(101);
  });
});
