// @ts-check
/**
 * Scenarios A and B end to end: start the targets, run the interleaved cells, stop the targets
 * (which is when a profiled Mediate writes its profile), and summarize the profiles per scenario.
 */
import { summarizeDir, windowGroups } from '../profile/summarize.js';
import {
  attachStudio,
  startHttpRelay,
  startMediateTarget,
  startNodeRedTarget,
  startWsRelay,
} from '../targets/start-targets.js';
import { request } from '../util/ipc.js';
import { interleave } from './interleave.js';
import { runCellA } from './scenario-a.js';
import { runCellB } from './scenario-b.js';

/** Time a Scenario B cell takes beyond its warm-up and measured parts (the received-count check). */
const CELL_OVERHEAD_B_MS = 300;

/**
 * @param {{ opts: import('../options.js').Options, ctx: import('../targets/start-targets.js').Ctx,
 *   loadgen: import('../util/children.js').Child, httpload: import('../util/children.js').Child,
 *   stopBy: number, results: Record<string, any> }} o
 */
export async function runAB(o) {
  const { opts, ctx, results } = o;
  const runA = opts.only.has('a');
  const runB = opts.only.has('b');
  const estimateB = runB
    ? opts.rounds * opts.loadsB.length * 3 * (opts.warmupMs + opts.cellMs + CELL_OVERHEAD_B_MS)
    : 0;

  ctx.log('Starting targets');
  const relay = runA ? await startWsRelay(ctx, 'relay', opts) : undefined;
  const httpRelay = runB ? await startHttpRelay(ctx, opts) : undefined;
  const mediate = await startMediateTarget(ctx, 'mediate', 'none', opts);
  const mediateLog = runA ? await startMediateTarget(ctx, 'mediate+log', 'simple', opts) : undefined;
  const studio = mediateLog ? await attachStudio(mediateLog.adminUrl) : undefined;
  const nodeRed = await startNodeRedTarget(ctx);

  if (runA) {
    const targets = [
      ...(opts.direct ? [{ name: 'direct', url: ctx.backend.url, pid: undefined }] : []),
      /** @type {NonNullable<typeof relay>} */ (relay),
      mediate,
      /** @type {NonNullable<typeof mediateLog>} */ (mediateLog),
      nodeRed,
    ];
    ctx.log(`Scenario A: ${opts.loadsA.length} loads × ${targets.length} targets × ${opts.rounds} rounds`);
    const cells = await interleave({
      rounds: opts.rounds,
      loads: opts.loadsA,
      targets,
      runCell: (t, l) =>
        runCellA(
          {
            loadgen: o.loadgen,
            backendPid: ctx.backend.child.pid,
            warmupMs: opts.warmupMs,
            cellMs: opts.cellMs,
          },
          t,
          l,
        ),
      targetName: (t) => t.name,
      loadId: (l) => l.id,
      stopBy: o.stopBy - estimateB,
      log: ctx.log,
    });
    results.scenarioA = { loads: opts.loadsA, targets: targets.map((t) => t.name), cells };
    if (studio)
      results.scenarioA.studio = await request(studio.proc, { cmd: 'count' }).catch((e) => ({
        error: e.message,
      }));
  }
  if (runB) {
    const targets = [
      /** @type {NonNullable<typeof httpRelay>} */ (httpRelay),
      { name: mediate.name, url: mediate.httpUrl, pid: mediate.pid },
      { name: nodeRed.name, url: nodeRed.httpUrl, pid: nodeRed.pid },
    ];
    ctx.log(`Scenario B: ${opts.loadsB.length} loads × ${targets.length} targets × ${opts.rounds} rounds`);
    const cells = await interleave({
      rounds: opts.rounds,
      loads: opts.loadsB,
      targets,
      runCell: (t, l) =>
        runCellB(
          { httpload: o.httpload, backend: ctx.backend.child, warmupMs: opts.warmupMs, cellMs: opts.cellMs },
          t,
          l,
        ),
      targetName: (t) => t.name,
      loadId: (l) => l.id,
      stopBy: o.stopBy,
      log: ctx.log,
    });
    results.scenarioB = { loads: opts.loadsB, targets: targets.map((t) => t.name), cells };
  }

  // A profiled Mediate writes its profile on exit: give it time (a whole run's profile is large).
  const grace = opts.profile ? 60_000 : 5000;
  await Promise.all([relay, httpRelay, mediate, mediateLog, nodeRed].map((t) => t?.child.stop(grace)));
  await studio?.stop();
  if (opts.profile)
    results.profiles = summarizeProfiles([relay, mediate, mediateLog, httpRelay], results, ctx.log);
}

/**
 * @param {({ name: string, profileDir?: string } | undefined)[]} instances
 * @param {Record<string, any>} results
 * @param {(line: string) => void} log
 */
function summarizeProfiles(instances, results, log) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const m of instances) {
    if (!m?.profileDir) continue;
    /** @type {Map<string, import('../profile/summarize.js').Group>} */
    const groups = new Map();
    for (const [scenario, cells] of [
      ['A', results.scenarioA?.cells ?? []],
      ['B', results.scenarioB?.cells ?? []],
    ])
      for (const [label, g] of windowGroups(
        cells.filter((/** @type {any} */ c) => c.target === m.name),
        scenario,
      ))
        groups.set(label, g);
    const s = summarizeDir(m.profileDir, m.name, groups);
    if (s) out[m.name] = s;
    else log(`No profile written for ${m.name} in ${m.profileDir}`);
  }
  return out;
}
