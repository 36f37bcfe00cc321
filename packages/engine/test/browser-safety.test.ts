/**
 * The model runs in the studio and in the server alike: its tsconfig (tsconfig.model.json, what
 * `pnpm typecheck` and `pnpm build` compile) has neither Node's types nor the DOM library, so a
 * Node import or global, or a DOM global such as `document` or `DOMParser`, in src/model does
 * not compile. Checked by compiling the model with a probe file added.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const probeDir = mkdtempSync(join(pkg, '.probe-'));
afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

function compile(probeSource: string | undefined): { code: number; output: string } {
  const files = probeSource === undefined ? [] : ['probe.ts'];
  if (probeSource !== undefined) writeFileSync(join(probeDir, 'probe.ts'), probeSource);
  writeFileSync(
    join(probeDir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../tsconfig.model.json',
      compilerOptions: {
        noEmit: true,
        composite: false,
        rootDir: '..',
        tsBuildInfoFile: null,
        incremental: false,
      },
      include: ['../src/model/**/*.ts', '../types/web-encoding.d.ts', ...files],
    }),
  );
  try {
    const output = execFileSync(process.execPath, [tsc, '-p', join(probeDir, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    return { code: 0, output };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, output: err.stdout };
  }
}

describe('model browser safety', () => {
  it('compiles as it is', () => {
    const r = compile(undefined);
    expect(r.output).toBe('');
    expect(r.code).toBe(0);
  });

  it('does not compile with a Node import', () => {
    const r = compile("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/probe\.ts.*Cannot find module 'node:fs'/);
  });

  it('does not compile when using Node globals', () => {
    const r = compile('export const x = process.env.HOME;\n');
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/probe\.ts.*Cannot find name 'process'/);
  });

  it('does not compile when using the DOM (document, DOMParser)', () => {
    const r = compile('export const x = () => [document.title, new DOMParser()];\n');
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/probe\.ts.*Cannot find name 'document'/);
    expect(r.output).toMatch(/probe\.ts.*Cannot find name 'DOMParser'/);
  });
});
