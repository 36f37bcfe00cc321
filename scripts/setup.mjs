#!/usr/bin/env node
// `npm run setup`: everything `pnpm start` and `pnpm test` need on a fresh machine with Node 20.
//
// 1. pnpm at the version pinned in package.json (a different global pnpm refuses the pin, see
//    ../shared/reference/toolchain.md §2), installed globally with npm when missing or different;
// 2. `pnpm install --frozen-lockfile` and `pnpm build`;
// 3. Debian's Chromium for the browser tests, when it is absent: installed with apt-get when this
//    runs as root or sudo works without a password; otherwise one clear message with the command.
//    Chromium is needed only by `pnpm test`, so its absence is a warning, not a failure (the
//    studio still starts); MEDIATE_SETUP_SKIP_CHROMIUM=1 skips this step. With
//    `--require-chromium` (CI: the browser tests must run) a Chromium it cannot install fails
//    the setup.
//
// Exits non-zero when step 1 or 2 fails, naming it (or step 3 with --require-chromium).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumMissingMessage, chromiumPath, hasChromium } from './lib/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

/** Runs a command with the console inherited; true when it succeeded, else says why. */
function attempt(what, cmd, args, options = {}) {
  console.log(`\n== setup: ${what}\n$ ${[cmd, ...args].join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status === 0) return true;
  const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
  console.error(`\nsetup: "${what}" failed (${why}).`);
  return false;
}

/** Like {@link attempt}, but a failure ends the setup. */
function step(what, cmd, args, options = {}) {
  if (!attempt(what, cmd, args, options)) process.exit(1);
}

/** The version of the pnpm on PATH, or undefined. */
function installedPnpm() {
  const result = spawnSync('pnpm', ['--version'], { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** True when `cmd` can run (found on PATH). */
function canRun(cmd, args) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/**
 * Installs Debian's Chromium when it is missing and this user may; otherwise says how. Never
 * fails the setup: the studio runs without Chromium, and `pnpm test` refuses to start the browser
 * tests with the same message.
 */
function ensureChromium() {
  if (process.env.MEDIATE_SETUP_SKIP_CHROMIUM) {
    console.log('\n== setup: Chromium skipped (MEDIATE_SETUP_SKIP_CHROMIUM); `pnpm test` needs it.');
    return;
  }
  if (hasChromium()) {
    console.log(`\n== setup: Chromium for the browser tests: ${chromiumPath()}`);
    return;
  }
  const warn = (why) => console.error(`\nsetup: WARNING: ${why}\nsetup: ${chromiumMissingMessage()}`);
  if (process.env.MEDIATE_E2E_CHROMIUM) return warn(`MEDIATE_E2E_CHROMIUM is not an executable file.`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!canRun('apt-get', ['--version']))
    return warn("apt-get is not available here; install Chromium with your system's package manager.");
  const sudo = !isRoot && canRun('sudo', ['-n', 'true']);
  if (!isRoot && !sudo) return warn('installing packages needs root, and sudo asks for a password.');
  // Non-interactive: apt must never stop at a prompt inside a setup script.
  const apt = (args) =>
    sudo
      ? attempt(`Chromium: apt-get ${args[0]}`, 'sudo', [
          '-n',
          'DEBIAN_FRONTEND=noninteractive',
          'apt-get',
          ...args,
        ])
      : attempt(`Chromium: apt-get ${args[0]}`, 'apt-get', args, {
          env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        });
  console.log(`\n== setup: Chromium is missing at ${chromiumPath()}; installing Debian's`);
  if (!apt(['update']) || !apt(['install', '-y', '--no-install-recommends', 'chromium']))
    return warn('apt-get could not install Chromium (see above).');
  if (!hasChromium()) warn('apt-get finished, but Chromium is still not there.');
}

const current = installedPnpm();
if (current === pinned) console.log(`== setup: pnpm ${pinned} is installed`);
else
  step(`install pnpm ${pinned}${current ? ` (found ${current})` : ''}`, 'npm', ['i', '-g', `pnpm@${pinned}`]);
step('install dependencies', 'pnpm', ['install', '--frozen-lockfile']);
step('build', 'pnpm', ['build']);
ensureChromium();
if (process.argv.includes('--require-chromium') && !hasChromium()) {
  console.error('\nsetup: Chromium is required (--require-chromium) and is not installed.');
  process.exit(1);
}
console.log(
  '\nsetup: done. `pnpm start` runs the studio with the bundled example; `pnpm test` runs every test.',
);
