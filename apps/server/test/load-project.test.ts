import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeTemp, tempDir } from '@mediate/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectLoadError, loadProject } from '../src/project-store/load-project.js';

let tmp: string;

beforeAll(() => {
  tmp = tempDir('mediate-load-');
});

afterAll(() => removeTemp(tmp));

async function write(rel: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.join(tmp, rel)), { recursive: true });
  await writeFile(path.join(tmp, rel), data);
}

describe('loadProject', () => {
  it('reads deployment.toml and the artifact folders, with sorted /-relative paths', async () => {
    await write('p/deployment.toml', '[server]\noffset = 10\n');
    await write('p/artifacts/sequences/b.xml', '<sequence name="b"/>');
    await write('p/artifacts/sequences/a.xml', '<sequence name="a"/>');
    await write('p/artifacts/local-entries/k.xml', '<localEntry key="k"/>');
    await write('p/artifacts/sequences/notes.txt', 'ignored');
    await write('p/artifacts/other/x.xml', '<sequence name="x"/>');
    await write('p/.mediate/history.json', '{}');
    const p = await loadProject(path.join(tmp, 'p'));
    expect(p.hasConfig).toBe(true);
    expect(p.configText).toContain('offset');
    expect(p.files.map((f) => f.path)).toEqual([
      'artifacts/local-entries/k.xml',
      'artifacts/sequences/a.xml',
      'artifacts/sequences/b.xml',
    ]);
  });

  it('has no config text without deployment.toml', async () => {
    await write('q/artifacts/apis/.keep', '');
    const p = await loadProject(path.join(tmp, 'q'));
    expect(p).toMatchObject({ hasConfig: false, configText: '', files: [] });
  });

  it('decodes ISO-8859-1 files as declared, others as UTF-8', async () => {
    const latin =
      '<?xml version="1.0" encoding="ISO-8859-1"?><sequence name="l"><!-- caf\u00e9 --></sequence>';
    await write(
      'e/artifacts/sequences/l.xml',
      Uint8Array.from(latin, (c) => c.charCodeAt(0)),
    );
    await write('e/artifacts/sequences/u.xml', '<sequence name="u"><!-- caf\u00e9 --></sequence>');
    const p = await loadProject(path.join(tmp, 'e'));
    expect(p.files.map((f) => f.text.includes('caf\u00e9'))).toEqual([true, true]);
  });

  it('throws ProjectLoadError for a missing folder or a file', async () => {
    await expect(loadProject(path.join(tmp, 'missing'))).rejects.toThrow(ProjectLoadError);
    await write('f.txt', '');
    await expect(loadProject(path.join(tmp, 'f.txt'))).rejects.toThrow(/not a directory/);
  });
});
