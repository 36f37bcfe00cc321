import { configDefaults, defineConfig } from 'vitest/config';

// Root config: one `vitest run` from the repo root runs every workspace package that has its own
// vitest.config.ts. Globbing the config files (not the folders) means a package or app without one is
// simply not a project, instead of being run with default settings.
// e2e/ holds Playwright specs, which vitest must never collect.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
    exclude: [...configDefaults.exclude, 'e2e/**'],
  },
});
