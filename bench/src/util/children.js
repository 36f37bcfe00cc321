// @ts-check
/**
 * Every process the bench starts goes through here, so that all of them can be stopped: on a
 * normal end, on Ctrl-C, on the hard timeout, and (through the guard process and the pid file it
 * watches) even when the bench itself is killed with SIGKILL.
 */
import { fork, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** How much of a child's output to keep for error messages. */
const TAIL_BYTES = 16 * 1024;

/**
 * @typedef {object} Child
 * @property {string} name
 * @property {number} pid
 * @property {import('node:child_process').ChildProcess} proc
 * @property {Promise<{ code: number | null, signal: string | null }>} exited
 * @property {() => string} tail last output lines (stdout and stderr interleaved)
 * @property {(graceMs?: number) => Promise<void>} stop SIGTERM, then SIGKILL after graceMs
 */

/** @type {Map<number, Child>} */
const live = new Map();
/** @type {string | undefined} */
let pidFile;

/**
 * Where the list of live child pids is written for the guard process.
 * @param {string} file
 */
export function usePidFile(file) {
  pidFile = file;
  savePids();
}

function savePids() {
  if (pidFile) writeFileSync(pidFile, [...live.keys()].join('\n'));
}

/**
 * @param {string} name
 * @param {import('node:child_process').ChildProcess} proc
 * @returns {Child}
 */
function track(name, proc) {
  if (proc.pid === undefined) throw new Error(`could not start ${name}`);
  const pid = proc.pid;
  let tail = '';
  // Output is drained continuously: a child blocked on a full pipe would distort its numbers.
  const keep = (/** @type {Buffer} */ chunk) => {
    tail = (tail + chunk.toString()).slice(-TAIL_BYTES);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise((resolve) => {
    proc.once('exit', (code, signal) => {
      live.delete(pid);
      savePids();
      resolve({ code, signal });
    });
  });
  /** @type {Child} */
  const child = {
    name,
    pid,
    proc,
    exited,
    tail: () => tail,
    stop: async (graceMs = 5000) => {
      if (!live.has(pid)) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  live.set(pid, child);
  savePids();
  return child;
}

/**
 * Starts a program (Mediate, Node-RED) with its output piped to us.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 * @returns {Child}
 */
export function spawnChild(name, command, args, options = {}) {
  return track(name, spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options }));
}

/**
 * Starts one of the bench's own scripts with an IPC channel.
 * @param {string} name
 * @param {string} script absolute path
 * @param {string[]} [args]
 * @param {import('node:child_process').ForkOptions} [options]
 * @returns {Child}
 */
export function forkChild(name, script, args = [], options = {}) {
  return track(name, fork(script, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], ...options }));
}

/**
 * Tracks a process started by a library (Chromium, launched by Playwright), so the exit paths and
 * the guard stop it like every other child.
 * @param {string} name
 * @param {import('node:child_process').ChildProcess} proc
 * @returns {Child}
 */
export function adoptChild(name, proc) {
  return track(name, proc);
}

/** Stops every live child: SIGTERM, then SIGKILL for those still alive after graceMs. */
export async function stopAll(graceMs = 5000) {
  await Promise.all([...live.values()].map((c) => c.stop(graceMs)));
}

/** SIGKILLs every live child at once; for the hard timeout and exit paths, where waiting is not an option. */
export function killAll() {
  for (const c of live.values()) {
    try {
      c.proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Names and pids of the children still running (for diagnostics). */
export function liveChildren() {
  return [...live.values()].map((c) => `${c.name} (${c.pid})`);
}
