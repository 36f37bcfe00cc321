/**
 * "Deploy without them": a refused deploy lists the artifacts that cannot run and those that
 * reference them (`blocked`); `POST /api/deploy { exclude }` deploys the rest, leaves out the
 * dependents too, and records what it left out (the response, `/api/deployments`, the snapshot,
 * and a restart, which leaves them out again).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Cleanup,
  NS,
  call,
  freePort,
  smallProject,
  snapshotFiles,
  startServer,
  tempDir,
  type TestServer,
} from './helpers/server.js';

const cleanup = new Cleanup();
let server: TestServer;
let project: string;
let httpPort: number;

/** `bad` runs a class mediator (not runnable); proxy `UsesBad` calls it. */
const BAD = `<sequence name="bad" ${NS}>\n  <class name="com.example.Upper"/>\n</sequence>\n`;
const USES_BAD = `<proxy name="UsesBad" transports="http" ${NS}>\n  <target inSequence="bad"/>\n</proxy>\n`;

beforeEach(async () => {
  httpPort = await freePort();
  project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), httpPort);
  await writeFile(path.join(project, 'artifacts/sequences/bad.xml'), BAD);
  await writeFile(path.join(project, 'artifacts/proxy-services/UsesBad.xml'), USES_BAD);
  server = await startServer(cleanup, { project });
});
afterEach(() => cleanup.run());

const api = (method: string, p: string, body?: unknown) => call(server.base, method, p, body);

const CLASS_ERROR = '<class> is not a mediator Mediate runs; it is kept as written but cannot be deployed.';
const BLOCKED = [
  { artifact: 'sequence:bad', file: 'artifacts/sequences/bad.xml', reason: CLASS_ERROR },
  {
    artifact: 'proxy:UsesBad',
    file: 'artifacts/proxy-services/UsesBad.xml',
    reason: "It uses sequence 'bad', which is left out.",
    because: 'sequence:bad',
  },
];

async function served(): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/services/Svc`, { method: 'POST', body: 'x' });
  await res.text();
  return res.status;
}

describe('deploy without the artifacts that cannot run', () => {
  it('a refused deploy lists them, with the artifacts that reference them', async () => {
    expect(server.output()).toContain('The project did not deploy');
    const r = await api('POST', '/api/deploy');
    expect(r.status).toBe(422);
    expect(r.json.ok).toBe(false);
    expect(r.json.blocked).toEqual(BLOCKED);
  });

  it('exclude deploys the rest, leaves the dependents out too, and records it', async () => {
    const r = await api('POST', '/api/deploy', { exclude: ['sequence:bad'] });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      ok: true,
      deploymentId: expect.stringMatching(/^000001-/),
      changes: { added: ['proxy:Svc', 'sequence:helper'], updated: [], removed: [] },
      excluded: BLOCKED,
    });
    expect(await served()).toBe(200);

    const list = (await api('GET', '/api/deployments')).json;
    expect(list).toEqual([
      expect.objectContaining({ id: r.json.deploymentId, current: true, artifacts: 2, excluded: BLOCKED }),
    ]);
    // The snapshot keeps every file (a rollback restores them all) and says what was left out.
    const snap = await snapshotFiles(project, r.json.deploymentId);
    expect(Object.keys(snap.files).sort()).toEqual([
      'artifacts/proxy-services/Svc.xml',
      'artifacts/proxy-services/UsesBad.xml',
      'artifacts/sequences/bad.xml',
      'artifacts/sequences/helper.xml',
    ]);

    // The same exclusion again changes nothing: no new deployment.
    const again = await api('POST', '/api/deploy', { exclude: ['sequence:bad', 'proxy:UsesBad'] });
    expect(again.json.deploymentId).toBe(r.json.deploymentId);

    // A restart redeploys it, leaving them out again.
    await server.stop();
    server = await startServer(cleanup, { project });
    expect(server.output()).toContain(`Deployed ${r.json.deploymentId} (2 artifacts)`);
    expect(await served()).toBe(200);
  });

  it('leaving out only some of the broken ones is refused with the rest of the errors', async () => {
    const r = await api('POST', '/api/deploy', { exclude: ['proxy:UsesBad'] });
    expect(r.status).toBe(422);
    expect(r.json.ok).toBe(false);
    expect(r.json.excluded).toEqual([
      {
        artifact: 'proxy:UsesBad',
        file: 'artifacts/proxy-services/UsesBad.xml',
        reason: 'Left out on request.',
      },
    ]);
    expect(r.json.diagnostics).toContainEqual(
      expect.objectContaining({ artifact: 'bad', code: 'MEDIATOR_UNSUPPORTED' }),
    );
    expect(r.json.blocked).toEqual(BLOCKED);
    expect((await api('GET', '/api/deployments')).json).toEqual([]);
  });

  it('a file that does not parse can be left out by its path', async () => {
    await writeFile(
      path.join(project, 'artifacts/sequences/broken.xml'),
      '<sequence name="broken">\n  <log>\n</sequence>\n',
    );
    const refused = await api('POST', '/api/deploy');
    expect(refused.json.blocked).toContainEqual(
      expect.objectContaining({
        artifact: 'artifacts/sequences/broken.xml',
        file: 'artifacts/sequences/broken.xml',
      }),
    );
    const r = await api('POST', '/api/deploy', {
      exclude: refused.json.blocked.map((b: { artifact: string }) => b.artifact),
    });
    expect(r.status).toBe(200);
    expect(r.json.excluded.map((e: { artifact: string }) => e.artifact).sort()).toEqual([
      'artifacts/sequences/broken.xml',
      'proxy:UsesBad',
      'sequence:bad',
    ]);
  });

  it('an exclude naming nothing in the project is a 422 that says so; a bad body a 400', async () => {
    const r = await api('POST', '/api/deploy', { exclude: ['sequence:nope'] });
    expect(r.status).toBe(422);
    expect(r.json).toEqual({
      code: 'EXCLUDE_UNKNOWN',
      message:
        'Cannot leave out sequence:nope: the project has no such artifact (use type:name, e.g. sequence:foo).',
    });
    expect((await api('POST', '/api/deploy', { exclude: 'sequence:bad' })).status).toBe(400);
  });
});
