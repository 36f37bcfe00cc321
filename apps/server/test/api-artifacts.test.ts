/**
 * The admin API's project routes against the real server (in-process, free port, real HTTP):
 * health, artifacts (list, read, create, update, delete and every refusal), config, validate,
 * unknown routes, and the shape of every error body.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cleanup,
  NS,
  call,
  freePort,
  repoRoot,
  sequenceXml,
  smallProject,
  startServer,
  tempDir,
  type TestServer,
  expectApiError,
} from './helpers/server.js';

const cleanup = new Cleanup();
let server: TestServer;
let project: string;

beforeAll(async () => {
  project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), await freePort());
  server = await startServer(cleanup, { project });
});
afterAll(() => cleanup.run());

const api = (method: string, p: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.base, method, p, body, headers);

/** A GET whose path is sent byte for byte. */
function rawGet(port: number, p: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: p, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /api/health', () => {
  it('answers ok with the version and this process’s boot id', async () => {
    const r = await api('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      status: 'ok',
      version: '0.0.0-test',
      boot: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});

describe('GET /api/artifacts', () => {
  it('lists every artifact with type, name, rev and diagnostics', async () => {
    const r = await api('GET', '/api/artifacts');
    expect(r.status).toBe(200);
    const svc = r.json.find((a: { name: string }) => a.name === 'Svc');
    expect(svc).toEqual({
      type: 'proxy-services',
      name: 'Svc',
      rev: expect.stringMatching(/^[0-9a-f]{16}$/),
      diagnostics: [],
    });
    expect(r.json.find((a: { name: string }) => a.name === 'helper')).toMatchObject({
      type: 'sequences',
      diagnostics: [],
    });
  });

  it('reports an artifact\u2019s validation problems in its row', async () => {
    const put = await api('PUT', '/api/artifacts/sequences/caller', {
      xml: sequenceXml('caller', '<sequence key="nowhere"/>'),
    });
    expect(put.status).toBe(201);
    expect(put.json.diagnostics.length).toBeGreaterThan(0);
    const row = (await api('GET', '/api/artifacts')).json.find((a: { name: string }) => a.name === 'caller');
    expect(row.diagnostics.map((d: { severity: string }) => d.severity)).toContain('error');
    expect((await api('DELETE', '/api/artifacts/sequences/caller')).status).toBe(204);
  });
});

describe('/api/artifacts/:type/:name', () => {
  it('reads an artifact: type, name, xml as on disk, rev', async () => {
    const r = await api('GET', '/api/artifacts/proxy-services/Svc');
    expect(r.status).toBe(200);
    const disk = await readFile(path.join(project, 'artifacts/proxy-services/Svc.xml'), 'utf8');
    expect(r.json).toEqual({ type: 'proxy-services', name: 'Svc', xml: disk, rev: expect.any(String) });
  });

  it('creates (201), updates with the current rev (200), refuses a stale rev (409 with currentRev)', async () => {
    const created = await api('PUT', '/api/artifacts/sequences/s1', { xml: sequenceXml('s1') });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ rev: expect.any(String), diagnostics: [] });
    const v2 = sequenceXml('s1', '<log level="full"/>');
    const updated = await api('PUT', '/api/artifacts/sequences/s1', { xml: v2, rev: created.json.rev });
    expect(updated.status).toBe(200);
    expect(updated.json.rev).not.toBe(created.json.rev);
    expect(await readFile(path.join(project, 'artifacts/sequences/s1.xml'), 'utf8')).toBe(v2);

    const stale = await api('PUT', '/api/artifacts/sequences/s1', {
      xml: sequenceXml('s1', '<drop/>'),
      rev: created.json.rev,
    });
    expectApiError(stale, 409, 'STALE_REVISION');
    expect(stale.json.details).toEqual({ currentRev: updated.json.rev });
    expect(await readFile(path.join(project, 'artifacts/sequences/s1.xml'), 'utf8')).toBe(v2);
    // Without a rev the save overwrites.
    expect(
      (await api('PUT', '/api/artifacts/sequences/s1', { xml: sequenceXml('s1', '<drop/>') })).status,
    ).toBe(200);
  });

  it('deletes (204), then the artifact is gone (404), and a second delete is 404', async () => {
    await api('PUT', '/api/artifacts/sequences/gone', { xml: sequenceXml('gone') });
    expect((await api('DELETE', '/api/artifacts/sequences/gone')).status).toBe(204);
    expectApiError(await api('GET', '/api/artifacts/sequences/gone'), 404, 'NOT_FOUND');
    expectApiError(await api('DELETE', '/api/artifacts/sequences/gone'), 404, 'NOT_FOUND');
    expect(await readdir(path.join(project, 'artifacts/sequences'))).not.toContain('gone.xml');
  });

  it('refuses XML that does not parse: 422 with located diagnostics, nothing written', async () => {
    const r = await api('PUT', '/api/artifacts/sequences/broken', {
      xml: `<sequence name="broken" ${NS}>\n  <log level="full">\n</sequence>`,
    });
    expectApiError(r, 422, 'XML_INVALID');
    const d = r.json.details.diagnostics[0];
    expect(d).toMatchObject({ severity: 'error', line: expect.any(Number), column: expect.any(Number) });
    expect(d.line).toBeGreaterThanOrEqual(2);
    expect(await readdir(path.join(project, 'artifacts/sequences'))).not.toContain('broken.xml');
  });

  it('refuses a name in the XML that differs from the URL (422)', async () => {
    expectApiError(
      await api('PUT', '/api/artifacts/sequences/right', { xml: sequenceXml('wrong') }),
      422,
      'NAME_MISMATCH',
    );
  });

  it('refuses an artifact of another type than the folder (422)', async () => {
    expectApiError(
      await api('PUT', '/api/artifacts/proxy-services/helper', { xml: sequenceXml('helper') }),
      422,
      'WRONG_TYPE',
    );
  });

  it('404s an unknown type and an unknown name', async () => {
    expectApiError(await api('GET', '/api/artifacts/widgets/x'), 404, 'UNKNOWN_TYPE');
    expectApiError(
      await api('PUT', '/api/artifacts/widgets/x', { xml: sequenceXml('x') }),
      404,
      'UNKNOWN_TYPE',
    );
    expectApiError(await api('GET', '/api/artifacts/sequences/nope'), 404, 'NOT_FOUND');
  });

  it.each([['..%2Fx'], ['a%20b'], ['.hidden'], ['a%2Fb'], ['..%5C..%5Cx'], ['x%00']])(
    '400s the bad name %s on GET, PUT and DELETE',
    async (name) => {
      expectApiError(await api('GET', `/api/artifacts/sequences/${name}`), 400, 'BAD_NAME');
      expectApiError(
        await api('PUT', `/api/artifacts/sequences/${name}`, { xml: sequenceXml('x') }),
        400,
        'BAD_NAME',
      );
      expectApiError(await api('DELETE', `/api/artifacts/sequences/${name}`), 400, 'BAD_NAME');
    },
  );

  it('400s a literal .. segment sent as is (fetch would normalize it away)', async () => {
    for (const p of ['/api/artifacts/sequences/..', '/api/artifacts/sequences/%2e%2e']) {
      const r = await rawGet(server.port, p);
      expect({ path: p, status: r.status, code: (JSON.parse(r.body) as { code: string }).code }).toEqual({
        path: p,
        status: 400,
        code: 'BAD_NAME',
      });
    }
  });

  it('400s a body without xml, with a non-string xml, and a body that is not JSON', async () => {
    expectApiError(await api('PUT', '/api/artifacts/sequences/s2', { rev: 'x' }), 400, 'BAD_REQUEST');
    expectApiError(await api('PUT', '/api/artifacts/sequences/s2', { xml: 42 }), 400, 'BAD_REQUEST');
    expectApiError(await api('PUT', '/api/artifacts/sequences/s2', '{"xml": '), 400, 'BAD_JSON');
    expectApiError(
      await api('PUT', '/api/artifacts/sequences/s2', 'not json at all', { 'content-type': 'text/plain' }),
      400,
      'BAD_JSON',
    );
    expect(await readdir(path.join(project, 'artifacts/sequences'))).not.toContain('s2.xml');
  });
});

