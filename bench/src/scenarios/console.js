// @ts-check
/**
 * The console scenario (`--only console`, issue 15): Scenario A's c10 64B load through three
 * `mediate+log` instances (a `log level="simple"` per reply) whose standard output goes to a pipe
 * read at once, to a file, and to a pipe read slowly (320 KiB/s). Console output is written off
 * the event loop, so the three should relay alike; the slow reader gets fewer lines, and the
 * console says how many it dropped.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMediateTarget } from '../targets/start-targets.js';
import { forkChild } from '../util/children.js';
import { request, waitReady } from '../util/ipc.js';
import { interleave } from './interleave.js';
import { runCellA } from './scenario-a.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The load: ten clients, eight 64-byte frames in flight each. */
export const CONSOLE_LOAD = { id: 'c10 64B', clients: 10, size: 64, window: 8 };

/**
 * @param {{ opts: import('../options.js').Options, ctx: import('../targets/start-targets.js').Ctx,
 *   loadgen: import('../util/children.js').Child, stopBy: number }} o
 */
export async function runConsole(o) {
  const { opts, ctx } = o;
  const reader = async (/** @type {'fast' | 'slow'} */ mode) => {
    const child = forkChild(`console-${mode}`, path.join(here, '../load/console-reader.js'), [mode], {
      stdio: ['pipe', 'ignore', 'pipe', 'ipc'],
    });
    await waitReady(child);
    return child;
  };
  const fast = await reader('fast');
  const slow = await reader('slow');
  const file = path.join(ctx.tmp, 'console.log');
  const fd = openSync(file, 'w');
  ctx.log('Console: mediate+log with its output to a pipe, a file and a slow pipe');
  const stdinOf = (/** @type {import('../util/children.js').Child} */ c) => {
    if (!c.proc.stdin) throw new Error(`${c.name} has no stdin`);
    return c.proc.stdin;
  };
  const targets = [
    await startMediateTarget(ctx, 'pipe', 'simple', { profile: false, stdout: stdinOf(fast) }),
    await startMediateTarget(ctx, 'file', 'simple', { profile: false, stdout: fd }),
    await startMediateTarget(ctx, 'slow pipe', 'simple', { profile: false, stdout: stdinOf(slow) }),
  ];
  // Each Mediate has its own copy of the descriptors now.
  closeSync(fd);
  fast.proc.stdin?.destroy();
  slow.proc.stdin?.destroy();
  const cells = await interleave({
    rounds: opts.rounds,
    loads: [CONSOLE_LOAD],
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
    stopBy: o.stopBy,
    log: ctx.log,
  });
  await Promise.all(targets.map((t) => t.child.stop()));
  const fileText = readFileSync(file, 'utf8');
  const console = {
    pipe: await request(fast.proc, { cmd: 'count' }),
    file: {
      bytes: Buffer.byteLength(fileText),
      lines: fileText.match(/\{LogMediator\}/g)?.length ?? 0,
      dropped: [...fileText.matchAll(/(\d+) events were dropped/g)].reduce((n, m) => n + Number(m[1]), 0),
    },
    'slow pipe': await request(slow.proc, { cmd: 'count' }),
  };
  await Promise.all([fast.stop(), slow.stop()]);
  return { load: CONSOLE_LOAD, targets: targets.map((t) => t.name), cells, console };
}
