/**
 * `GET /api/runtime` reports the retry buffer (`[mediate.retry]`): the bundled example with the
 * buffer on and its back end down, a POST to the proxy (Example 2), then the back end started.
 */
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { RetryBackendDto, RuntimeInfo } from '@mediate/engine';
import { startSampleBackend } from '@mediate/engine/sample-backend';
import { afterAll, describe, expect, it } from 'vitest';
import { Cleanup, call, freePort, seedProject, startServer, tempDir, until } from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

describe('GET /api/runtime with [mediate.retry] enabled', () => {
  it('counts what waits for a back end that is down, and what was sent once it is up', async () => {
    const httpPort = await freePort();
    const backendPort = await freePort();
    const backendUrl = `ws://127.0.0.1:${backendPort}/websocket`;
    const project = await seedProject(path.join(tempDir('mediate-test-', cleanup), 'seed'), {
      wsPort: await freePort(),
      httpPort,
      backendUrl,
    });
    await appendFile(path.join(project, 'deployment.toml'), '\n[mediate.retry]\nenable = true\n');
    const server = await startServer(cleanup, { project });
    const retry = async (): Promise<RetryBackendDto | undefined> =>
      ((await call(server.base, 'GET', '/api/runtime')).json as RuntimeInfo).retry.backends[0];

    const res = await fetch(`http://127.0.0.1:${httpPort}/services/websocketProxy1`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<test>Value</test>',
    });
    expect(res.status).toBe(202);
    const info = (await call(server.base, 'GET', '/api/runtime')).json as RuntimeInfo;
    expect(info.retry.enabled).toBe(true);
    expect(info.retry.backends).toEqual([
      {
        url: backendUrl,
        buffered: 1,
        delivered: 0,
        dropped: { maxMessages: 0, maxBytes: 0, maxAge: 0, stopped: 0 },
        waiting: 1,
        waitingBytes: '<test>Value</test>'.length,
      },
    ]);

    const backend = await startSampleBackend({ port: backendPort });
    cleanup.add(() => backend.close());
    await until(async () => (await retry())?.delivered === 1, 10000, 'the buffered message sent');
    expect(backend.received).toEqual(['<test>Value</test>']);
    expect(await retry()).toMatchObject({ buffered: 1, delivered: 1, waiting: 0, waitingBytes: 0 });
  });
});
