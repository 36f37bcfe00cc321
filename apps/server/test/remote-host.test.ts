/**
 * Safe defaults when listening beyond loopback (acceptance 5): with `--host 0.0.0.0` every `/api`
 * call and the event stream need the token (bearer header or the login cookie); the token file
 * is 0600; a cross-origin event-stream upgrade is refused; names cannot leave the project; bodies
 * are capped; a DOCTYPE is refused.
 */
import { chmod, readdir, readFile, stat } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cleanup,
  NS,
  call,
  freePort,
  isApiError,
  sequenceXml,
  smallProject,
  startServer,
  tempDir,
  type TestServer,
  eventsUpgradeStatus,
} from './helpers/server.js';

const cleanup = new Cleanup();
let server: TestServer;
let project: string;
let token: string;
let auth: Record<string, string>;

beforeAll(async () => {
  project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), await freePort());
  server = await startServer(cleanup, { project, host: '0.0.0.0' });
  token = (await readFile(path.join(server.home, 'token'), 'utf8')).trim();
  auth = { authorization: `Bearer ${token}` };
});
afterAll(() => cleanup.run());

describe('the token', () => {
  it('is generated in $MEDIATE_HOME/token with mode 0600 and printed as a login link', async () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect((await stat(path.join(server.home, 'token'))).mode & 0o777).toBe(0o600);
    expect(server.output()).toMatch(/login\?code=[A-Za-z0-9_-]{20,}/);
    expect(server.output()).not.toContain(`login?token=`);
  });

  it('is the same on the next start, and its mode is made 0600 again', async () => {
    await chmod(path.join(server.home, 'token'), 0o644);
    const other = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'q'), await freePort());
    const again = await startServer(cleanup, {
      project: other,
      host: '0.0.0.0',
      home: server.home,
      deploy: false,
    });
    expect((await call(again.base, 'GET', '/api/health', undefined, auth)).status).toBe(200);
    expect((await stat(path.join(server.home, 'token'))).mode & 0o777).toBe(0o600);
    await again.stop();
  });
});

describe('with --host 0.0.0.0', () => {
  it('401s every /api call without the token, or with a wrong one', async () => {
    for (const [method, p] of [
      ['GET', '/api/health'],
      ['GET', '/api/artifacts'],
      ['POST', '/api/deploy'],
      ['GET', '/api/nope'],
      ['PUT', '/api/artifacts/sequences/x'],
    ]) {
      for (const headers of [
        {} as Record<string, string>,
        { authorization: 'Bearer nope' },
        { authorization: `Basic ${token}` },
        { cookie: 'mediate_token=nope' },
      ]) {
        const r = await call(
          server.base,
          method!,
          p!,
          method === 'PUT' ? { xml: sequenceXml('x') } : undefined,
          headers,
        );
        expect({ p, headers, status: r.status, code: r.json?.code }).toEqual({
          p,
          headers,
          status: 401,
          code: 'UNAUTHORIZED',
        });
        expect(isApiError(r.json)).toBe(true);
      }
    }
    expect(await readdir(path.join(project, 'artifacts/sequences'))).toEqual(['helper.xml']);
  });

  it('works with Authorization: Bearer <token>', async () => {
    expect((await call(server.base, 'GET', '/api/health', undefined, auth)).json).toEqual({
      status: 'ok',
      version: '0.0.0-test',
      boot: expect.any(String),
    });
    expect((await call(server.base, 'GET', '/api/artifacts', undefined, auth)).status).toBe(200);
  });

  it('sets an HttpOnly cookie from the one-time login link, and the cookie works', async () => {
    const bad = await call(server.base, 'GET', '/login?code=nope');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const code = /login\?code=([A-Za-z0-9_-]+)/.exec(server.output())?.[1];
    const r = await call(server.base, 'GET', `/login?code=${code}`);
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/');
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mediate_token=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const jar = cookie.split(';')[0]!;
    expect((await call(server.base, 'GET', '/api/health', undefined, { cookie: jar })).status).toBe(200);
    expect(await eventsUpgradeStatus(cleanup, server.port, { cookie: jar })).toBe(101);
    // One time only.
    expect((await call(server.base, 'GET', `/login?code=${code}`)).status).toBe(401);
  });

  it('guards /api/events: 401 without the token, 403 cross-origin even with it, 101 same-origin', async () => {
    expect(await eventsUpgradeStatus(cleanup, server.port, {})).toBe(401);
    expect(await eventsUpgradeStatus(cleanup, server.port, { origin: 'http://evil.example' })).toBe(403);
    expect(await eventsUpgradeStatus(cleanup, server.port, { ...auth, origin: 'http://evil.example' })).toBe(
      403,
    );
    expect(
      await eventsUpgradeStatus(cleanup, server.port, { ...auth, origin: `http://127.0.0.1:${server.port}` }),
    ).toBe(101);
    expect(await eventsUpgradeStatus(cleanup, server.port, auth)).toBe(101);
  });

  it('400s a name with ../ in it', async () => {
    for (const name of ['..%2F..%2Fdeployment', '..%2Fx', 'a%2F..%2F..%2Fx']) {
      const r = await call(
        server.base,
        'PUT',
        `/api/artifacts/sequences/${name}`,
        { xml: sequenceXml('x') },
        auth,
      );
      expect({ name, status: r.status, code: r.json.code }).toEqual({ name, status: 400, code: 'BAD_NAME' });
    }
  });

  it('413s a 5 MiB body, and reads nothing of it into the project', async () => {
    const xml = sequenceXml('big', `<!-- ${'x'.repeat(5 * 1024 * 1024)} -->`);
    const r = await call(server.base, 'PUT', '/api/artifacts/sequences/big', { xml }, auth);
    expect(r.status).toBe(413);
    expect(r.json.code).toBe('BODY_TOO_LARGE');
    expect(isApiError(r.json)).toBe(true);
    expect(await readdir(path.join(project, 'artifacts/sequences'))).toEqual(['helper.xml']);
    // The server still answers on a new connection.
    expect((await call(server.base, 'GET', '/api/health', undefined, auth)).status).toBe(200);
  });

  it('413s a large body sent in chunks without a Content-Length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'PUT',
          path: '/api/artifacts/sequences/big',
          headers: { ...auth, 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      req.write('{"xml":"');
      let sent = 0;
      const pump = () => {
        while (sent < 80) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end('"}');
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('422s XML with a DOCTYPE or an entity declaration, on save and on validate', async () => {
    const doctype = `<?xml version="1.0"?>\n<!DOCTYPE sequence [<!ENTITY x "xx">]>\n<sequence name="dt" ${NS}><log/></sequence>`;
    const r = await call(server.base, 'PUT', '/api/artifacts/sequences/dt', { xml: doctype }, auth);
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('DOCTYPE_REFUSED');
    expect(r.json.details.diagnostics[0]).toMatchObject({ line: 2, column: 1 });
    const v = await call(server.base, 'POST', '/api/validate', { xml: doctype }, auth);
    expect(v.status).toBe(422);
    expect(v.json.code).toBe('DOCTYPE_REFUSED');
    expect(await readdir(path.join(project, 'artifacts/sequences'))).toEqual(['helper.xml']);
  });
});
