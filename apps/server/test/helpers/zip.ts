/**
 * Zips a fixture folder at test time (so no binary .car is committed), with yazl.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import yazl from 'yazl';

/** The files under `dir`, relative with `/`, sorted. */
async function filesUnder(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(dir, child)));
    else out.push(child);
  }
  return out;
}

/** The zip archive of everything under `dir` (entries relative to `dir`). */
export async function zipFolder(dir: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const rel of await filesUnder(dir)) zip.addBuffer(await readFile(path.join(dir, rel)), rel);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
