/**
 * Playwright in Debian's Chromium (`apt-get install chromium`; no `playwright install`), one
 * worker: the journeys start real `mediate start` processes, and the quick start uses the fixed
 * ports a user gets. See ../../shared/reference/toolchain.md §7.
 *
 * Reporters: `list` here; scripts/test-all.mjs runs `playwright test --reporter=list,json` with
 * PLAYWRIGHT_JSON_OUTPUT_NAME set and reads the JSON for the combined `N passed, N failed` line.
 *
 * Needs `pnpm build` first (the specs run apps/server/dist/cli.js, which serves apps/web/dist).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests',
  // Specs run one after the other; no retries: a flaky journey is a bug to fix.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.MEDIATE_E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
