import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@mediate/source'] },
  test: { include: ['test/**/*.test.ts'], testTimeout: 20000 },
});
