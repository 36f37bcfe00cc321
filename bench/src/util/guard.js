// @ts-check
/**
 * The guard: a separate, detached process that stops everything the bench started if the bench
 * dies without cleaning up (SIGKILL, crash) or overruns its hard deadline (e.g. a blocked event
 * loop, where the bench's own timer cannot fire).
 *
 * Usage: node guard.js <bench pid> <pid file> <deadline, ms since epoch> [keep]
 * The pid file holds one child pid per line and is rewritten by the bench as children come and go;
 * it lives in the run's temporary folder, which the guard removes too unless told to keep it.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const [benchPid, pidFile, deadline] = [
  Number(process.argv[2]),
  process.argv[3] ?? '',
  Number(process.argv[4]),
];
const keep = process.argv[5] === 'keep';

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killListed() {
  let text = '';
  try {
    text = readFileSync(pidFile, 'utf8');
  } catch {
    return;
  }
  for (const line of text.split('\n')) {
    const pid = Number(line);
    if (Number.isInteger(pid) && pid > 1) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

const timer = setInterval(() => {
  const overdue = Date.now() > deadline;
  if (alive(benchPid) && !overdue) return;
  if (overdue && alive(benchPid)) {
    process.stderr.write('bench guard: hard deadline passed; killing the bench and its children\n');
    killListed();
    try {
      process.kill(benchPid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  } else {
    killListed();
  }
  if (!keep && pidFile) rmSync(path.dirname(pidFile), { recursive: true, force: true });
  clearInterval(timer);
  process.exit(0);
}, 250);
