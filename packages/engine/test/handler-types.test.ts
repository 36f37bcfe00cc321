/**
 * A mediator compiler reads its kind's values typed from the kind's catalog definition: reading
 * a field the kind does not have, or putting a compiler under another kind in the handler table,
 * does not compile. Checked by compiling probe files against the runtime's tsconfig.
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

const types =
  "import type { HandlerTable, MediatorCompiler } from '../src/runtime/mediation/mediation-types.js';";

const PROBES: Record<string, string> = {
  // filter has xpath, and its log has a defaulted level that is always there once resolved.
  'reads-own-fields.ts': `${types}
export const filter: MediatorCompiler<'filter'> = (node) => {
  const xpath: string | undefined = node.values.xpath;
  return () => xpath !== undefined;
};
export const log: MediatorCompiler<'log'> = (node) => {
  const level: 'simple' | 'headers' | 'full' | 'custom' = node.values.level;
  return () => level === 'full';
};
`,
  // property's name, read in a filter compiler.
  'reads-other-field.ts': `${types}
export const filter: MediatorCompiler<'filter'> = (node) => {
  const name = node.values.name;
  return () => name !== undefined;
};
`,
  // A property compiler put under filter.
  'wrong-kind.ts': `${types}
import { HANDLERS } from '../src/runtime/mediation/handlers/index.js';
export const table: HandlerTable = { ...HANDLERS, filter: HANDLERS.property };
`,
};

function compileProbes(): string {
  for (const [name, text] of Object.entries(PROBES)) writeFileSync(join(probeDir, name), text);
  writeFileSync(
    join(probeDir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../tsconfig.runtime.json',
      compilerOptions: { noEmit: true, composite: false, rootDir: '..', incremental: false },
      include: Object.keys(PROBES),
    }),
  );
  try {
    return execFileSync(process.execPath, [tsc, '-p', join(probeDir, 'tsconfig.json')], {
      encoding: 'utf8',
    });
  } catch (e) {
    return (e as { stdout: string }).stdout;
  }
}

describe('mediator compilers are typed by their kind', () => {
  const output = compileProbes();
  const errorsIn = (file: string) => output.split('\n').filter((l) => l.includes(`${file}(`));

  it("compiles a compiler reading its own kind's fields", () => {
    expect(errorsIn('reads-own-fields.ts')).toEqual([]);
  });

  it('does not compile a compiler reading a field its kind does not have', () => {
    expect(errorsIn('reads-other-field.ts').join('\n')).toMatch(/Property 'name' does not exist on type/);
  });

  it('does not compile a handler table with a compiler under another kind', () => {
    expect(errorsIn('wrong-kind.ts').join('\n')).toMatch(
      /Type 'MediatorCompiler<"property">' is not assignable to type 'MediatorCompiler<"filter">'/,
    );
  });

  it('reports nothing else', () => {
    const others = output
      .split('\n')
      .filter((l) => l.includes('error TS') && !/(reads-other-field|wrong-kind)\.ts\(/.test(l));
    expect(others).toEqual([]);
  });
});
