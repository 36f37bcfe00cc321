import { defineConfig } from 'vitest/config';

// The studio's pure parts (store, commands, history, layout, path parsing) run in Node: no DOM.
export default defineConfig({
  resolve: { conditions: ['@mediate/source'] },
  test: { include: ['test/**/*.test.ts'] },
});
