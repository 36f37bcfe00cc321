/**
 * Crash safety (acceptance 3): `mediate start` as a child process takes a stream of saves (several
 * artifacts, each a chain of revisions, some large) and deploys, and is killed with SIGKILL in the
 * middle of it. After a restart on the same project: every artifact file parses, no temporary file
 * or half-written snapshot is left, and the last successful deployment is the one serving.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArtifact } from '@mediate/engine';
import { filesUnder } from '@mediate/engine/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/project-store/load-project.js';
import { validateFolder } from '../src/project-store/validate-folder.js';
import { mediate } from './helpers/child.js';
import {
  Cleanup,
  call,
  freePort,
  sequenceXml,
  smallProject,
  snapshotFiles,
  tempDir,
  versionProxy,
  writeFiles,
} from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

const versionOf = (xml: string) => /name="X-Version" value="(\d+)"/.exec(xml)?.[1];

describe('SIGKILL during a stream of saves and deploys', () => {
  it('restarts with every file parsing and the last successful deployment serving', async () => {
    const home = tempDir('mediate-home-', cleanup);
    const httpPort = await freePort();
    const project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), httpPort);
    const port = await freePort();
    const args = ['start', '--project', project, '--port', String(port)];
    const base = `http://127.0.0.1:${port}`;

    const first = mediate(cleanup, args, { MEDIATE_HOME: home });
    await first.waitForOutput(/Deployed 000001-/);

    // The stream: four writers, each saving its own sequence revision after revision (with the
    // rev it got back, so a lost or torn write shows up as a 409), some of them large; and a
    // deployer that saves proxy Svc with an increasing version and deploys it.
    let stop = false;
    let saves = 0;
    const acked: { id: string; version: number }[] = [];
    const writer = async (w: number) => {
      let rev: string | undefined;
      for (let i = 0; !stop; i++) {
        const padding = `<!-- ${'.'.repeat((i * 7919 * (w + 1)) % 300_000)} -->`;
        const r = await call(base, 'PUT', `/api/artifacts/sequences/w${w}`, {
          xml: sequenceXml(`w${w}`, `<log level="custom"><property name="i" value="${i}"/></log>${padding}`),
          ...(rev ? { rev } : {}),
        });
        if (r.status !== 200 && r.status !== 201) throw new Error(`save w${w}#${i}: ${r.status} ${r.text}`);
        rev = r.json.rev;
        saves++;
      }
    };
    const deployer = async () => {
      for (let v = 2; !stop; v++) {
        expect(
          (
            await call(base, 'PUT', '/api/artifacts/proxy-services/Svc', {
              xml: versionProxy('Svc', String(v)),
            })
          ).status,
        ).toBe(200);
        const r = await call(base, 'POST', '/api/deploy');
        if (r.status !== 200) throw new Error(`deploy ${v}: ${r.status} ${r.text}`);
        acked.push({ id: r.json.deploymentId, version: v });
      }
    };
    // A request cut off by the kill fails; anything else is a real failure.
    const cut = (e: unknown) => {
      if (!stop) throw e;
    };
    const stream = Promise.all([0, 1, 2, 3].map((w) => writer(w).catch(cut)).concat(deployer().catch(cut)));

    // Kill mid-stream: once there has been real traffic, while requests are in flight.
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (acked.length >= 3 && saves >= 40) {
          clearInterval(t);
          resolve();
        }
      }, 5);
      void stream.then(() => reject(new Error('the stream ended before the kill')), reject);
    });
    stop = true;
    expect(await first.kill('SIGKILL')).toBe('SIGKILL');
    await stream;
    const lastAcked = acked[acked.length - 1]!;

    // Plant leftovers too, so the sweep is checked whatever the kill happened to cut.
    const leftovers = (await filesUnder(project)).filter((f) => /\.tmp$|\/\.tmp-/.test(f));
    await writeFiles(project, {
      'artifacts/sequences/.w0.xml.0123456789ab.tmp': '<sequence name="w0"',
      '.mediate/deployments/.tmp-000999-x/deployment.toml': '',
    });

    // Restart on the same project.
    const second = mediate(cleanup, args, { MEDIATE_HOME: home });
    const deployed = (await second.waitForOutput(/Deployed (\d{6}-\S+)/))[1]!;
    expect(second.stdout()).toMatch(/Removed \d+ temporary file/);
    console.log(
      `crash test: ${saves} saves, ${acked.length} deploys acknowledged; left by the kill: ${leftovers.join(', ') || 'nothing'}`,
    );

    // Every file the loader reads parses; nothing else is left in the artifact folders.
    const files = await filesUnder(path.join(project, 'artifacts'));
    expect(files.filter((f) => !f.endsWith('.xml'))).toEqual([]);
    for (const f of files) {
      const text = await readFile(path.join(project, 'artifacts', f), 'utf8');
      const parsed = parseArtifact(text, `artifacts/${f}`);
      expect({ f, errors: parsed.diagnostics.filter((d) => d.severity === 'error') }).toEqual({
        f,
        errors: [],
      });
      expect(parsed.artifact).toBeDefined();
    }
    const loaded = await loadProject(project);
    expect(validateFolder(loaded).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'artifacts/proxy-services/Svc.xml',
        'artifacts/sequences/w0.xml',
        'artifacts/sequences/w3.xml',
      ]),
    );
    expect(await readdir(project)).not.toContainEqual(expect.stringMatching(/\.tmp$/));

    // No half-written snapshot is left; every kept one is complete.
    const snapshots = await readdir(path.join(project, '.mediate/deployments'));
    expect(snapshots.filter((n) => !/^\d{6}-/.test(n))).toEqual([]);
    for (const id of snapshots) {
      expect(
        JSON.parse(await readFile(path.join(project, '.mediate/deployments', id, 'meta.json'), 'utf8')).id,
      ).toBe(id);
      expect((await snapshotFiles(project, id)).files).toHaveProperty(['artifacts/proxy-services/Svc.xml']);
    }

    // The last successful deployment serves: the newest snapshot, at least as new as the last
    // acknowledged deploy (a deploy cut off after its snapshot was written counts as successful).
    const runtime = (await call(base, 'GET', '/api/runtime')).json;
    const list = (await call(base, 'GET', '/api/deployments')).json as { id: string; current: boolean }[];
    expect(runtime.deploymentId).toBe(deployed);
    expect(list[0]).toMatchObject({ id: deployed, current: true });
    expect(deployed >= lastAcked.id).toBe(true);
    const snapVersion = Number(
      versionOf((await snapshotFiles(project, deployed)).files['artifacts/proxy-services/Svc.xml'] ?? ''),
    );
    expect(snapVersion).toBeGreaterThanOrEqual(lastAcked.version);
    const res = await fetch(`http://127.0.0.1:${httpPort}/services/Svc`, {
      method: 'POST',
      body: '<a/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<a/>');
    expect(res.headers.get('x-version')).toBe(String(snapVersion));

    await second.kill('SIGTERM');
  }, 90_000);
});
