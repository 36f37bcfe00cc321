/**
 * Save → deploy → the runtime serves it (acceptance 2), with the deploy, deployments and rollback
 * routes: a stale save gets 409, a failed deploy leaves the previous deployment serving and
 * reports diagnostics (422, nothing changed), rollback restores the earlier snapshot, and only the
 * newest 20 deployments are kept.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Cleanup,
  call,
  freePort,
  isApiError,
  sequenceXml,
  smallProject,
  snapshotFiles,
  startServer,
  tempDir,
  versionProxy,
  type TestServer,
  servedVersion,
} from './helpers/server.js';

const cleanup = new Cleanup();
let server: TestServer;
let project: string;
let httpPort: number;

beforeEach(async () => {
  httpPort = await freePort();
  project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), httpPort);
  server = await startServer(cleanup, { project });
});
afterEach(() => cleanup.run());

const api = (method: string, p: string, body?: unknown) => call(server.base, method, p, body);

async function save(name: string, xml: string, rev?: string) {
  const type = xml.startsWith('<proxy') ? 'proxy-services' : 'sequences';
  return api('PUT', `/api/artifacts/${type}/${name}`, { xml, ...(rev !== undefined ? { rev } : {}) });
}

describe('save, deploy, serve', () => {
  it('starts with the project deployed and recorded as the current deployment', async () => {
    expect(server.output()).toMatch(/Deployed 000001-\S+ \(2 artifacts\)/);
    expect(await servedVersion(httpPort)).toBe('v1');
    const list = (await api('GET', '/api/deployments')).json;
    expect(list).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^000001-/), current: true, artifacts: 2 }),
    ]);
    expect((await api('GET', '/api/runtime')).json.deploymentId).toBe(list[0].id);
  });

  it('serves a saved artifact only after deploy, reporting what changed', async () => {
    const { rev } = (await api('GET', '/api/artifacts/proxy-services/Svc')).json;
    expect((await save('Svc', versionProxy('Svc', 'v2'), rev)).status).toBe(200);
    expect((await save('extra', sequenceXml('extra'))).status).toBe(201);
    expect(await servedVersion(httpPort)).toBe('v1');

    const r = await api('POST', '/api/deploy');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      ok: true,
      deploymentId: expect.stringMatching(/^000002-/),
      changes: {
        added: ['sequence:extra'],
        updated: ['proxy:Svc'],
        removed: [],
        unchanged: ['sequence:helper'],
      },
      diagnostics: [],
    });
    expect(await servedVersion(httpPort)).toBe('v2');
    const list = (await api('GET', '/api/deployments')).json;
    expect(list.map((d: { id: string; current: boolean }) => [d.id.slice(0, 6), d.current])).toEqual([
      ['000002', true],
      ['000001', false],
    ]);
    expect(list[0]).toMatchObject({ artifacts: 3, changes: r.json.changes, time: expect.any(String) });
    expect((await api('GET', '/api/runtime')).json.deploymentId).toBe(r.json.deploymentId);
  });

  it('a deploy that changes nothing answers the running deployment and records no new one', async () => {
    const before = (await api('GET', '/api/deployments')).json;
    const r = await api('POST', '/api/deploy');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      ok: true,
      deploymentId: before[0].id,
      changes: { added: [], updated: [], removed: [], unchanged: ['proxy:Svc', 'sequence:helper'] },
      diagnostics: [],
    });
    expect((await api('GET', '/api/deployments')).json).toEqual(before);
    expect(await readdir(path.join(project, '.mediate/deployments'))).toEqual([before[0].id]);
    expect((await api('GET', '/api/runtime')).json.deploymentId).toBe(before[0].id);

    // A change that moves no artifact (a comment in deployment.toml) is still a new snapshot: a
    // rollback to it must restore that text.
    const config = (await api('GET', '/api/config')).json;
    expect(
      (await api('PUT', '/api/config', { toml: `${config.toml}# tuned\n`, rev: config.rev })).status,
    ).toBe(200);
    const changed = await api('POST', '/api/deploy');
    expect(changed.json.deploymentId).toMatch(/^000002-/);
    expect(changed.json.changes.unchanged).toHaveLength(2);
    expect((await snapshotFiles(project, changed.json.deploymentId)).configText).toBe(
      `${config.toml}# tuned\n`,
    );
    // And once more unchanged: the running one again.
    expect((await api('POST', '/api/deploy')).json.deploymentId).toBe(changed.json.deploymentId);
    expect((await api('GET', '/api/deployments')).json).toHaveLength(2);
  });

  it('refuses a stale save with 409 and keeps the newer text', async () => {
    const { rev } = (await api('GET', '/api/artifacts/proxy-services/Svc')).json;
    expect((await save('Svc', versionProxy('Svc', 'mine'), rev)).status).toBe(200);
    const stale = await save('Svc', versionProxy('Svc', 'theirs'), rev);
    expect(stale.status).toBe(409);
    expect(isApiError(stale.json)).toBe(true);
    expect((await api('GET', '/api/artifacts/proxy-services/Svc')).json.xml).toContain('"mine"');
  });

  it('a failed deploy is 422 with diagnostics; nothing changes and the previous deployment keeps serving', async () => {
    const before = (await api('GET', '/api/deployments')).json;
    expect(
      (await save('Svc', versionProxy('Svc', 'v3').replace('<respond/>', '<sequence key="missingSeq"/>')))
        .status,
    ).toBe(200);
    const r = await api('POST', '/api/deploy');
    expect(r.status).toBe(422);
    expect(r.json.ok).toBe(false);
    expect(r.json.deploymentId).toBeUndefined();
    expect(r.json.changes).toEqual({ added: [], updated: [], removed: [], unchanged: [] });
    expect(r.json.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('missingSeq') }),
    );
    expect(await servedVersion(httpPort)).toBe('v1');
    expect((await api('GET', '/api/deployments')).json).toEqual(before);
    expect((await api('GET', '/api/runtime')).json.deploymentId).toBe(before[0].id);
  });

  it('a deploy whose listener cannot start is refused the same way', async () => {
    const busy = await freePort();
    const blocker = (await import('node:net')).createServer();
    await new Promise<void>((r) => blocker.listen(busy, '127.0.0.1', () => r()));
    cleanup.add(() => new Promise((r) => blocker.close(r)));
    const config = (await api('GET', '/api/config')).json;
    expect(
      (await api('PUT', '/api/config', { toml: `[server]\noffset = ${busy - 8280}\n`, rev: config.rev }))
        .status,
    ).toBe(200);
    const r = await api('POST', '/api/deploy');
    expect(r.status).toBe(422);
    expect(r.json.diagnostics).toContainEqual(expect.objectContaining({ code: 'LISTENER_START' }));
    expect(await servedVersion(httpPort)).toBe('v1');
  });
});

describe('rollback', () => {
  it('restores the files of an earlier snapshot and serves it again', async () => {
    const first = (await api('GET', '/api/deployments')).json[0].id as string;
    await save('Svc', versionProxy('Svc', 'v2'));
    await save('extra', sequenceXml('extra'));
    expect((await api('POST', '/api/deploy')).status).toBe(200);
    expect(await servedVersion(httpPort)).toBe('v2');

    const r = await api('POST', `/api/deployments/${first}/rollback`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true, deploymentId: expect.stringMatching(/^000003-/) });
    expect(r.json.changes).toMatchObject({ updated: ['proxy:Svc'], removed: ['sequence:extra'] });
    expect(await servedVersion(httpPort)).toBe('v1');
    // The working files are the snapshot's again, byte for byte.
    const snap = await snapshotFiles(project, first);
    expect(await readFile(path.join(project, 'artifacts/proxy-services/Svc.xml'), 'utf8')).toBe(
      snap.files['artifacts/proxy-services/Svc.xml'],
    );
    expect(await readdir(path.join(project, 'artifacts/sequences'))).toEqual(['helper.xml']);
    const list = (await api('GET', '/api/deployments')).json;
    expect(list[0]).toMatchObject({ id: r.json.deploymentId, current: true });
    expect(list.filter((d: { current: boolean }) => d.current)).toHaveLength(1);
  });

  it('404s an unknown deployment id, including one that tries to leave the folder', async () => {
    for (const id of ['999999-x', '..%2F..%2Fetc']) {
      const r = await api('POST', `/api/deployments/${id}/rollback`);
      expect(r.status).toBe(404);
      expect(r.json.code).toBe('NOT_FOUND');
    }
    expect(await servedVersion(httpPort)).toBe('v1');
  });
});

describe('deployment history', () => {
  it('keeps the newest 20, newest first, exactly one current', async () => {
    // 21 more deploys (22 in all). Each changes one byte of a sequence, so each is a real update.
    for (let i = 2; i <= 22; i++) {
      await save(
        'helper',
        sequenceXml('helper', `<log level="custom"><property name="n" value="${i}"/></log>`),
      );
      const r = await api('POST', '/api/deploy');
      expect(r.status).toBe(200);
    }
    const list = (await api('GET', '/api/deployments')).json as { id: string; current: boolean }[];
    expect(list).toHaveLength(20);
    expect(list.map((d) => Number(d.id.slice(0, 6)))).toEqual(Array.from({ length: 20 }, (_, i) => 22 - i));
    expect(list.map((d) => d.current)).toEqual([true, ...Array<boolean>(19).fill(false)]);
    expect((await readdir(path.join(project, '.mediate/deployments'))).sort()).toEqual(
      list.map((d) => d.id).sort(),
    );
    // The oldest kept one can still be rolled back to; a pruned one cannot.
    expect((await api('POST', `/api/deployments/${list[19]!.id}/rollback`)).status).toBe(200);
    expect((await api('POST', '/api/deployments/000001-x/rollback')).status).toBe(404);
  });
});
