/**
 * Issue 11, acceptance 3: no test-support helper is written twice. Across the engine's tests,
 * the server's tests and the e2e journeys:
 *
 * - a helper is exported by one test-support module only (`@mediate/engine/testing`, a suite's
 *   harness or helpers); the others import it (re-exporting is fine);
 * - no two top-level functions anywhere in test code have the same body, whatever their names.
 *
 * It reads the files as text: top-level functions are the `function` declarations at column 0,
 * ending at the first `}` line at column 0 (prettier formats them so).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ROOTS = [
  'packages/engine/src/testing',
  'packages/engine/test',
  'apps/server/test',
  'e2e/helpers',
  'e2e/tests',
];

/** Test-support modules, as opposed to test files. */
const isSupport = (rel: string) =>
  rel.startsWith('packages/engine/src/testing/') ||
  /\/helpers\/[^/]+\.ts$/.test(rel) ||
  /\/(harness|[a-z-]+-helpers)\.ts$/.test(rel);

function tsFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'fixtures' || e.name === 'node_modules'
        ? []
        : tsFiles(`${dir}/${e.name}`)
      : e.name.endsWith('.ts')
        ? [`${dir}/${e.name}`]
        : [],
  );
}

interface Declared {
  readonly file: string;
  readonly name: string;
  readonly exported: boolean;
  /** The body without its name and with white space folded. */
  readonly body: string;
  readonly lines: number;
}

function declarations(rel: string): Declared[] {
  const lines = readFileSync(join(repo, rel), 'utf8').split('\n');
  const out: Declared[] = [];
  lines.forEach((line, i) => {
    const m = /^(export )?(?:async )?function\*? ?([A-Za-z0-9_$]+)/.exec(line);
    if (!m) return;
    const end = lines.indexOf('}', i);
    if (end === -1) return;
    const text = lines.slice(i, end + 1).join('\n');
    out.push({
      file: rel,
      name: m[2]!,
      exported: m[1] !== undefined,
      body: text.replace(m[0], '').replace(/\s+/g, ' ').trim(),
      lines: end - i + 1,
    });
  });
  return out;
}

const all = ROOTS.flatMap(tsFiles).flatMap(declarations);

describe('test-support helpers', () => {
  it('finds the helpers it is about (the scan works)', () => {
    const names = all.filter((d) => d.exported && isSupport(d.file)).map((d) => d.name);
    expect(names).toEqual(
      expect.arrayContaining(['tempDir', 'tomlFor', 'zipFolder', 'freePort', 'startServer']),
    );
  });

  it('are exported by one test-support module each', () => {
    const byName = new Map<string, string[]>();
    for (const d of all.filter((d) => d.exported && isSupport(d.file)))
      byName.set(d.name, [...(byName.get(d.name) ?? []), relative(repo, join(repo, d.file))]);
    const twice = [...byName].filter(([, files]) => files.length > 1);
    expect(twice).toEqual([]);
  });

  it('have no top-level function written twice in test code (same body, any name)', () => {
    const byBody = new Map<string, string[]>();
    for (const d of all.filter((d) => d.lines >= 4))
      byBody.set(d.body, [...(byBody.get(d.body) ?? []), `${d.file} ${d.name}`]);
    const twice = [...byBody.values()].filter((places) => places.length > 1);
    expect(twice).toEqual([]);
  });
});
