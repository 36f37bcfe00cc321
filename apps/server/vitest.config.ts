import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@mediate/source'] },
  // The CLI tests start real processes (node + tsx), which take a second or two each on 2 cores.
  test: { include: ['test/**/*.test.ts'], testTimeout: 30000 },
});