describe('/api/config', () => {
  it('reads deployment.toml with its rev', async () => {
    const r = await api('GET', '/api/config');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      toml: await readFile(path.join(project, 'deployment.toml'), 'utf8'),
      rev: expect.any(String),
      diagnostics: [],
    });
  });

  it('writes valid TOML; refuses a stale rev (409) and invalid TOML (422 with the line)', async () => {
    const before = (await api('GET', '/api/config')).json;
    const toml = `${before.toml}\n[transport.ws]\nsender.enable = true\n`;
    const ok = await api('PUT', '/api/config', { toml, rev: before.rev });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ toml, rev: expect.any(String), diagnostics: [] });
    expect(await readFile(path.join(project, 'deployment.toml'), 'utf8')).toBe(toml);

    expectApiError(await api('PUT', '/api/config', { toml, rev: before.rev }), 409, 'STALE_REVISION');
    const bad = await api('PUT', '/api/config', { toml: '[server]\noffset = 10\n\n[transport.ws\nx = 1\n' });
    expectApiError(bad, 422, 'CONFIG_INVALID');
    expect(bad.json.details.diagnostics[0]).toMatchObject({ severity: 'error', line: 4 });
    expect(await readFile(path.join(project, 'deployment.toml'), 'utf8')).toBe(toml);
    expectApiError(await api('PUT', '/api/config', { text: 'x' }), 400, 'BAD_REQUEST');
  });
});

describe('POST /api/validate', () => {
  it('returns the diagnostics of a piece of XML checked against the project', async () => {
    const ok = await api('POST', '/api/validate', { xml: sequenceXml('probe', '<sequence key="helper"/>') });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ diagnostics: [] });
    const missing = await api('POST', '/api/validate', {
      xml: sequenceXml('probe', '<sequence key="nowhere"/>'),
    });
    expect(missing.status).toBe(200);
    expect(missing.json.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', artifact: 'probe' }),
    ]);
    const broken = await api('POST', '/api/validate', { xml: '<sequence name="x"' });
    expect(broken.status).toBe(200);
    expect(broken.json.diagnostics[0]).toMatchObject({
      severity: 'error',
      line: 1,
      column: expect.any(Number),
    });
  });

  it('400s a missing xml', async () => {
    expectApiError(await api('POST', '/api/validate', {}), 400, 'BAD_REQUEST');
  });
});

describe('unknown routes', () => {
  it('answer 404 with a JSON error under /api', async () => {
    expectApiError(await api('GET', '/api/nope'), 404, 'NOT_FOUND');
    expectApiError(await api('POST', '/api/health'), 404, 'NOT_FOUND');
    expectApiError(await api('GET', '/api/artifacts/sequences'), 404, 'NOT_FOUND');
  });

  it('serve the studio outside /api (its index.html for client-side routes)', async () => {
    const index = path.join(repoRoot, 'apps/web/dist/index.html');
    const res = await fetch(`${server.base}/artifacts/sequences/helper`);
    expect(res.status).toBe(200);
    if (existsSync(index)) expect(await res.text()).toBe(await readFile(index, 'utf8'));
    else expect(await res.text()).toContain('the studio is not built');
  });
});
