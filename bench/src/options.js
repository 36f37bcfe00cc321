// @ts-check
/**
 * Command-line options of `pnpm bench`, and the loads each scenario runs.
 */
import { parseArgs } from 'node:util';

export const USAGE = `pnpm bench [-- options]   (after \`pnpm build\`)

  --quick               one-minute smoke run: fewer loads, short cells, 500 idle clients
  --profile             run every Mediate with node --cpu-prof; summaries per scenario follow the tables
  --only LIST           scenarios to run, comma-separated: a, b, hostile, idle, life, studio, console
                        (default: all but console); with only studio (or only console), just that key
                        of an existing --out file is replaced
  --rounds N            times each cell is repeated, interleaved (default 3; quick, profile 1); medians shown
  --warmup-ms MS        warm-up before each measured cell (default 1000; quick 300)
  --cell-ms MS          measured part of each cell (default 2000; quick 700)
  --idle-clients N      clients for the idle-capacity test (default 10000; quick 500)
  --timeout-s S         hard limit for the whole run; every child is killed after it (default 570; quick 110)
  --direct              add "direct" (load generator straight to the back end) to Scenario A
  --no-bufferutil       set WS_NO_BUFFER_UTIL=1 for every process (masking in JavaScript)
  --loads LIST          only these loads, comma-separated ids as the tables name them ("c1 16KiB,c100 64B")
  --out FILE            raw results (default bench/results/latest.json)
  --keep                keep the temporary folder (projects, Node-RED user dir, logs)
`;

/**
 * @typedef {{ id: string, clients: number, size: number, window: number }} LoadA
 * @typedef {{ id: string, clients: number, size: number }} LoadB
 */

const KIB16 = 16 * 1024;

/** @type {LoadA[]} */
const LOADS_A = [
  { id: 'c1 64B ping-pong', clients: 1, size: 64, window: 1 },
  { id: 'c1 64B', clients: 1, size: 64, window: 8 },
  { id: 'c1 16KiB', clients: 1, size: KIB16, window: 8 },
  { id: 'c10 64B', clients: 10, size: 64, window: 8 },
  { id: 'c10 16KiB', clients: 10, size: KIB16, window: 8 },
  { id: 'c100 64B', clients: 100, size: 64, window: 8 },
  { id: 'c100 16KiB', clients: 100, size: KIB16, window: 8 },
];

/** @type {LoadB[]} */
const LOADS_B = [
  { id: 'c1 64B', clients: 1, size: 64 },
  { id: 'c1 16KiB', clients: 1, size: KIB16 },
  { id: 'c10 64B', clients: 10, size: 64 },
  { id: 'c10 16KiB', clients: 10, size: KIB16 },
  { id: 'c100 64B', clients: 100, size: 64 },
  { id: 'c100 16KiB', clients: 100, size: KIB16 },
];

const QUICK_A = ['c1 64B ping-pong', 'c10 64B', 'c100 16KiB'];
const QUICK_B = ['c10 64B', 'c100 16KiB'];

/**
 * @param {string[]} argv
 */
export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      only: { type: 'string' },
      rounds: { type: 'string' },
      'warmup-ms': { type: 'string' },
      'cell-ms': { type: 'string' },
      'idle-clients': { type: 'string' },
      'timeout-s': { type: 'string' },
      direct: { type: 'boolean', default: false },
      'no-bufferutil': { type: 'boolean', default: false },
      loads: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const quick = values.quick ?? false;
  const num = (
    /** @type {string | undefined} */ v,
    /** @type {number} */ fallback,
    /** @type {string} */ name,
  ) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} expects a positive number, not ${v}`);
    return n;
  };
  const only = new Set((values.only ?? 'a,b,hostile,idle,life,studio').split(',').map((s) => s.trim()));
  for (const s of only)
    if (!['a', 'b', 'hostile', 'idle', 'life', 'studio', 'console'].includes(s))
      throw new Error(`--only: unknown scenario ${s}`);
  // --loads picks cells by id (both scenarios), e.g. "c1 16KiB,c100 64B", to look at a few closely.
  const pick = values.loads?.split(',').map((s) => s.trim());
  for (const id of pick ?? [])
    if (![...LOADS_A, ...LOADS_B].some((l) => l.id === id)) throw new Error(`--loads: unknown load ${id}`);
  /** @type {<L extends { id: string }>(all: L[], quickIds: string[]) => L[]} */
  const loads = (all, quickIds) =>
    pick ? all.filter((l) => pick.includes(l.id)) : quick ? all.filter((l) => quickIds.includes(l.id)) : all;
  return {
    help: values.help ?? false,
    quick,
    profile: values.profile ?? false,
    only,
    // A profile needs the cells once; three rounds would only make a profiled run overrun.
    rounds: Math.round(num(values.rounds, quick || values.profile ? 1 : 3, 'rounds')),
    warmupMs: num(values['warmup-ms'], quick ? 300 : 1000, 'warmup-ms'),
    cellMs: num(values['cell-ms'], quick ? 700 : 2000, 'cell-ms'),
    idleClients: Math.round(num(values['idle-clients'], quick ? 500 : 10000, 'idle-clients')),
    timeoutMs: num(values['timeout-s'], quick ? 110 : 570, 'timeout-s') * 1000,
    direct: values.direct ?? false,
    noBufferutil: values['no-bufferutil'] ?? false,
    out: values.out,
    keep: values.keep ?? false,
    loadsA: loads(LOADS_A, QUICK_A),
    loadsB: loads(LOADS_B, QUICK_B),
    /** Start-to-ready and deploy timings are repeated this many times (medians reported). */
    lifeRepeats: quick ? 1 : 3,
  };
}

/** @typedef {ReturnType<typeof parseOptions>} Options */
