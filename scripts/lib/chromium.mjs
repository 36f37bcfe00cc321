// Where the browser tests find Chromium, and the one command that installs it. Shared by
// scripts/setup.mjs (installs it) and scripts/test-all.mjs (refuses to start the browser tests
// without it, with that command). e2e/playwright.config.ts reads the same variable.
import { accessSync, constants } from 'node:fs';

/** The Chromium the browser tests launch: MEDIATE_E2E_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath() {
  return process.env.MEDIATE_E2E_CHROMIUM || '/usr/bin/chromium';
}

/** True when that path exists and is executable. */
export function hasChromium() {
  try {
    accessSync(chromiumPath(), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The command a user runs to install Debian's Chromium (with sudo unless already root). */
export function chromiumInstallCommand() {
  const sudo = typeof process.getuid === 'function' && process.getuid() === 0 ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends chromium`;
}

/** One paragraph saying what is missing and the one command that fixes it. */
export function chromiumMissingMessage() {
  return (
    `Chromium is missing at ${chromiumPath()}; the browser tests need it.\n` +
    `  Install Debian's Chromium:  ${chromiumInstallCommand()}\n` +
    '  or point MEDIATE_E2E_CHROMIUM at a Chromium or Chrome binary.'
  );
}
