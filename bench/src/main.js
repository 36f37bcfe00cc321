#!/usr/bin/env node
// @ts-check
/**
 * `pnpm bench`: Mediate side by side with a hand-written relay and Node-RED, on loopback.
 *
 * Order: guard and limits → back end and load generators → Scenarios A and B (interleaved cells)
 * → idle capacity → start and deploy timings → tables, target checks, raw results.
 * The run is bounded: a timer in this process and a separate guard process both enforce
 * `--timeout-s`, and every child is stopped however the run ends.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, describeVersions, raiseFileLimit } from './environment.js';
import { USAGE, parseOptions } from './options.js';
import { report } from './report/print.js';
import { measureDeploy, measureStart, profileStart } from './scenarios/lifecycle.js';
import { runHostile } from './scenarios/hostile.js';
import { runAB } from './scenarios/run-ab.js';
import { runConsole } from './scenarios/console.js';
import { runIdlePhase } from './scenarios/run-idle.js';
import { runStudio } from './scenarios/studio.js';
import { checkBuilt } from './targets/mediate.js';
import { forkChild, killAll, liveChildren, stopAll, usePidFile } from './util/children.js';
import { waitReady } from './util/ipc.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCH = path.resolve(here, '..');

let opts;
try {
  opts = parseOptions(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${/** @type {Error} */ (e).message}\n\n${USAGE}`);
  process.exit(2);
}
if (opts.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
checkBuilt();
// Set before any child starts, so every process (relays, load generators, Mediate, Node-RED) agrees.
if (opts.noBufferutil) process.env.WS_NO_BUFFER_UTIL = '1';

const log = (/** @type {string} */ line) => process.stdout.write(`${line}\n`);
const started = Date.now();
const deadline = started + opts.timeoutMs;
const outFile = path.resolve(opts.out ?? path.join(BENCH, 'results/latest.json'));
/** `--only studio` or `--only console` adds its key to the last full run's results file. */
const onlyKey =
  opts.only.size === 1 && (opts.only.has('studio') || opts.only.has('console'))
    ? [...opts.only][0]
    : undefined;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mediate-bench-'));
usePidFile(path.join(tmp, 'children.pid'));

// The guard outlives us if we are SIGKILLed, and then kills what the pid file lists.
const guard = spawn(
  process.execPath,
  [
    path.join(here, 'util/guard.js'),
    String(process.pid),
    path.join(tmp, 'children.pid'),
    String(deadline + 5000),
    opts.keep ? 'keep' : '',
  ],
  {
    detached: true,
    stdio: 'ignore',
  },
);
guard.unref();

/** @type {Record<string, any>} */
const results = {
  startedAt: new Date(started).toISOString(),
  command: `pnpm bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  machine: describeMachine(),
  versions: describeVersions(),
  options: { ...opts, only: [...opts.only] },
};

/**
 * Writes the raw results, formatted as the repository's Prettier setup wants them, so a results
 * file left in the tree (or committed) never fails `pnpm lint`.
 */
async function writeResults() {
  mkdirSync(path.dirname(outFile), { recursive: true });
  results.elapsedMs = Date.now() - started;
  let out = results;
  // `--only studio` (or console) adds to the last full run's file: only that key is replaced.
  if (onlyKey && existsSync(outFile)) {
    try {
      const existing = JSON.parse(readFileSync(outFile, 'utf8'));
      out = {
        ...existing,
        [onlyKey]: results[onlyKey] ?? { error: results.error, timedOut: results.timedOut },
      };
    } catch {
      // unreadable: write this run's results as they are
    }
  }
  const json = JSON.stringify(out, null, 2);
  let text = `${json}\n`;
  try {
    const prettier = await import('prettier');
    text = await prettier.format(json, { ...(await prettier.resolveConfig(outFile)), filepath: outFile });
  } catch {
    // unformatted is still valid JSON
  }
  writeFileSync(outFile, text);
}

let finished = false;
/** Last resort for every way out: nothing this run started may keep running. */
process.on('exit', () => {
  killAll();
  if (!finished && !opts.keep) rmSync(tmp, { recursive: true, force: true });
  try {
    if (guard.pid) process.kill(guard.pid, 'SIGKILL');
  } catch {
    // already gone
  }
});
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(sig, () => {
    log(`\n${sig}: stopping ${liveChildren().join(', ') || 'nothing'}`);
    killAll();
    process.exit(130);
  });
}
const hardTimer = setTimeout(() => {
  log(
    `\nHard timeout (${opts.timeoutMs / 1000} s): killing ${liveChildren().join(', ') || 'nothing'}; partial results in ${outFile}`,
  );
  killAll();
  results.timedOut = true;
  void writeResults().finally(() => process.exit(3));
}, opts.timeoutMs);

