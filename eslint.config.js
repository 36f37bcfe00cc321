import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node builtins and server-only packages that must never reach the browser-safe model.
const modelMessage = 'packages/engine/src/model is browser-safe: no Node builtins or server-only packages.';
const nodeOnly = ['fs', 'path', 'http', 'https', 'net', 'ws', 'express', 'os', 'crypto', 'stream', 'url'];

export default defineConfig([
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/test-results/',
    '**/coverage/',
    '**/fixtures/**',
    'e2e/test-results/',
    'apps/web/dist/',
  ]),
  {
    // Non type-checked on purpose: fast, and needs no tsconfig per file.
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/engine/src/model/**/*.ts', 'packages/engine/src/model/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly.map((name) => ({ name, message: modelMessage })),
          patterns: [
            { group: ['node:*'], message: modelMessage },
            // Subpaths such as fs/promises, path/posix, stream/web.
            { group: nodeOnly.map((name) => `${name}/*`), message: modelMessage },
          ],
        },
      ],
    },
  },
]);
