/**
 * `POST /api/artifacts/:type/:name/rename` against the real server (in-process, real HTTP, a copy
 * of the seed on disk): one call renames the file and the name and rewrites every reference (the
 * proxy, the inbound endpoint, deployment.toml), leaving every other byte as it was. A stale
 * revision, a taken or bad name and a write that fails half way change nothing at all.
 */
import { mkdir, readFile, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cleanup,
  call,
  freePort,
  seedProject,
  startServer,
  tempDir,
  treeBytes,
  type TestServer,
  expectApiError,
} from './helpers/server.js';

const cleanup = new Cleanup();
let server: TestServer;
let project: string;

beforeAll(async () => {
  project = await seedProject(path.join(tempDir('mediate-test-', cleanup), 'seed'), {
    wsPort: await freePort(),
    httpPort: await freePort(),
    backendUrl: 'ws://127.0.0.1:9/websocket',
  });
  server = await startServer(cleanup, { project, deploy: false });
});
afterAll(() => cleanup.run());

const api = (method: string, p: string, body?: unknown) => call(server.base, method, p, body);

/** Every file under the project: "exactly as before". */
const tree = () => treeBytes(project);

const text = (rel: string) => readFile(path.join(project, rel), 'utf8');
const revOf = async (folder: string, name: string) =>
  (await api('GET', `/api/artifacts/${folder}/${name}`)).json.rev as string;

describe('POST /api/artifacts/:type/:name/rename', () => {
  it('refuses a stale revision, a taken, bad or missing name, without touching a file', async () => {
    const before = await tree();
    const rev = await revOf('sequences', 'outDispatchSeq');
    const rename = (to: unknown, r: unknown = rev, name = 'outDispatchSeq') =>
      api('POST', `/api/artifacts/sequences/${name}/rename`, { to, rev: r });
    expectApiError(await rename('replySeq', 'not-the-rev'), 409, 'STALE_REVISION');
    expectApiError(await rename('dispatchSeq'), 409, 'NAME_TAKEN');
    expectApiError(await rename('a/b'), 400, 'BAD_NAME');
    expectApiError(await rename('replySeq', rev, 'nope'), 404, 'NOT_FOUND');
    expectApiError(await rename(undefined), 400, 'BAD_REQUEST');
    expectApiError(
      await api('POST', '/api/artifacts/sequences/outDispatchSeq/rename', { to: 'x' }),
      400,
      'BAD_REQUEST',
    );
    expectApiError(
      await api('POST', '/api/artifacts/widgets/outDispatchSeq/rename', { to: 'x', rev }),
      404,
      'UNKNOWN_TYPE',
    );
    expect((await rename('replySeq', 'not-the-rev')).json.message).toBe(
      "'outDispatchSeq' was changed since revision not-the-rev; reload it, then rename.",
    );
    expect(await tree()).toEqual(before);
  });

  it('refuses a folder in the way of the new file, before writing anything', async () => {
    const before = await tree();
    const blocker = path.join(project, 'artifacts/sequences/replySeq.xml');
    await mkdir(blocker);
    try {
      const r = await api('POST', '/api/artifacts/sequences/outDispatchSeq/rename', {
        to: 'replySeq',
        rev: await revOf('sequences', 'outDispatchSeq'),
      });
      expectApiError(r, 409, 'NAME_TAKEN');
      expect(r.json.message).toBe(
        'artifacts/sequences/replySeq.xml already exists; move it away, then rename.',
      );
      expect(await tree()).toEqual(before);
    } finally {
      await rmdir(blocker);
    }
  });

  it('renames the file and the name and rewrites the proxy, the inbound endpoint and deployment.toml', async () => {
    const before = await tree();
    const old = {
      seq: await text('artifacts/sequences/outDispatchSeq.xml'),
      proxy: await text('artifacts/proxy-services/websocketProxy1.xml'),
      inbound: await text('artifacts/inbound-endpoints/WebSocketInbound.xml'),
      toml: await text('deployment.toml'),
    };
    const r = await api('POST', '/api/artifacts/sequences/outDispatchSeq/rename', {
      to: 'replySeq',
      rev: await revOf('sequences', 'outDispatchSeq'),
    });
    expect(r.status).toBe(200);

    const seq = old.seq.replace('name="outDispatchSeq"', 'name="replySeq"');
    const proxy = old.proxy.replace('faultSequence="outDispatchSeq"', 'faultSequence="replySeq"');
    const inbound = old.inbound.replace('>outDispatchSeq</parameter>', '>replySeq</parameter>');
    const toml = old.toml.replace(
      'outflow_dispatch_sequence = "outDispatchSeq"',
      'outflow_dispatch_sequence = "replySeq"',
    );
    for (const [now, was] of [
      [seq, old.seq],
      [proxy, old.proxy],
      [inbound, old.inbound],
      [toml, old.toml],
    ])
      expect(now).not.toBe(was);
    expect(await text('artifacts/sequences/replySeq.xml')).toBe(seq);
    expect(await text('artifacts/proxy-services/websocketProxy1.xml')).toBe(proxy);
    expect(await text('artifacts/inbound-endpoints/WebSocketInbound.xml')).toBe(inbound);
    expect(await text('deployment.toml')).toBe(toml);
    // Everything else byte for byte; the old file is gone.
    const after = await tree();
    const changed = [
      'artifacts/sequences/outDispatchSeq.xml',
      'artifacts/sequences/replySeq.xml',
      'artifacts/proxy-services/websocketProxy1.xml',
      'artifacts/inbound-endpoints/WebSocketInbound.xml',
      'deployment.toml',
    ];
    const rest = (t: Record<string, string>) =>
      Object.fromEntries(Object.entries(t).filter(([k]) => !changed.includes(k)));
    expect(rest(after)).toEqual(rest(before));
    expect(after['artifacts/sequences/outDispatchSeq.xml']).toBeUndefined();

    // The answer: every file with its text and revision (as GET gives them), and the references.
    expect(r.json.name).toBe('replySeq');
    expect(r.json.removed).toBe('artifacts/sequences/outDispatchSeq.xml');
    expect(r.json.files.map((f: { path: string }) => f.path)).toEqual([
      'artifacts/inbound-endpoints/WebSocketInbound.xml',
      'artifacts/proxy-services/websocketProxy1.xml',
      'artifacts/sequences/replySeq.xml',
    ]);
    expect(r.json.files[2].rev).toBe(await revOf('sequences', 'replySeq'));
    expect(r.json.files[0].xml).toBe(inbound);
    expect(r.json.config.toml).toBe(toml);
    expect(r.json.config.rev).toBe((await api('GET', '/api/config')).json.rev);
    expect(r.json.references).toEqual([
      { artifact: 'inboundEndpoint:WebSocketInbound', where: 'parameter ws.outflow.dispatch.sequence' },
      { artifact: 'proxy:websocketProxy1', where: 'target faultSequence' },
      { artifact: 'deployment.toml', where: 'sender.outflow_dispatch_sequence' },
    ]);
    // The project still validates without a missing reference.
    const list = (await api('GET', '/api/artifacts')).json as {
      name: string;
      diagnostics: { code: string }[];
    }[];
    expect(list.map((a) => a.name).sort()).toEqual([
      'WebSocketInbound',
      'dispatchSeq',
      'inboundDispatchSeq',
      'replySeq',
      'websocketProxy1',
    ]);
    expect(list.flatMap((a) => a.diagnostics.map((d) => d.code))).not.toContain('REF_SEQUENCE_MISSING');
  });
});
