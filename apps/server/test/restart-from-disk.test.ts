/**
 * Issue 14, "a restart must run what is on disk": `mediate start` as a child process, real files,
 * real HTTP. At start the project's files are the truth, as MI deploys what is in its
 * deployment folders at boot (`CarbonAxisConfigurator.startSearch` runs the repository listener
 * once at start, then every 15 s); an edit that does not validate leaves the last good deployment
 * running, loudly (Mediate's choice: MI would leave that one artifact undeployed). While running,
 * an outside edit is a `disk.changed` event on `/api/events`, and with
 * `[server] hot_deployment = true` (MI's key, read by
 * `CarbonAxisConfigurator.updateHotDeploymentParameter` as `"true".equalsIgnoreCase(value)`) it is
 * deployed; a refused one leaves the running deployment.
 */
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EventsMessage, RuntimeEvent } from '@mediate/engine';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { mediate } from './helpers/child.js';
import {
  Cleanup,
  NS,
  call,
  freePort,
  sequenceXml,
  servedVersion,
  smallProject,
  startServer,
  tempDir,
  tomlFor,
  until,
  versionProxy,
} from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

const SVC = 'artifacts/proxy-services/Svc.xml';
/** Svc with its closing tag cut off: does not parse (line 8). */
const BROKEN = versionProxy('Svc', 'broken').replace('</proxy>', '');

/** Starts `mediate start --project` and waits until it has deployed (or fallen back). */
async function start(project: string, port: number, home: string) {
  const child = mediate(cleanup, ['start', '--project', project, '--port', String(port)], {
    MEDIATE_HOME: home,
  });
  // The file watcher starts before the deploy, so it is watching once this is printed.
  await child.waitForOutput(/Deployed \d{6}-|last good deployment|did not deploy/, 60_000);
  return child;
}

/** Every event of `/api/events` on `port`, as they come. */
async function collectEvents(port: number): Promise<RuntimeEvent[]> {
  const events: RuntimeEvent[] = [];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`);
  cleanup.add(() => ws.terminate());
  ws.on('error', () => undefined);
  ws.on('message', (data) => events.push(...(JSON.parse(String(data)) as EventsMessage).events));
  await new Promise((r) => ws.once('open', r));
  return events;
}

const diskChanges = (events: RuntimeEvent[]) =>
  events.filter((e) => e.kind === 'disk.changed').map((e) => e.properties?.files ?? '');

describe('a restart runs the project as it is on disk', () => {
  it('deploys a value edited while stopped; a broken edit keeps the last good deployment, naming the file', async () => {
    const home = tempDir('mediate-home-', cleanup);
    const httpPort = await freePort();
    const project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), httpPort);
    const port = await freePort();

    const first = await start(project, port, home);
    expect(first.stdout()).toMatch(/Deployed 000001-/);
    expect(await servedVersion(httpPort)).toBe('v1');
    expect(await first.kill('SIGTERM')).toBe(0);

    // Edited by another editor while Mediate is stopped.
    await writeFile(path.join(project, SVC), versionProxy('Svc', 'v2'));
    const second = await start(project, port, home);
    expect(second.stdout()).toMatch(/Deployed 000002-/);
    expect(await servedVersion(httpPort)).toBe('v2');
    expect((await call(`http://127.0.0.1:${port}`, 'GET', '/api/health')).json.warning).toBeUndefined();
    expect(await second.kill('SIGTERM')).toBe(0);

    // A copy made with its .mediate/ folder runs its own deployment.toml (another port here).
    const copy = path.join(tempDir('mediate-test-', cleanup), 'copy');
    await cp(project, copy, { recursive: true });
    const copyPort = await freePort();
    await writeFile(path.join(copy, 'deployment.toml'), tomlFor(copyPort));
    const copied = await start(copy, port, home);
    expect(copied.stdout()).toMatch(/Deployed 000003-/);
    expect(await servedVersion(copyPort)).toBe('v2');
    expect(await copied.kill('SIGTERM')).toBe(0);

    // An edit that does not parse: the last good deployment runs, and the file is named.
    await writeFile(path.join(project, SVC), BROKEN);
    const third = await start(project, port, home);
    const out = third.stdout();
    expect(out).toContain(`WARN: the project's files on disk do not deploy: ${SVC}`);
    expect(out).toMatch(new RegExp(`^  ${SVC}:\\d+:\\d+ error \\S+ .+$`, 'm'));
    expect(out).toMatch(/WARN: running the last good deployment 000002-\S+ instead/);
    expect(await servedVersion(httpPort)).toBe('v2');
    const health = (await call(`http://127.0.0.1:${port}`, 'GET', '/api/health')).json;
    expect(health.warning).toContain(SVC);
    expect(health.warning).toContain('000002-');
    expect(await third.kill('SIGTERM')).toBe(0);
  }, 120_000);
});

