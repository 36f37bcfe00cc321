// @ts-check
/**
 * Brings up each target as its own process on free loopback ports and checks it relays before
 * anything is measured. Each function returns what the scenarios need: the URL to load, and the
 * pid whose CPU and memory are read.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkChild } from '../util/children.js';
import { pollUntil } from '../util/http.js';
import { request, waitReady } from '../util/ipc.js';
import { freePort } from '../util/ports.js';
import { probeHttp, probeWs } from '../load/probe.js';
import { startMediate } from './mediate.js';
import { PROXY_PATH, prepareSeedProject } from './mediate-project.js';
import { HTTP_PATH, WS_PATH, startNodeRed } from './node-red.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * @typedef {object} Ctx
 * @property {string} tmp
 * @property {{ child: import('../util/children.js').Child, url: string }} backend
 * @property {string | undefined} profileRoot where --cpu-prof profiles go, if profiling
 * @property {(line: string) => void} log
 */

/**
 * Node options that make a forked relay write a CPU profile into `profileRoot/name`, for
 * comparing its profile with Mediate's, function by function.
 * @param {Ctx} ctx
 * @param {string} name
 * @param {boolean} profile
 * @returns {Promise<{ execArgv?: string[], profileDir?: string }>}
 */
async function relayProfiling(ctx, name, profile) {
  if (!profile || !ctx.profileRoot) return {};
  const profileDir = path.join(ctx.profileRoot, name);
  await rm(profileDir, { recursive: true, force: true });
  return { execArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], profileDir };
}

/**
 * @param {Ctx} ctx
 * @param {string} [name]
 * @param {{ profile?: boolean }} [o]
 */
export async function startWsRelay(ctx, name = 'relay', o = {}) {
  const { execArgv, profileDir } = await relayProfiling(ctx, name, o.profile ?? false);
  const child = forkChild(
    name,
    path.join(here, 'ws-relay.js'),
    [ctx.backend.url],
    execArgv ? { execArgv } : {},
  );
  const { port } = await waitReady(child);
  const url = `ws://127.0.0.1:${port}/`;
  await probeWs(name, url);
  return { name, url, pid: child.pid, child, profileDir };
}

/**
 * @param {Ctx} ctx
 * @param {{ profile?: boolean }} [o]
 */
export async function startHttpRelay(ctx, o = {}) {
  const { execArgv, profileDir } = await relayProfiling(ctx, 'http-relay', o.profile ?? false);
  const child = forkChild(
    'http-relay',
    path.join(here, 'http-relay.js'),
    [ctx.backend.url],
    execArgv ? { execArgv } : {},
  );
  const { port } = await waitReady(child);
  const url = `http://127.0.0.1:${port}/`;
  await probeHttp('http-relay', url);
  return { name: 'http-relay', url, pid: child.pid, child, profileDir };
}

/**
 * `mediate start` on a copy of the seed example.
 * @param {Ctx} ctx
 * @param {string} name
 * @param {'none' | 'simple'} log what outDispatchSeq logs per reply
 * @param {{ profile: boolean, stdout?: number | import('node:stream').Writable }} o
 */
export async function startMediateTarget(ctx, name, log, o) {
  const dir = path.join(ctx.tmp, name.replace(/[^a-z0-9-]/gi, '-'));
  const inboundPort = await freePort();
  const httpPort = await freePort(1024 + 10);
  await prepareSeedProject(path.join(dir, 'project'), {
    inboundPort,
    httpPort,
    backendUrl: ctx.backend.url,
    log,
  });
  let profileDir;
  if (o.profile && ctx.profileRoot) {
    profileDir = path.join(ctx.profileRoot, name.replace(/[^a-z0-9-]/gi, '-'));
    await rm(profileDir, { recursive: true, force: true });
  }
  const m = await startMediate({
    name,
    projectDir: path.join(dir, 'project'),
    adminPort: await freePort(),
    home: path.join(dir, 'home'),
    profileDir,
    ...(o.stdout !== undefined ? { stdout: o.stdout } : {}),
  });
  const url = `ws://127.0.0.1:${inboundPort}/`;
  const httpUrl = `http://127.0.0.1:${httpPort}${PROXY_PATH}`;
  await probeWs(name, url);
  await probeHttp(name, httpUrl);
  ctx.log(
    `  ${name}: ready in ${m.healthMs.toFixed(0)} ms (deployed at ${m.deployedMs.toFixed(0)} ms)${profileDir ? `, profiling to ${profileDir}` : ''}`,
  );
  return { name, url, httpUrl, pid: m.child.pid, child: m.child, adminUrl: m.adminUrl, profileDir };
}

/**
 * A studio stand-in attached to a Mediate's event stream.
 * @param {string} adminUrl
 */
export async function attachStudio(adminUrl) {
  const child = forkChild('studio', path.join(here, '../load/studio-client.js'), [
    `${adminUrl.replace(/^http/, 'ws')}/api/events`,
  ]);
  await waitReady(child);
  return child;
}

/**
 * Node-RED with the bench flows; ready once both its back-end connections are open (a frame
 * sent before that would be dropped after its sender was queued, and every later reply would go
 * to the wrong client).
 * @param {Ctx} ctx
 */
export async function startNodeRedTarget(ctx) {
  const port = await freePort();
  const before = await request(ctx.backend.child.proc, { cmd: 'count' });
  const nr = await startNodeRed({
    userDir: path.join(ctx.tmp, 'node-red'),
    port,
    backendUrl: ctx.backend.url,
  });
  await pollUntil(
    async () => {
      const c = await request(ctx.backend.child.proc, { cmd: 'count' });
      return c.totalConnections >= before.totalConnections + 2 ? true : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 50, what: 'Node-RED back-end connections' },
  );
  const url = `ws://127.0.0.1:${port}${WS_PATH}`;
  const httpUrl = `http://127.0.0.1:${port}${HTTP_PATH}`;
  await probeWs('node-red', url);
  await probeHttp('node-red', httpUrl);
  ctx.log(`  node-red: ready in ${nr.startMs.toFixed(0)} ms`);
  return { name: 'node-red', url, httpUrl, pid: nr.child.pid, child: nr.child };
}
