/**
 * A runtime whose project has no stylesheet and no validate mediator never loads the XSLT and
 * XSD libraries (issue 15: every old-generation collection marks the whole heap, and together
 * they are 3.6 MiB of it). Only their loaders may bring them in: no source file imports them
 * otherwise (an `import type` is erased).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { xsdLibraryLoaded } from '../../src/runtime/mediation/handlers/xsd-schema.js';
import { xsltLibraryLoaded } from '../../src/runtime/mediation/handlers/xslt-stylesheet.js';
import type { Runtime } from '../../src/runtime/index.js';
import { example1Files, freePort, project, runtimeWith, tomlFor } from './harness.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

let runtime: Runtime | undefined;
afterAll(() => runtime?.stop());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sourceFiles(path.join(dir, d.name))
      : d.name.endsWith('.ts')
        ? [path.join(dir, d.name)]
        : [],
  );
}

describe('optional libraries', () => {
  it('are not loaded for the seed example', async () => {
    const files = example1Files({ wsPort: await freePort(), backendUrl: 'ws://127.0.0.1:9/websocket' });
    ({ runtime } = await runtimeWith(project(files, tomlFor(0))));
    expect(xsltLibraryLoaded()).toBe(false);
    expect(xsdLibraryLoaded()).toBe(false);
  });

  it('are imported by no source file except as types (their loaders require or import them)', () => {
    const eager: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'(xslt-processor|libxml2-wasm)'/gms))
        eager.push(`${path.relative(SRC, file)}: ${m[1]}`);
    }
    expect(eager).toEqual([]);
  });
});
