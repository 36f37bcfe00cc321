/**
 * The deployment history on disk: one `snapshot.json` (plus `meta.json`) per deployment folder,
 * snapshots in the folder layout of earlier versions still read (and deployed on a restart), the
 * newest 20 kept, and a folder that holds no complete snapshot skipped rather than deployed empty.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DeploymentHistory,
  KEEP_DEPLOYMENTS,
  SnapshotUnreadable,
} from '../src/project-store/deployment-history.js';
import {
  Cleanup,
  freePort,
  sequenceXml,
  smallProject,
  startServer,
  tempDir,
  tomlFor,
  versionProxy,
  writeFiles,
} from './helpers/server.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CHANGES = { added: ['sequence:a'], updated: [], removed: [], unchanged: [] };

/** A snapshot folder as versions before snapshot.json wrote it. */
async function writeOldLayout(
  project: string,
  id: string,
  configText: string,
  files: Record<string, string>,
): Promise<void> {
  const dir = path.join(project, '.mediate/deployments', id);
  await writeFiles(dir, {
    'deployment.toml': configText,
    ...files,
    'meta.json': JSON.stringify({
      id,
      time: '2025-01-01T00:00:00.000Z',
      changes: CHANGES,
      artifacts: Object.keys(files).length,
    }),
  });
}

describe('DeploymentHistory', () => {
  it('writes a deployment as one snapshot.json plus meta.json, and reads it back byte for byte', async () => {
    const root = tempDir('mediate-test-', cleanup);
    const history = new DeploymentHistory(root);
    const files = new Map([
      ['artifacts/sequences/a.xml', sequenceXml('a', '<log level="custom"/>\r\n  <!-- é ✓ -->')],
      ['artifacts/proxy-services/P.xml', versionProxy('P', 'v1')],
    ]);
    const id = await history.record('[server]\noffset = 10\n', files, CHANGES);
    expect(id).toMatch(/^000001-\d{8}T\d{6}Z$/);
    expect((await readdir(history.dir)).sort()).toEqual([id]);
    expect((await readdir(path.join(history.dir, id))).sort()).toEqual(['meta.json', 'snapshot.json']);

    const snap = await history.load(id);
    expect(snap).toEqual({ id, configText: '[server]\noffset = 10\n', files, excluded: [] });
    expect(await history.list(id)).toEqual([
      { id, time: expect.any(String), changes: CHANGES, artifacts: 2, current: true },
    ]);
    expect(await history.latest()).toBe(id);
    expect((await history.latestReadable())?.id).toBe(id);
  });

  it('reads snapshots in the folder layout of earlier versions, and numbers new ones after them', async () => {
    const root = tempDir('mediate-test-', cleanup);
    await writeOldLayout(root, '000004-20250101T000000Z', '[server]\noffset = 3\n', {
      'artifacts/sequences/a.xml': sequenceXml('a'),
      'artifacts/proxy-services/P.xml': versionProxy('P', 'old'),
    });
    const history = new DeploymentHistory(root);
    const old = await history.load('000004-20250101T000000Z');
    expect(old.configText).toBe('[server]\noffset = 3\n');
    expect(old.files).toEqual(
      new Map([
        ['artifacts/proxy-services/P.xml', versionProxy('P', 'old')],
        ['artifacts/sequences/a.xml', sequenceXml('a')],
      ]),
    );
    const id = await history.record('', new Map(), CHANGES);
    expect(id).toMatch(/^000005-/);
    expect((await history.list(id)).map((d) => [d.id, d.current])).toEqual([
      [id, true],
      ['000004-20250101T000000Z', false],
    ]);
  });

  it('lists a snapshot whose meta.json is unreadable from the meta in snapshot.json', async () => {
    const root = tempDir('mediate-test-', cleanup);
    const history = new DeploymentHistory(root);
    const id = await history.record('', new Map([['artifacts/sequences/a.xml', sequenceXml('a')]]), CHANGES);
    await writeFile(path.join(history.dir, id, 'meta.json'), '');
    expect(await history.list(undefined)).toEqual([
      { id, time: expect.any(String), changes: CHANGES, artifacts: 1, current: false },
    ]);
  });

  it('never loads a folder without a complete snapshot as an empty project; a restart skips it', async () => {
    const root = tempDir('mediate-test-', cleanup);
    const history = new DeploymentHistory(root);
    const good = await history.record(
      '',
      new Map([['artifacts/sequences/a.xml', sequenceXml('a')]]),
      CHANGES,
    );
    const empty = '000002-20250101T000000Z';
    const torn = '000003-20250101T000000Z';
    await mkdir(path.join(history.dir, empty), { recursive: true });
    await writeFiles(path.join(history.dir, torn), { 'snapshot.json': '{"meta":{"id":"0000' });
    await expect(history.load(empty)).rejects.toBeInstanceOf(SnapshotUnreadable);
    await expect(history.load(torn)).rejects.toBeInstanceOf(SnapshotUnreadable);
    const skipped: string[] = [];
    const latest = await history.latestReadable((id) => skipped.push(id));
    expect(latest?.id).toBe(good);
    expect(skipped).toEqual([torn, empty]);
  });

  it(`keeps the newest ${KEEP_DEPLOYMENTS}, old layout or new, and sweeps half-written folders`, async () => {
    const root = tempDir('mediate-test-', cleanup);
    for (let i = 1; i <= 3; i++)
      await writeOldLayout(root, `00000${i}-20250101T000000Z`, '', {
        'artifacts/sequences/a.xml': sequenceXml('a'),
      });
    const history = new DeploymentHistory(root);
    await mkdir(path.join(history.dir, '.tmp-000099-x/artifacts'), { recursive: true });
    expect(await history.sweep()).toBe(1);
    let last = '';
    for (let i = 0; i < KEEP_DEPLOYMENTS; i++) last = await history.record('', new Map(), CHANGES);
    const kept = (await readdir(history.dir)).sort();
    expect(kept).toHaveLength(KEEP_DEPLOYMENTS);
    expect(kept[0]).toMatch(/^000004-/);
    expect(kept[kept.length - 1]).toBe(last);
  });
});

describe('a restart on a project whose last deployment is in the old layout', () => {
  it('deploys that snapshot and serves it', async () => {
    const httpPort = await freePort();
    const project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), httpPort);
    await writeOldLayout(project, '000007-20250101T000000Z', tomlFor(httpPort), {
      'artifacts/proxy-services/Svc.xml': versionProxy('Svc', 'from-old-snapshot'),
    });
    // The working files are the snapshot's (a plain restart), so that deployment runs again.
    await writeFiles(project, {
      'artifacts/proxy-services/Svc.xml': versionProxy('Svc', 'from-old-snapshot'),
    });
    await rm(path.join(project, 'artifacts/sequences/helper.xml'));
    const server = await startServer(cleanup, { project });
    expect(server.output()).toMatch(/Deployed 000007-20250101T000000Z \(1 artifact\)/);
    const res = await fetch(`http://127.0.0.1:${httpPort}/services/Svc`, { method: 'POST', body: '<a/>' });
    await res.text();
    expect(res.headers.get('x-version')).toBe('from-old-snapshot');
  });
});
