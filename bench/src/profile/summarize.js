// @ts-check
/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and lists the functions with the most self
 * time, optionally only within given time windows. The bench records each cell's window on the
 * monotonic clock V8's profiles also use, so one profile of a whole run can be cut into the
 * cells of one scenario (e.g. only Mediate's Scenario A 64 B cells). When the number of messages
 * in those windows is known, self time is also shown per message, which makes a Mediate profile
 * directly comparable with the relay's.
 *
 * CLI: node summarize.js <file.cpuprofile> [results.json target-name]
 *   with a results file, prints one summary per group of that target's cells.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number } }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], startTime: number, endTime: number, samples: number[],
 *   timeDeltas: number[] }} CpuProfile
 * @typedef {{ windows?: [number, number][], messages?: number, unit?: string }} Group
 *   messages: how many messages (or operations, named by `unit`) the windows hold
 */

/** @param {string} url */
function shortUrl(url) {
  if (!url) return '';
  const p = url.startsWith('file://') ? fileURLToPath(url) : url;
  const rel = p.startsWith(REPO) ? path.relative(REPO, p) : p;
  // pnpm's store paths are long; keep the package and file.
  return rel.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
}

/**
 * Self time per function (and per file) within the group's windows, in ms.
 * @param {CpuProfile} profile
 * @param {Group} [group] all samples if it has no windows
 * @param {number} [top]
 */
export function summarize(profile, group = {}, top = 15) {
  const { windows, messages, unit = 'msg' } = group;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<string, number>} */
  const fnTime = new Map();
  /** @type {Map<string, number>} */
  const fileTime = new Map();
  let total = 0;
  let idle = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (windows && !windows.some(([a, b]) => t >= a && t < b)) continue;
    const node = byId.get(/** @type {number} */ (profile.samples[i]));
    if (!node) continue;
    // A sample stands for the time until the next one.
    const weight = (profile.timeDeltas[i + 1] ?? dt) / 1000;
    const cf = node.callFrame;
    if (cf.functionName === '(idle)') {
      idle += weight;
      continue;
    }
    total += weight;
    const where = cf.url ? `${shortUrl(cf.url)}:${cf.lineNumber + 1}` : '';
    const key = `${cf.functionName || '(anonymous)'}\t${where}`;
    fnTime.set(key, (fnTime.get(key) ?? 0) + weight);
    const file = shortUrl(cf.url) || `${cf.functionName || '(anonymous)'} (native)`;
    fileTime.set(file, (fileTime.get(file) ?? 0) + weight);
  }
  const perMsg = (/** @type {number} */ ms) => (messages ? (ms * 1000) / messages : NaN);
  const rank = (/** @type {Map<string, number>} */ m) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    busyMs: total,
    idleMs: idle,
    messages,
    unit,
    busyUsPerMsg: perMsg(total),
    functions: rank(fnTime).map(([k, v]) => {
      const [fn, where] = k.split('\t');
      return { fn: fn ?? '', where: where ?? '', selfMs: v, share: v / total, usPerMsg: perMsg(v) };
    }),
    files: rank(fileTime).map(([file, v]) => ({ file, selfMs: v, share: v / total, usPerMsg: perMsg(v) })),
  };
}

/**
 * @param {string} title
 * @param {ReturnType<typeof summarize>} s
 */
export function formatSummary(title, s) {
  const per = Number.isFinite(s.busyUsPerMsg);
  const us = (/** @type {number} */ v) => (per ? `${v.toFixed(1).padStart(8)} µs/${s.unit}  ` : '');
  const lines = [
    `${title}: ${s.busyMs.toFixed(0)} ms busy${per ? ` = ${s.busyUsPerMsg.toFixed(1)} µs per ${s.unit} over ${s.messages}` : ''}`,
  ];
  lines.push(
    `  ${per ? `self/${s.unit}`.padStart(8 + 4 + s.unit.length) + '  ' : ''}self %  function  (file:line)`,
  );
  for (const f of s.functions)
    lines.push(
      `  ${us(f.usPerMsg)}${(f.share * 100).toFixed(1).padStart(5)}%  ${f.fn}  (${f.where || 'native'})`,
    );
  lines.push('  by file:');
  for (const f of s.files.slice(0, 8))
    lines.push(`  ${us(f.usPerMsg)}${(f.share * 100).toFixed(1).padStart(5)}%  ${f.file}`);
  return lines.join('\n');
}

/**
 * Groups a target's cells for profile summaries, per scenario and message size, with the number
 * of messages the target handled in those windows.
 * @param {Record<string, any>[]} cells
 * @param {string} scenario label
 * @returns {Map<string, Group>}
 */
export function windowGroups(cells, scenario) {
  /** @type {Map<string, { windows: [number, number][], messages: number }>} */
  const groups = new Map();
  for (const c of cells) {
    if (!Array.isArray(c.window)) continue;
    const size = String(c.load).includes('16KiB') ? '16 KiB' : '64 B';
    const key = `${scenario} ${size}`;
    const g = groups.get(key) ?? { windows: [], messages: 0 };
    g.windows.push(/** @type {[number, number]} */ (c.window));
    g.messages += Number(c.received ?? c.completed ?? 0);
    groups.set(key, g);
  }
  return groups;
}

/** @param {string} file @returns {CpuProfile} */
export const readProfile = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * Summarizes the profile a process wrote into `dir` (its --cpu-prof-dir), one summary per group.
 * @param {string} dir
 * @param {string} name the process, for titles
 * @param {Map<string, Group>} groups
 * @returns {{ file: string, groups: Record<string, ReturnType<typeof summarize>>, text: string } | undefined}
 */
export function summarizeDir(dir, name, groups) {
  let files = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return undefined;
  }
  if (!files[0]) return undefined;
  const file = path.join(dir, files[0]);
  const profile = readProfile(file);
  /** @type {Record<string, ReturnType<typeof summarize>>} */
  const out = {};
  let text = '';
  for (const [label, group] of groups) {
    const s = summarize(profile, group);
    out[label] = s;
    text += `${formatSummary(`${name}, ${label}`, s)}\n\n`;
  }
  return { file, groups: out, text };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [file, resultsFile, target] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node summarize.js <file.cpuprofile> [results.json target-name]\n');
    process.exit(2);
  }
  const profile = readProfile(file);
  if (resultsFile && target) {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    for (const [scenario, cells] of [
      ['A', results.scenarioA?.cells ?? []],
      ['B', results.scenarioB?.cells ?? []],
    ]) {
      const mine = cells.filter((/** @type {any} */ c) => c.target === target);
      for (const [label, group] of windowGroups(mine, scenario))
        process.stdout.write(`${formatSummary(`${target}, ${label}`, summarize(profile, group))}\n\n`);
    }
  } else process.stdout.write(`${formatSummary(path.basename(file), summarize(profile))}\n`);
}
