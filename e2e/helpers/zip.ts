/**
 * Zips a fixture folder at test time with yazl (so no binary .car is committed).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';

function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  const entries = readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  );
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, child));
    else out.push(child);
  }
  return out;
}

/** The zip archive of everything under `dir`, entries relative to it. */
export async function zipFolder(dir: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const rel of filesUnder(dir)) zip.addBuffer(readFileSync(path.join(dir, rel)), rel);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
