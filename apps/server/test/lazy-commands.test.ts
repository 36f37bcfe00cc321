/**
 * Start-up cost: `mediate` loads a command's modules only when that command runs, so `validate`
 * and `--help` load neither express, ws, zod nor the runtime (loading modules is most of a
 * start's CPU). Checked by recording every ES module the process loads.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cleanup, EXAMPLE, serverDir, tempDir } from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

/** Runs the CLI from source with a loader hook appending each loaded module's URL to a file. */
async function loadedModules(args: string[]): Promise<{ code: number | null; urls: string[] }> {
  const log = path.join(tempDir('mediate-test-', cleanup), 'modules.txt');
  const hook = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (!url.startsWith('node:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}`;
  const register = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const proc = spawn(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(register)}`,
      '--import',
      'tsx',
      '--conditions=@mediate/source',
      'src/cli.ts',
      ...args,
    ],
    { cwd: serverDir, stdio: 'ignore' },
  );
  const code = await new Promise<number | null>((resolve) => proc.on('close', (c) => resolve(c)));
  const urls = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { code, urls };
}

const HEAVY = [
  /\/node_modules\/(\.pnpm\/)?express[@/]/,
  /\/node_modules\/(\.pnpm\/)?ws[@/]/,
  /\/node_modules\/(\.pnpm\/)?zod[@/]/,
  /\/packages\/engine\/(src|dist)\/runtime\//,
  /\/packages\/engine\/(src|dist)\/testing\//,
  /\/apps\/server\/src\/(server|commands\/start|commands\/deploy)/,
];

describe('mediate loads only what the command needs', () => {
  it('validate loads the model, not the server, the runtime or their libraries', async () => {
    const { code, urls } = await loadedModules(['validate', EXAMPLE]);
    expect(code).toBe(0);
    // The hook works: the command's own module and the engine's model were recorded.
    expect(urls).toContainEqual(expect.stringMatching(/\/src\/commands\/validate\.ts$/));
    expect(urls).toContainEqual(expect.stringMatching(/\/packages\/engine\/src\/model\//));
    expect(urls.filter((u) => HEAVY.some((re) => re.test(u)))).toEqual([]);
  });

  it('import loads the model and the zip reader, not the server or the runtime', async () => {
    const into = path.join(tempDir('mediate-test-', cleanup), 'imported');
    const source = path.join(serverDir, 'test/fixtures/import/definitions/synapse.xml');
    const { code, urls } = await loadedModules(['import', source, '--into', into]);
    expect(code).toBe(0);
    expect(urls).toContainEqual(expect.stringMatching(/\/src\/commands\/import\.ts$/));
    expect(urls.filter((u) => HEAVY.some((re) => re.test(u)))).toEqual([]);
  });

  it('--help loads no command at all', async () => {
    const { code, urls } = await loadedModules(['--help']);
    expect(code).toBe(0);
    expect(urls).toContainEqual(expect.stringMatching(/\/src\/program\.ts$/));
    expect(
      urls.filter((u) => /\/src\/commands\/|\/packages\/engine\//.test(u) || HEAVY.some((re) => re.test(u))),
    ).toEqual([]);
  });
});