describe('a restart after a deploy that left artifacts out', () => {
  it('deploys the edited files, leaving the same still-broken artifacts out', async () => {
    const httpPort = await freePort();
    const project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), httpPort);
    // `bad` runs a class mediator (cannot be deployed); proxy `UsesBad` uses it.
    await writeFile(
      path.join(project, 'artifacts/sequences/bad.xml'),
      `<sequence name="bad" ${NS}>\n  <class name="com.example.Upper"/>\n</sequence>\n`,
    );
    await writeFile(
      path.join(project, 'artifacts/proxy-services/UsesBad.xml'),
      `<proxy name="UsesBad" transports="http" ${NS}>\n  <target inSequence="bad"/>\n</proxy>\n`,
    );
    let server = await startServer(cleanup, { project });
    const left = await call(server.base, 'POST', '/api/deploy', {
      exclude: ['sequence:bad', 'proxy:UsesBad'],
    });
    expect(left.json.ok).toBe(true);
    await server.stop();

    await writeFile(path.join(project, SVC), versionProxy('Svc', 'v2'));
    server = await startServer(cleanup, { project });
    expect(server.output()).toMatch(/Deployed 000002-\S+ \(2 artifacts\)/);
    expect(server.output()).not.toContain('WARN');
    expect(await servedVersion(httpPort)).toBe('v2');
    const list = (await call(server.base, 'GET', '/api/deployments')).json as {
      id: string;
      excluded?: { artifact: string }[];
    }[];
    expect(list[0]?.excluded?.map((e) => e.artifact).sort()).toEqual(['proxy:UsesBad', 'sequence:bad']);
    await server.stop();
  });
});

describe('edits made while running', () => {
  it('are a disk.changed event (not Mediate’s own saves) and, with hot deployment, deployed', async () => {
    const home = tempDir('mediate-home-', cleanup);
    const httpPort = await freePort();
    const project = await smallProject(path.join(tempDir('mediate-test-', cleanup), 'p'), httpPort);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = await start(project, port, home);
    const events = await collectEvents(port);

    // Mediate's own save is not a change on disk; the outside edit is.
    const helper = (await call(base, 'GET', '/api/artifacts/sequences/helper')).json;
    const saved = await call(base, 'PUT', '/api/artifacts/sequences/helper', {
      xml: sequenceXml('helper', '<log level="full"/>'),
      rev: helper.rev,
    });
    expect(saved.status).toBe(200);
    await writeFile(path.join(project, SVC), versionProxy('Svc', 'v2'));
    await until(() => diskChanges(events).includes(SVC), 20_000, 'the disk.changed event');
    expect(diskChanges(events)).toEqual([SVC]);
    // Hot deployment is off: the running deployment is unchanged.
    expect(await servedVersion(httpPort)).toBe('v1');

    // Turned on (MI's `[server] hot_deployment`): this edit itself is deployed, and Svc v2 with it.
    await writeFile(
      path.join(project, 'deployment.toml'),
      // Quoted and capitalised: MI compares with equalsIgnoreCase.
      tomlFor(httpPort).replace('offset = 0', 'offset = 0\nhot_deployment = "True"'),
    );
    await until(async () => (await servedVersion(httpPort)) === 'v2', 20_000, 'v2 hot-deployed');
    // The event goes out before the deploy, but the stream batches: it may come just after.
    await until(() => diskChanges(events).includes('deployment.toml'), 20_000, 'the toml disk.changed');

    await writeFile(path.join(project, SVC), versionProxy('Svc', 'v3'));
    await until(async () => (await servedVersion(httpPort)) === 'v3', 20_000, 'v3 hot-deployed');

    // A broken edit is refused, says which file, and v3 keeps running.
    await writeFile(path.join(project, SVC), BROKEN);
    const refused = await until(
      () => events.find((e) => e.kind === 'deploy.failed' && e.category === 'ProjectWatcher'),
      20_000,
      'the refused hot deployment',
    );
    expect(refused.text).toContain(SVC);
    expect(refused.text).toContain('keeps running');
    expect(await servedVersion(httpPort)).toBe('v3');
    expect(await server.kill('SIGTERM')).toBe(0);
  }, 120_000);
});
