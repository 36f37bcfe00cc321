// @ts-check
/**
 * Per-process CPU time and memory from /proc, read from outside the process.
 *
 * Reading /proc instead of asking the process means the numbers cover everything it does (GC
 * threads, libuv threads) and cost the measured process nothing.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second for utime/stime; USER_HZ is 100 on every Linux ABI Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads) of a process so far, in microseconds.
 * Resolution is one tick (10 ms); over a 2 s cell that is well under 1% of a busy process.
 * @param {number} pid
 * @returns {number}
 */
export function cpuMicros(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (field 14) is fields[11] and stime (15) fields[12].
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / TICKS_PER_SECOND;
}

/**
 * Resident memory of a process, in bytes: current (VmRSS) and peak (VmHWM).
 * @param {number} pid
 * @returns {{ rss: number, peak: number }}
 */
export function memory(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (/** @type {string} */ key) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : NaN;
  };
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/**
 * Resets a process's peak RSS (VmHWM) to its current RSS, so the next `memory().peak` is the
 * peak of the cell that follows rather than of the process's whole life. Needs Linux ≥ 4.0 and
 * permission to write /proc/<pid>/clear_refs (the owner or root). Returns false if not possible.
 * @param {number} pid
 * @returns {boolean}
 */
export function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * This process's open-file limits, from /proc/self/limits (Node has no getrlimit).
 * @returns {{ soft: number, hard: number }}
 */
export function fileLimit() {
  const m = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(
    readFileSync('/proc/self/limits', 'utf8'),
  );
  const n = (/** @type {string | undefined} */ v) =>
    v === undefined || v === 'unlimited' ? Infinity : Number(v);
  return { soft: n(m?.[1]), hard: n(m?.[2]) };
}

/**
 * Number of open file descriptors of a process (NaN if it cannot be read).
 * @param {number} pid
 * @returns {number}
 */
export function openFiles(pid) {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}
