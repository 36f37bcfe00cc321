/**
 * `POST /api/import` on a running server: pasted `<definitions>` text, an uploaded .car (raw
 * bytes), a folder on the server's machine. A name the project already has refuses the whole
 * import with the list of clashes (409, nothing written) unless the request says to skip or
 * rename them; the project's own deployment.toml is kept.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Cleanup,
  NS,
  call,
  freePort,
  isApiError,
  serverDir,
  smallProject,
  startServer,
  tempDir,
  type TestServer,
} from './helpers/server.js';
import { zipFolder } from '@mediate/engine/testing';
import yazl from 'yazl';

const FIXTURES = path.join(serverDir, 'test/fixtures/import');

const cleanup = new Cleanup();
let server: TestServer;
let project: string;

beforeEach(async () => {
  project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), await freePort());
  server = await startServer(cleanup, { project, deploy: false });
});
afterEach(() => cleanup.run());

const api = (method: string, p: string, body?: unknown) => call(server.base, method, p, body);
const names = async () =>
  ((await api('GET', '/api/artifacts')).json as { type: string; name: string }[]).map(
    (a) => `${a.type}/${a.name}`,
  );

const DEFINITIONS = `<definitions ${NS}>
  <sequence name="helper">
    <log level="full"/>
  </sequence>
  <sequence name="pasted">
    <sequence key="helper"/>
  </sequence>
  <template name="tpl"><sequence/></template>
  <template name="eptpl"><endpoint><address uri="http://localhost:9000/x"/></endpoint></template>
</definitions>
`;

describe('POST /api/import', () => {
  it('refuses names the project already has, listing them, and writes nothing', async () => {
    const r = await api('POST', '/api/import', { xml: DEFINITIONS, file: 'pasted' });
    expect(r.status).toBe(409);
    expect(isApiError(r.json)).toBe(true);
    expect(r.json.code).toBe('NAME_CLASH');
    expect(r.json.message).toBe(
      'The project already has sequences/helper; nothing was imported. Import again skipping or renaming them.',
    );
    expect(r.json.details.clashes).toEqual([{ type: 'sequences', name: 'helper', from: 'pasted' }]);
    expect(await names()).toEqual(['proxy-services/Svc', 'sequences/helper']);
  });

  it('skips the clashes when asked, and reports them with everything else left out', async () => {
    const before = await readFile(path.join(project, 'artifacts/sequences/helper.xml'), 'utf8');
    const r = await api('POST', '/api/import', { xml: DEFINITIONS, file: 'pasted', onClash: 'skip' });
    expect(r.status).toBe(200);
    expect(r.json.report).toEqual({
      source: { kind: 'definitions', path: 'pasted' },
      config: { action: 'kept' },
      imported: [
        { type: 'sequences', name: 'pasted', from: 'pasted', file: 'artifacts/sequences/pasted.xml' },
        { type: 'templates', name: 'tpl', from: 'pasted', file: 'artifacts/templates/tpl.xml' },
      ],
      skipped: [
        {
          from: 'pasted',
          kind: 'name-clash',
          what: "sequence 'helper'",
          reason: "The project already has sequence 'helper'.",
        },
        {
          from: 'pasted',
          kind: 'unsupported',
          what: "endpoint template 'eptpl'",
          reason: 'Mediate does not run endpoint templates.',
        },
      ],
    });
    expect(await names()).toEqual([
      'proxy-services/Svc',
      'sequences/helper',
      'sequences/pasted',
      'templates/tpl',
    ]);
    expect(await readFile(path.join(project, 'artifacts/sequences/helper.xml'), 'utf8')).toBe(before);
  });

  it('renames the clashes when asked', async () => {
    const r = await api('POST', '/api/import', { xml: DEFINITIONS, onClash: 'rename' });
    expect(r.status).toBe(200);
    expect(r.json.report.imported).toContainEqual({
      type: 'sequences',
      name: 'helper_imported',
      renamedFrom: 'helper',
      from: 'pasted XML',
      file: 'artifacts/sequences/helper_imported.xml',
    });
    const doc = (await api('GET', '/api/artifacts/sequences/helper_imported')).json;
    expect(doc.xml).toContain('name="helper_imported"');
  });

  it('imports an uploaded .car sent as raw bytes, keeping the project’s deployment.toml', async () => {
    const toml = await readFile(path.join(project, 'deployment.toml'), 'utf8');
    const car = await zipFolder(path.join(FIXTURES, 'capp/GreetingCApp_1.0.0'), new yazl.ZipFile());
    const res = await fetch(`${server.base}/api/import?file=GreetingCApp_1.0.0.car`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: car,
    });
    const json = (await res.json()) as { report: { imported: { name: string }[]; skipped: unknown[] } };
    expect(res.status).toBe(200);
    expect(json.report.imported.map((a) => a.name).sort()).toEqual([
      'GreetingAPI',
      'GreetingEP',
      'GreetingSeq',
      'GreetingTemplate',
      'GreetingWsInbound',
    ]);
    expect(json.report.skipped).toHaveLength(2);
    expect(await readFile(path.join(project, 'deployment.toml'), 'utf8')).toBe(toml);
  });

  it('imports a folder on the server’s machine; a foreign one is a 422 that says what was looked for', async () => {
    const r = await api('POST', '/api/import', {
      path: path.join(FIXTURES, 'integration-studio/OrdersIntegration'),
    });
    expect(r.status).toBe(200);
    expect(r.json.report.source.kind).toBe('integration-studio');
    expect(r.json.report.imported).toHaveLength(7);
    expect(await names()).toContain('inbound-endpoints/OrdersWsInbound');

    const foreign = await api('POST', '/api/import', { path: path.join(serverDir, 'src') });
    expect(foreign.status).toBe(422);
    expect(foreign.json.code).toBe('NOT_IMPORTABLE');
    expect(foreign.json.message).toContain('is not something Mediate can import');
  });

  it('asks for exactly one of xml and path', async () => {
    for (const body of [{}, { xml: '<a/>', path: '/tmp' }, { xml: '<a/>', onClash: 'merge' }]) {
      const r = await api('POST', '/api/import', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(isApiError(r.json)).toBe(true);
    }
  });
});
