// @ts-check
/** The console report: one table per scenario, then the targets, then profile summaries. */
import { aggregate } from './aggregate.js';
import { summarizeHostile } from '../scenarios/hostile.js';
import { tableStudio } from '../scenarios/studio.js';
import { table } from './format.js';
import { tableA, tableB, tableIdle, tableLife } from './tables.js';
import { checks, checksTable } from './verdict.js';

/**
 * @param {Record<string, any>} results
 * @returns {string}
 */
export function report(results) {
  const o = results.options;
  const parts = [];
  const m = results.machine;
  parts.push(
    `Machine: ${m.nproc} cores, ${m.cpuModel}, ${m.memTotalMiB} MiB, Linux ${m.kernel}, Node ${m.node}. ` +
      `ws ${results.versions.bench.ws} (bufferutil: bench ${results.versions.bench.bufferutil ? 'yes' : 'no'}, ` +
      `Mediate ${results.versions.mediateEngine.bufferutil ? 'yes' : 'no'}), Node-RED ${results.versions.nodeRed}, autocannon ${results.versions.autocannon}.`,
  );
  parts.push(
    `Cells: ${o.warmupMs} ms warm-up + ${o.cellMs} ms measured, ${o.rounds} round(s), interleaved; medians, ratios taken within each round.`,
  );
  if (results.scenarioA) {
    const a = results.scenarioA;
    const rows = aggregate(
      a.cells,
      a.loads.map((/** @type {any} */ l) => l.id),
      a.targets,
      'relay',
    );
    parts.push(
      `## Scenario A: WebSocket client → target → WebSocket back end (8 in flight per client; ping-pong 1)\n\n${tableA(rows, 'relay')}`,
    );
    if (a.studio)
      parts.push(
        `Studio client on mediate+log received ${a.studio.events} events (${a.studio.lost} reported dropped).`,
      );
  }
  if (results.scenarioB) {
    const b = results.scenarioB;
    const rows = aggregate(
      b.cells,
      b.loads.map((/** @type {any} */ l) => l.id),
      b.targets,
      'http-relay',
    );
    parts.push(
      `## Scenario B: HTTP POST → 202, body forwarded over WebSocket (autocannon, 1 request in flight per connection)\n\n${tableB(rows, 'http-relay')}`,
    );
  }
  if (results.hostile?.cells?.length) {
    const rows = summarizeHostile(results.hostile).map((h) => [
      h.load,
      `${h.ratio.toFixed(2)}×`,
      h.ratios.map((/** @type {number} */ r) => r.toFixed(2)).join(' '),
      (h.peakRssAlone / 1048576).toFixed(0),
      (h.peakRssGreedy / 1048576).toFixed(0),
    ]);
    parts.push(
      `## Hostile client: 100 clients alone and beside one that never reads

${table(['load', 'msgs/s with ÷ without (median)', 'per round', 'peak RSS MiB alone', 'with'], rows, [
  false,
  true,
  false,
  true,
  true,
])}`,
    );
  }
  if (results.console?.cells) {
    const c = results.console;
    const rows = aggregate(c.cells, [c.load.id], c.targets, 'pipe').map((r) => [
      r.target,
      `${(r.rate / 1000).toFixed(1)}k`,
      `${r.rateRatio.toFixed(2)}×`,
      r.p99.toFixed(2),
      r.cpu.toFixed(0),
      String(c.console[r.target]?.lines ?? ''),
      String(c.console[r.target]?.dropped ?? ''),
    ]);
    parts.push(
      `## Console: mediate+log (${c.load.id}) with its output to a pipe, a file, a slow pipe\n\n${table(
        ['stdout', 'msgs/s', '× pipe', 'p99 ms', 'CPU µs/msg', 'log lines printed', 'said dropped'],
        rows,
        [false, true, true, true, true, true, true],
      )}`,
    );
  }
  if (results.idle) parts.push(`## Idle capacity\n\n${tableIdle(results.idle)}`);
  if (results.starts || results.deploy)
    parts.push(`## Start and deploy\n\n${tableLife(results.starts ?? [], results.deploy)}`);
  if (results.studio && !results.studio.error)
    parts.push(
      `## Studio: open a 500-mediator sequence, re-sync after a source edit\n\n${tableStudio(results.studio)}`,
    );
  const list = checks({
    a: results.scenarioA && {
      cells: results.scenarioA.cells,
      loads: results.scenarioA.loads.map((/** @type {any} */ l) => l.id),
    },
    b: results.scenarioB && {
      cells: results.scenarioB.cells,
      loads: results.scenarioB.loads.map((/** @type {any} */ l) => l.id),
    },
    idle: results.idle,
    starts: results.starts,
    deploy: results.deploy,
    studio: results.studio && !results.studio.error ? results.studio : undefined,
    hostile: results.hostile?.cells?.length ? summarizeHostile(results.hostile) : undefined,
  });
  results.checks = list;
  if (list.length) parts.push(`## Targets\n\n${checksTable(list)}`);
  if (results.profiles) {
    const text = Object.values(results.profiles)
      .map((p) => p.text ?? '')
      .join('');
    parts.push(
      `## CPU profiles (--cpu-prof): self time within each target's measured windows, per message\n\n${text.trimEnd()}`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}
