// @ts-check
/**
 * What the numbers depend on, recorded with every run: the machine, the versions, whether `ws`
 * masks frames natively (bufferutil) in each process, and the open-file limit.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { MEDIATE_CLI } from './targets/mediate.js';
import { REPO_ROOT } from './targets/mediate-project.js';
import { NODE_RED_VERSION } from './targets/node-red.js';
import { fileLimit } from './util/procstat.js';

/** @param {string} file */
const version = (file) => /** @type {{ version: string }} */ (JSON.parse(readFileSync(file, 'utf8'))).version;

/**
 * Whether the `ws` that `fromPackage` loads would use bufferutil (and which ws version it is).
 * @param {string} fromPackage a package.json whose dependencies include ws
 */
function wsOf(fromPackage) {
  const req = createRequire(fromPackage);
  const wsPkg = req.resolve('ws/package.json');
  let bufferutil = false;
  try {
    createRequire(wsPkg).resolve('bufferutil');
    bufferutil = !process.env.WS_NO_BUFFER_UTIL;
  } catch {
    // not installed: ws masks in JavaScript
  }
  return { ws: version(wsPkg), bufferutil };
}

export function describeMachine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    nproc: os.availableParallelism(),
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    memTotalMiB: Math.round(os.totalmem() / 1048576),
    kernel: os.release(),
    node: process.version,
  };
}

/**
 * Which Mediate was measured: the checkout's commit, how many files differ from it, and when the
 * CLI was built (other work may rebuild the tree between runs).
 */
function describeBuild() {
  const git = (/** @type {string[]} */ args) =>
    spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).stdout?.trim() || undefined;
  const status = git(['status', '--porcelain']);
  return {
    repo: REPO_ROOT,
    commit: git(['rev-parse', '--short', 'HEAD']),
    changedFiles: status === undefined ? undefined : status.split('\n').filter(Boolean).length,
    cliBuiltAt: statSync(MEDIATE_CLI, { throwIfNoEntry: false })?.mtime.toISOString(),
  };
}

export function describeVersions() {
  const req = createRequire(import.meta.url);
  return {
    mediate: version(path.join(REPO_ROOT, 'apps/server/package.json')),
    mediateBuild: describeBuild(),
    nodeRed: NODE_RED_VERSION,
    autocannon: version(req.resolve('autocannon/package.json')),
    bench: wsOf(path.join(REPO_ROOT, 'bench/package.json')),
    mediateEngine: wsOf(path.join(REPO_ROOT, 'packages/engine/package.json')),
  };
}

/**
 * Raises this process's open-file limit when allowed (children inherit it), for the 10,000-client
 * test, where the hop holds two sockets per client. Node has no setrlimit, so `prlimit` (util-linux)
 * is asked to do it for our pid; raising the hard limit needs CAP_SYS_RESOURCE, which containers
 * often drop even for root, in which case the limit stays as it is and the test uses fewer clients.
 * @param {number} wanted
 */
export function raiseFileLimit(wanted) {
  const before = fileLimit();
  if (before.soft >= wanted) return { ...before, note: 'already high enough' };
  const r = spawnSync(
    'prlimit',
    ['--pid', String(process.pid), `--nofile=${wanted}:${Math.max(wanted, before.hard)}`],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) {
    // Can't raise the hard limit: at least take the soft limit up to it.
    spawnSync('prlimit', ['--pid', String(process.pid), `--nofile=${before.hard}:${before.hard}`]);
  }
  const after = fileLimit();
  const why = r.error ? r.error.message : (r.stderr || '').trim();
  return {
    ...after,
    note: r.status === 0 ? `raised from ${before.soft}` : `could not raise to ${wanted}: ${why}`,
  };
}
