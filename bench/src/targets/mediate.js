// @ts-check
/**
 * Starts `mediate start` (the built CLI, as a user runs it) on a project folder and waits until it
 * answers /api/health and has deployed the project.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { spawnChild } from '../util/children.js';
import { httpRequest, pollUntil } from '../util/http.js';
import { REPO_ROOT } from './mediate-project.js';

export const MEDIATE_CLI = path.join(REPO_ROOT, 'apps/server/dist/cli.js');

/** Fails early with the fix when the server has not been built. */
export function checkBuilt() {
  if (!existsSync(MEDIATE_CLI)) throw new Error(`${MEDIATE_CLI} is missing: run \`pnpm build\` first`);
}

/**
 * @typedef {object} MediateInstance
 * @property {import('../util/children.js').Child} child
 * @property {string} adminUrl e.g. http://127.0.0.1:PORT
 * @property {number} healthMs spawn to the first /api/health 200
 * @property {number} artifactsMs spawn to the first /api/artifacts 200 (the studio's first call:
 *   it parses and validates the project, in the server's checker thread)
 * @property {number} deployedMs spawn to /api/runtime reporting the project deployed
 */

/**
 * @param {{ name: string, projectDir: string, adminPort: number, home: string, profileDir?: string,
 *   pollMs?: number, timeoutMs?: number, env?: NodeJS.ProcessEnv,
 *   stdout?: number | import('node:stream').Writable }} o
 *   `profileDir`: run Node with --cpu-prof there (the profile is written when Mediate exits).
 *   `stdout`: where Mediate's standard output goes (default: a pipe the bench reads at once).
 * @returns {Promise<MediateInstance>}
 */
export async function startMediate(o) {
  checkBuilt();
  await mkdir(o.home, { recursive: true });
  if (o.profileDir) await mkdir(o.profileDir, { recursive: true });
  const nodeArgs = o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : [];
  const args = [...nodeArgs, MEDIATE_CLI, 'start', '--project', o.projectDir, '--port', String(o.adminPort)];
  const t0 = performance.now();
  // MEDIATE_HOME keeps the bench away from the user's ~/.mediate.
  const child = spawnChild(o.name, process.execPath, args, {
    env: { ...process.env, ...o.env, MEDIATE_HOME: o.home },
    ...(o.stdout !== undefined ? { stdio: ['ignore', o.stdout, 'pipe'] } : {}),
  });
  const adminUrl = `http://127.0.0.1:${o.adminPort}`;
  const poll = { timeoutMs: o.timeoutMs ?? 30_000, intervalMs: o.pollMs ?? 5 };
  const failed = child.exited.then(({ code, signal }) => {
    throw new Error(`${o.name} exited (${code ?? signal}) before it was ready:\n${child.tail()}`);
  });
  failed.catch(() => undefined);
  const healthMs = await Promise.race([
    failed,
    pollUntil(
      async () =>
        (await httpRequest(`${adminUrl}/api/health`)).status === 200 ? performance.now() - t0 : undefined,
      { ...poll, what: `${o.name} /api/health` },
    ),
  ]);
  const artifactsMs = await Promise.race([
    failed,
    pollUntil(
      async () =>
        (await httpRequest(`${adminUrl}/api/artifacts`)).status === 200 ? performance.now() - t0 : undefined,
      { ...poll, what: `${o.name} /api/artifacts` },
    ),
  ]);
  // pollUntil retries on errors, so a final "did not deploy" comes back as a value, not a throw.
  const deployed = await Promise.race([
    failed,
    pollUntil(
      async () => {
        if (/did not deploy/.test(child.tail()))
          return { error: `${o.name} did not deploy:\n${child.tail()}` };
        const r = await httpRequest(`${adminUrl}/api/runtime`);
        if (r.status === 200 && JSON.parse(r.body).deployed === true) return { ms: performance.now() - t0 };
        return undefined;
      },
      { ...poll, what: `${o.name} deployed` },
    ),
  ]);
  if ('error' in deployed) throw new Error(deployed.error);
  const deployedMs = deployed.ms;
  return { child, adminUrl, healthMs, artifactsMs, deployedMs };
}
