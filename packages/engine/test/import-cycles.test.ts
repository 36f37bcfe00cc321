/**
 * No import cycle in packages/engine/src: each module can be read, built and tested after the
 * ones it imports. A cycle shows as its files, e.g. `[model/validate/validate-names.ts,
 * model/validate/validate-project.ts]`; break it by moving what both need to a file of its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph.js';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const scratch = mkdtempSync(join(tmpdir(), 'mediate-cycles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('import cycles', () => {
  it('packages/engine/src has none', () => {
    const graph = importGraph(src);
    // The graph is the real one: the runtime imports the model, and the model's index its parts.
    expect(graph.get(join(src, 'runtime', 'runtime.ts'))).toContain(
      join(src, 'model', 'validate', 'validate-project.ts'),
    );
    expect(importCycles(graph, src)).toEqual([]);
  });

  it('finds a cycle made of type-only and re-exporting imports', () => {
    const dir = mkdtempSync(join(scratch, 'probe-'));
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.js';\nexport type A = { b: B };\n");
    writeFileSync(join(dir, 'b.ts'), "export type { C as B } from './c.js';\n");
    writeFileSync(join(dir, 'c.ts'), "import type { A } from './a.js';\nexport type C = { a?: A };\n");
    writeFileSync(join(dir, 'd.ts'), "import type { A } from './a.js';\nexport type D = A;\n");
    expect(importCycles(importGraph(dir), dir)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