try {
  results.fileLimit = raiseFileLimit(2 * opts.idleClients + 1000);
  log(
    `mediate bench (${opts.quick ? 'quick' : 'full'}): ${results.machine.nproc} cores, ${results.machine.cpuModel}; temp ${tmp}`,
  );
  const backend = forkChild('backend', path.join(here, 'targets/backend-proc.js'));
  const { url: backendUrl } = await waitReady(backend);
  const ctx = {
    tmp,
    backend: { child: backend, url: backendUrl },
    profileRoot: path.join(BENCH, 'results/profiles'),
    log,
  };
  // Time the later phases need, so earlier ones stop starting cells early enough for them.
  const hostileMs = opts.only.has('hostile')
    ? opts.rounds * 4 * (opts.warmupMs + opts.cellMs + 2500) + 10_000
    : 0;
  const laterMs =
    15_000 +
    (opts.only.has('idle') ? (opts.quick ? 8_000 : 40_000) : 0) +
    (opts.only.has('life') ? (opts.quick ? 6_000 : 20_000) : 0) +
    (opts.only.has('studio') ? 40_000 : 0);
  if (opts.only.has('a') || opts.only.has('b')) {
    const loadgen = forkChild('ws-load', path.join(here, 'load/ws-load.js'));
    const httpload = forkChild('http-load', path.join(here, 'load/http-load.js'));
    await runAB({ opts, ctx, loadgen, httpload, stopBy: deadline - laterMs - hostileMs, results });
    await Promise.all([loadgen.stop(), httpload.stop()]);
  }
  if (opts.only.has('hostile')) {
    const loadgen = forkChild('ws-load', path.join(here, 'load/ws-load.js'));
    results.hostile = await runHostile({ opts, ctx, loadgen, stopBy: deadline - laterMs });
    await loadgen.stop();
  }
  if (opts.only.has('console')) {
    const loadgen = forkChild('ws-load', path.join(here, 'load/ws-load.js'));
    results.console = await runConsole({ opts, ctx, loadgen, stopBy: deadline - laterMs });
    await loadgen.stop();
  }
  if (opts.only.has('idle')) results.idle = await runIdlePhase({ opts, ctx });
  if (opts.only.has('life')) {
    log('Start to ready');
    results.starts = await measureStart({ tmp, backendUrl, repeats: opts.lifeRepeats, log });
    log('Deploy');
    results.deploy = await measureDeploy({ tmp, backendUrl, repeats: opts.lifeRepeats, log });
    if (opts.profile) {
      log('Profiling start and deploy');
      const profileRoot = path.join(BENCH, 'results/profiles');
      const deploy = await measureDeploy(
        { tmp, backendUrl, repeats: opts.lifeRepeats, log },
        path.join(profileRoot, 'deploy'),
      );
      results.profiles = {
        ...results.profiles,
        ...(await profileStart({ tmp, backendUrl, profileRoot })),
        ...(deploy.profile ? { deploy: deploy.profile } : {}),
      };
    }
  }
  if (opts.only.has('studio')) {
    log('Studio: open a 500-mediator sequence, re-sync after a source edit');
    const studio = await runStudio({ tmp, log });
    results.studio = {
      startedAt: new Date(started).toISOString(),
      command: results.command,
      ...studio,
    };
  }
  await stopAll();
  const text = report(results);
  log(`\n${text}`);
  await writeResults();
  log(
    `Raw results: ${path.relative(process.cwd(), outFile)} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  finished = true;
  if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
  else log(`Kept ${tmp}`);
  clearTimeout(hardTimer);
  process.exit(0);
} catch (e) {
  log(`\nbench failed: ${/** @type {Error} */ (e).stack ?? e}`);
  results.error = /** @type {Error} */ (e).message;
  await stopAll(2000).catch(() => undefined);
  await writeResults();
  log(`Partial results: ${outFile}; temp folder kept: ${tmp}`);
  finished = true;
  process.exit(1);
}
