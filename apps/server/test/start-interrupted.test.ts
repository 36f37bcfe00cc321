/**
 * A stop (SIGINT/SIGTERM) while `mediate start` is still starting: whatever had started is
 * stopped, nothing more starts, and the process exits normally (0), as it does once started.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StartInterrupted, Started, runStart } from '../src/commands/start.js';
import { mediate } from './helpers/child.js';
import { Cleanup, freePort, isPortFree, smallProject, tempDir } from './helpers/server.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function setup() {
  const home = tempDir('mediate-home-', cleanup);
  const httpPort = await freePort();
  const project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), httpPort);
  return { home, httpPort, project, port: await freePort() };
}

/** Starts in-process, calling `stopWhen(started, text)` on every console write. */
async function startInProcess(
  s: Awaited<ReturnType<typeof setup>>,
  stopWhen: (started: Started, text: string) => void,
) {
  const started = new Started();
  cleanup.add(() => started.stop());
  const before = process.env.MEDIATE_HOME;
  process.env.MEDIATE_HOME = s.home;
  try {
    return await runStart(
      {
        project: s.project,
        port: s.port,
        host: '127.0.0.1',
        deploy: true,
        version: '0.0.0-test',
        write: (text) => stopWhen(started, text),
      },
      started,
    ).then(
      () => 'started',
      (e: unknown) => e,
    );
  } finally {
    if (before === undefined) delete process.env.MEDIATE_HOME;
    else process.env.MEDIATE_HOME = before;
  }
}

describe('stopping during start-up', () => {
  it('before the first deploy: stops the API server and deploys nothing', async () => {
    const s = await setup();
    const outcome = await startInProcess(s, (started, text) => {
      if (text.startsWith('Studio:')) void started.stop();
    });
    expect(outcome).toBeInstanceOf(StartInterrupted);
    expect(await isPortFree(s.port)).toBe(true);
    expect(await isPortFree(s.httpPort)).toBe(true);
    expect(await readdir(path.join(s.project, '.mediate/deployments')).catch(() => [])).toEqual([]);
  });

  it('during the first deploy: lets it finish, then stops the runtime it started', async () => {
    const s = await setup();
    let subscribed = false;
    const outcome = await startInProcess(s, (started, text) => {
      if (!text.startsWith('Studio:') || subscribed) return;
      subscribed = true;
      // Stop at the deploy's first event: the deploy is under way.
      started.host!.runtime.events.subscribe(
        (events) => {
          if (events.some((e) => e.kind === 'deployed')) void started.stop();
        },
        { noReplay: true },
      );
    });
    expect(outcome).toBeInstanceOf(StartInterrupted);
    expect(await isPortFree(s.port)).toBe(true);
    expect(await isPortFree(s.httpPort)).toBe(true);
  });

  it('SIGTERM to `mediate start` right after it printed its URL exits 0 and frees its ports', async () => {
    const s = await setup();
    const child = mediate(cleanup, ['start', '--project', s.project, '--port', String(s.port)], {
      MEDIATE_HOME: s.home,
    });
    await child.waitForOutput(/Studio: /);
    expect(await child.kill('SIGTERM')).toBe(0);
    expect(child.stdout()).toContain('Stopping');
    expect(child.stderr()).toBe('');
    expect(await isPortFree(s.port)).toBe(true);
    expect(await isPortFree(s.httpPort)).toBe(true);
  });
});
