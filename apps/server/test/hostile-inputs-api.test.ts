/**
 * Issue 18, F3–F6 through the API and the CLI, as the report reproduced them: a proxy in a
 * foreign namespace was saved, deployed and served; bytes that are not UTF-8 were replaced with
 * U+FFFD on save and by `mediate validate`; `CON` was accepted as a name; a sequence, an
 * endpoint and a local entry shared one key.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediateRun } from './helpers/child.js';
import {
  Cleanup,
  NS,
  call,
  freePort,
  smallProject,
  startServer,
  tempDir,
  type TestServer,
} from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

let server: TestServer;
let httpPort: number;

beforeAll(async () => {
  httpPort = await freePort();
  const project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), httpPort);
  server = await startServer(cleanup, { project });
}, 60_000);

describe('F3: a proxy outside the Synapse namespace', () => {
  it('is saved as a draft with a located error, refused by deploy, and never served', async () => {
    const xml = `<proxy xmlns="http://evil.example/ns" name="evil" transports="http">\n  <target><inSequence><respond/></inSequence></target>\n</proxy>\n`;
    const before = await call(server.base, 'GET', '/api/runtime');
    expect(before.json.deployed).toBe(true);
    const put = await call(server.base, 'PUT', '/api/artifacts/proxy-services/evil', { xml });
    expect(put.status).toBe(201);
    expect(put.json.diagnostics[0]).toMatchObject({ code: 'NOT_SYNAPSE_NAMESPACE', line: 1, column: 1 });
    const deploy = await call(server.base, 'POST', '/api/deploy');
    expect(deploy.status).toBe(422);
    expect(deploy.json.diagnostics.map((d: { code: string }) => d.code)).toContain('NOT_SYNAPSE_NAMESPACE');
    // The deployment running is still the one from before, which has no proxy 'evil'.
    const after = await call(server.base, 'GET', '/api/runtime');
    expect(after.json.deploymentId).toBe(before.json.deploymentId);
    const [current] = (await call(server.base, 'GET', '/api/deployments')).json;
    expect(current.changes.added).toEqual(['proxy:Svc', 'sequence:helper']);
    expect((await call(server.base, 'DELETE', '/api/artifacts/proxy-services/evil')).status).toBe(204);
  });
});

describe('F4: a request body that is not UTF-8', () => {
  it('is refused with 400 and where the bad byte is, and nothing is written', async () => {
    const json = Buffer.concat([
      Buffer.from(`{"xml":"<sequence name=\\"latin\\" ${NS.replace(/"/g, '\\"')}><log/><!-- caf`),
      Buffer.from([0xe9]),
      Buffer.from(` --></sequence>"}`),
    ]);
    const offset = json.indexOf(0xe9);
    const res = await fetch(`${server.base}/api/artifacts/sequences/latin`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    const body = (await res.json()) as { code: string; message: string };
    expect(res.status).toBe(400);
    expect(body).toEqual({
      code: 'BAD_ENCODING',
      message: `The request body is not valid UTF-8 at byte offset ${offset} (line 1, column ${offset + 1} of the body); send it as UTF-8.`,
    });
    expect((await call(server.base, 'GET', '/api/artifacts/sequences/latin')).status).toBe(404);
  });
});

describe('F5: Windows device names', () => {
  it('are refused as artifact names by the API', async () => {
    for (const name of ['CON', 'nul', 'com1', 'aux.txt']) {
      const xml = `<sequence name="${name}" ${NS}><log/></sequence>`;
      const r = await call(server.base, 'PUT', `/api/artifacts/sequences/${encodeURIComponent(name)}`, {
        xml,
      });
      expect(r.status, name).toBe(400);
      expect(r.json.code).toBe('BAD_NAME');
      expect(r.json.message).toContain('is a device name on Windows');
    }
  });
});

describe('F6: one key for a sequence and an endpoint', () => {
  it('makes the deploy fail and names both artifacts', async () => {
    const seq = `<sequence name="shared" ${NS}><log/></sequence>`;
    const ep = `<endpoint name="shared" ${NS}><address uri="http://127.0.0.1:9/x"/></endpoint>`;
    expect((await call(server.base, 'PUT', '/api/artifacts/sequences/shared', { xml: seq })).status).toBe(
      201,
    );
    expect((await call(server.base, 'PUT', '/api/artifacts/endpoints/shared', { xml: ep })).status).toBe(201);
    const deploy = await call(server.base, 'POST', '/api/deploy');
    expect(deploy.status).toBe(422);
    const clash = deploy.json.diagnostics.find((d: { code: string }) => d.code === 'REGISTRY_KEY_CLASH');
    expect(clash.message).toMatch(/^The sequence 'shared' has the key of the endpoint 'shared'/);
    await call(server.base, 'DELETE', '/api/artifacts/endpoints/shared');
    await call(server.base, 'DELETE', '/api/artifacts/sequences/shared');
  });
});

describe('F4: mediate validate on a file that is not UTF-8', () => {
  it('prints the file, line and column of the bad byte and exits 1', async () => {
    const dir = path.join(tempDir('mediate-test-', cleanup), 'project');
    await mkdir(path.join(dir, 'artifacts/sequences'), { recursive: true });
    const first = `<sequence name="s" ${NS}>\n  <log level="custom"><property name="x" value="caf`;
    await writeFile(
      path.join(dir, 'artifacts/sequences/s.xml'),
      Buffer.concat([Buffer.from(first), Buffer.from([0xe9]), Buffer.from('"/></log>\n</sequence>\n')]),
    );
    const r = await mediateRun(cleanup, ['validate', dir]);
    expect(r.code).toBe(1);
    const column = first.split('\n')[1]!.length + 1;
    expect(r.stdout).toContain(
      `artifacts/sequences/s.xml:2:${column} error XML_INVALID_UTF8 The bytes are not valid UTF-8 at byte offset ${Buffer.byteLength(first)}`,
    );
  });
});
