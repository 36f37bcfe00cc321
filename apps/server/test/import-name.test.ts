/**
 * `mediate import --name` (issue 18 F5): the project folder's name follows the engine's one
 * portable-file-name rule (`artifactNameProblem`), so Windows device names and names Windows
 * would change are refused before anything is read or written (exit 2).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from '../src/commands/import.js';
import { Cleanup, serverDir, tempDir } from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

const DEFINITIONS = path.join(serverDir, 'test/fixtures/import/definitions/synapse.xml');

/**
 * Runs the command in-process; what it printed, by stream. `--into` a temporary folder, so that
 * a name wrongly accepted writes nothing into the working directory.
 */
async function importNamed(name: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runImport(
    DEFINITIONS,
    { name, into: path.join(tempDir('mediate-test-', cleanup), 'project') },
    { out: (l) => out.push(l), err: (l) => err.push(l) },
  );
  return { code, out, err };
}

describe('mediate import --name', () => {
  it.each(['CON', 'nul', 'com1', 'aux.txt', 'Lpt9.backup'])(
    'refuses the Windows device name %s as a project folder name',
    async (name) => {
      const r = await importNamed(name);
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err).toEqual([expect.stringMatching(/^mediate import: --name: .*device name on Windows/)]);
    },
  );

  it.each([
    ['orders.', /may not end with '\.'/],
    ['a..b', /'\.\.' is not allowed/],
    ['.hidden', /not a safe file name/],
    ['my orders', /not a safe file name/],
    ['', /A name is required/],
  ])('refuses %j with the rule artifact names use', async (name, reason) => {
    const r = await importNamed(name);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([expect.stringMatching(reason)]);
  });
});
