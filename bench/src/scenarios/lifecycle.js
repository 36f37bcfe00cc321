// @ts-check
/**
 * Server start to ready, and deploy latency of a 50-artifact project through POST /api/deploy.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startMediate } from '../targets/mediate.js';
import { generateProject50, prepareSeedProject } from '../targets/mediate-project.js';
import { summarizeDir } from '../profile/summarize.js';
import { httpRequest } from '../util/http.js';
import { freePort } from '../util/ports.js';
import { sleep } from '../util/stats.js';
import { monoMicros } from './scenario-a.js';

/**
 * A project folder on fresh ports (every start gets its own, so a slow-to-close listener of the
 * previous start can never make the next one fail).
 * @param {'seed' | 'p50'} kind
 * @param {string} dir
 * @param {string} backendUrl
 */
async function makeProject(kind, dir, backendUrl) {
  const ports = { inboundPort: await freePort(), httpPort: await freePort(1024 + 10), backendUrl };
  if (kind === 'seed') await prepareSeedProject(dir, { ...ports, log: 'none' });
  else await generateProject50(dir, ports);
}

/**
 * Spawn → /api/health 200, and spawn → project deployed, `repeats` times per project.
 * @param {{ tmp: string, backendUrl: string, repeats: number, log: (s: string) => void }} ctx
 */
export async function measureStart(ctx) {
  /** @type {Record<string, unknown>[]} */
  const runs = [];
  for (let i = 0; i < ctx.repeats; i++) {
    for (const kind of /** @type {const} */ (['seed', 'p50'])) {
      const m = await startOnce(ctx, kind, `start-${kind}-${i}`);
      runs.push({
        project: kind,
        healthMs: m.healthMs,
        artifactsMs: m.artifactsMs,
        deployedMs: m.deployedMs,
      });
      ctx.log(
        `  start ${kind.padEnd(4)} health ${m.healthMs.toFixed(0)} ms, artifacts ${m.artifactsMs.toFixed(0)} ms, deployed ${m.deployedMs.toFixed(0)} ms`,
      );
    }
  }
  return runs;
}

/**
 * One start of a fresh copy of a project, stopped once deployed.
 * @param {{ tmp: string, backendUrl: string }} ctx
 * @param {'seed' | 'p50'} kind
 * @param {string} label
 * @param {string} [profileDir]
 */
async function startOnce(ctx, kind, label, profileDir) {
  const dir = path.join(ctx.tmp, label);
  await makeProject(kind, path.join(dir, 'project'), ctx.backendUrl);
  const mono0 = monoMicros();
  const m = await startMediate({
    name: `mediate-${label}`,
    projectDir: path.join(dir, 'project'),
    adminPort: await freePort(),
    home: path.join(dir, 'home'),
    pollMs: 2,
    profileDir,
  });
  const window = /** @type {[number, number]} */ ([mono0, monoMicros()]);
  // `mediate start` installs its SIGTERM handler only after the first deploy has finished; a
  // SIGTERM in between ends it without the normal exit, and a --cpu-prof profile is then lost.
  await sleep(300);
  await m.child.stop(profileDir ? 30_000 : 5000);
  return { ...m, window };
}

/**
 * --profile: one more (untimed, since the profiler slows it) start of each project with
 * --cpu-prof, and the self time from spawn to deployed.
 * @param {{ tmp: string, backendUrl: string, profileRoot: string }} ctx
 */
export async function profileStart(ctx) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const kind of /** @type {const} */ (['seed', 'p50'])) {
    const dir = path.join(ctx.profileRoot, `start-${kind}`);
    await rm(dir, { recursive: true, force: true });
    const m = await startOnce(ctx, kind, `profile-start-${kind}`, dir);
    const s = summarizeDir(
      dir,
      `mediate start (${kind})`,
      new Map([['spawn to deployed', { windows: [m.window] }]]),
    );
    if (s) out[`start-${kind}`] = s;
  }
  return out;
}

/**
 * @param {string} adminUrl
 */
async function timedDeploy(adminUrl) {
  const mono0 = monoMicros();
  const t0 = performance.now();
  const r = await httpRequest(`${adminUrl}/api/deploy`, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  const ms = performance.now() - t0;
  const window = [mono0, monoMicros()];
  const body = JSON.parse(r.body);
  if (r.status !== 200 || !body.ok) throw new Error(`deploy failed (${r.status}): ${r.body.slice(0, 500)}`);
  const c = body.changes ?? {};
  return {
    ms,
    added: c.added?.length ?? 0,
    updated: c.updated?.length ?? 0,
    unchanged: c.unchanged?.length ?? 0,
    window,
  };
}

/**
 * Deploys a running 50-artifact project: unchanged, with one sequence changed, and with every
 * artifact changed (a comment appended to each file, so every artifact is recompiled).
 * With `profileDir`, Mediate runs with --cpu-prof and the result carries the profile summary.
 * @param {{ tmp: string, backendUrl: string, repeats: number, log: (s: string) => void }} ctx
 * @param {string} [profileDir]
 */
export async function measureDeploy(ctx, profileDir) {
  const dir = path.join(ctx.tmp, profileDir ? 'deploy-p50-profiled' : 'deploy-p50');
  const projectDir = path.join(dir, 'project');
  const ports = {
    inboundPort: await freePort(),
    httpPort: await freePort(1024 + 10),
    backendUrl: ctx.backendUrl,
  };
  const gen = await generateProject50(projectDir, ports);
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
  const m = await startMediate({
    name: 'mediate-deploy',
    projectDir,
    adminPort: await freePort(),
    home: path.join(dir, 'home'),
    profileDir,
  });
  /** @type {Record<string, any>[]} */
  const runs = [];
  try {
    for (let i = 0; i < ctx.repeats; i++) {
      runs.push({ change: 'none', ...(await timedDeploy(m.adminUrl)) });
      const seqFile = gen.sequenceFile(7);
      const text = await readFile(seqFile, 'utf8');
      await writeFile(
        seqFile,
        text.replace(/<property name="step" value="[^"]*"\/>/, `<property name="step" value="rev${i}"/>`),
      );
      runs.push({ change: 'one sequence', ...(await timedDeploy(m.adminUrl)) });
      for (const file of gen.files)
        await writeFile(file, `${(await readFile(file, 'utf8')).trimEnd()}\n<!-- rev ${i} -->\n`);
      runs.push({ change: `all ${gen.count}`, ...(await timedDeploy(m.adminUrl)) });
    }
  } finally {
    await m.child.stop(profileDir ? 30_000 : 5000);
  }
  if (profileDir) {
    /** @type {Map<string, { windows: [number, number][], messages: number, unit: string }>} */
    const groups = new Map();
    for (const r of runs) {
      const g = groups.get(`deploy, changed: ${r.change}`) ?? { windows: [], messages: 0, unit: 'deploy' };
      g.windows.push(r.window);
      g.messages++; // per deploy
      groups.set(`deploy, changed: ${r.change}`, g);
    }
    return { artifacts: gen.count, runs, profile: summarizeDir(profileDir, 'mediate', groups) };
  }
  for (const r of runs)
    ctx.log(`  deploy (${String(r.change).padEnd(12)}) ${Number(r.ms).toFixed(1)} ms  updated ${r.updated}`);
  return { artifacts: gen.count, runs };
}
