/**
 * Zips a fixture folder at test time (so no binary `.car` is committed). The zip writer is
 * passed in (`new yazl.ZipFile()`): the suites that zip depend on it, the engine does not.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/** The part of a zip writer this needs (yazl's `ZipFile` has it). */
export interface ZipWriter {
  addBuffer(data: Buffer, name: string): void;
  end(): void;
  readonly outputStream: AsyncIterable<unknown>;
}

/** The files under `dir`, relative to it with `/`, in name order (depth first). */
export async function filesUnder(dir: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(dir, child)));
    else out.push(child);
  }
  return out;
}

/** The zip archive, written with `zip`, of everything under `dir` (entries relative to `dir`). */
export async function zipFolder(dir: string, zip: ZipWriter): Promise<Buffer> {
  for (const rel of await filesUnder(dir)) zip.addBuffer(await readFile(path.join(dir, rel)), rel);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
