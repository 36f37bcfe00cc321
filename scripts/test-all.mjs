#!/usr/bin/env node
// Runs every test of every workspace package and ends with exactly one plain summary line:
//
//   N passed, N failed[, N skipped]
//
// 1. vitest, once from the root (root vitest.config.ts lists packages/* and apps/* as projects),
//    with the JSON reporter writing test-results/vitest.json.
// 2. Playwright, if e2e/playwright.config.ts exists and e2e/tests holds *.spec.ts files,
//    with the JSON reporter writing test-results/playwright.json.
//
// Extra arguments go to vitest (`pnpm test -- packages/engine/test/foo.test.ts`); e2e is then skipped.
// Exits 1 on any failed test, on a test file that failed to load, on a runner that exits non-zero or
// leaves no report, and when no test ran at all.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumMissingMessage, hasChromium } from './lib/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results');
const vitestReport = path.join(resultsDir, 'vitest.json');
const playwrightReport = path.join(resultsDir, 'playwright.json');

let args = process.argv.slice(2);
if (args[0] === '--') args = args.slice(1);

const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];

const childEnv = { ...process.env, NO_COLOR: '1' };
delete childEnv.FORCE_COLOR;

/** Runs a command with the console inherited; resolves to its exit code (1 if it could not start). */
function run(cmd, argv, cwd, env = childEnv) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, argv, { cwd, env, stdio: 'inherit' });
    } catch (err) {
      notes.push(`could not start ${cmd}: ${err.message}`);
      resolve(1);
      return;
    }
    child.on('error', (err) => {
      notes.push(`could not start ${cmd}: ${err.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      if (signal) notes.push(`${cmd} was killed by ${signal}`);
      resolve(code ?? 1);
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function hasE2eSpecs() {
  const e2e = path.join(root, 'e2e');
  const tests = path.join(e2e, 'tests');
  if (!existsSync(path.join(e2e, 'playwright.config.ts')) || !existsSync(tests)) return false;
  return readdirSync(tests, { recursive: true }).some(
    (entry) => String(entry).endsWith('.spec.ts') && !String(entry).split(path.sep).includes('node_modules'),
  );
}

async function runVitest() {
  rmSync(vitestReport, { force: true });
  const bin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  if (!existsSync(bin)) {
    notes.push('vitest is not installed (run pnpm install)');
    totals.failed += 1;
    return;
  }
  console.log(`\n== vitest ${args.length ? `(${args.join(' ')})` : '(all packages)'}\n`);
  const code = await run(
    process.execPath,
    [bin, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`, ...args],
    root,
  );

  const report = readJson(vitestReport);
  if (!report) {
    notes.push(`vitest exited with code ${code} and wrote no report`);
    totals.failed += 1;
    return;
  }
  const loadFailures = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults?.length > 0),
  );
  for (const file of loadFailures) {
    notes.push(`test file failed to load: ${path.relative(root, file.name ?? '?')}`);
  }
  const failed = (report.numFailedTests ?? 0) + loadFailures.length;
  const total = (report.numTotalTests ?? 0) + loadFailures.length;
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += failed;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test skipped for a reason says so in its name ("… (skipped: why; what to do)"): repeat each
  // reason once, so the summary explains its skipped count.
  const reasons = new Set();
  for (const file of report.testResults ?? [])
    for (const t of file.assertionResults ?? [])
      if (t.status !== 'passed' && t.status !== 'failed') {
        const why = /\((skipped: [^)]*)\)/.exec(t.fullName ?? t.title ?? '')?.[1];
        if (why) reasons.add(why);
      }
  for (const why of reasons) notes.push(why);
  // A non-zero exit with nothing failed: an unhandled error, a crashed worker, ... Count it, so the
  // summary line agrees with the exit code. (No test at all is reported separately below.)
  if (code !== 0 && failed === 0 && total > 0) {
    notes.push(`vitest exited with code ${code} although no test failed (unhandled error? see above)`);
    totals.failed += 1;
  }
}

async function runPlaywright() {
  rmSync(playwrightReport, { force: true });
  if (!hasChromium()) {
    // One clear failure instead of every journey failing to launch the browser.
    notes.push(
      `browser tests not run, counted as 1 failure: ${chromiumMissingMessage().replace(/\n\s*/g, ' ')}`,
    );
    totals.failed += 1;
    return;
  }
  console.log('\n== playwright (e2e)\n');
  // pnpm runs `exec` in the e2e package folder, and Playwright resolves PLAYWRIGHT_JSON_OUTPUT_NAME
  // against its cwd, so `../test-results/playwright.json` would land here too. An absolute path
  // does not depend on that.
  const code = await run(
    'pnpm',
    ['--filter', '@mediate/e2e', 'exec', 'playwright', 'test', '--reporter=list,json'],
    root,
    { ...childEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
  );

  const report = readJson(playwrightReport);
  const stats = report?.stats;
  if (!stats) {
    notes.push(`playwright exited with code ${code} and wrote no report`);
    totals.failed += 1;
    return;
  }
  for (const error of report.errors ?? []) {
    notes.push(`playwright error: ${String(error.message ?? error.value ?? '').split('\n')[0]}`);
  }
  const failed = stats.unexpected ?? 0;
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += failed;
  totals.skipped += stats.skipped ?? 0;
  if (code !== 0 && failed === 0) {
    notes.push(`playwright exited with code ${code} although no test failed (see above)`);
    totals.failed += 1;
  }
}

mkdirSync(resultsDir, { recursive: true });
await runVitest();
if (hasE2eSpecs()) {
  if (args.length) notes.push('e2e skipped: arguments were given (they select vitest tests only)');
  else await runPlaywright();
}

const ranNothing = totals.passed + totals.failed === 0;
if (ranNothing) notes.push('no test was run');

console.log('');
for (const note of notes) console.log(`test-all: ${note}`);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exitCode = totals.failed > 0 || ranNothing ? 1 : 0;
