/** Locates the team's shared folder, which sits beside the repository checkout. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `<repo>/../shared`, or the MEDIATE_SHARED_DIR override. */
export function sharedDir(): string {
  const dir = process.env.MEDIATE_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
  if (!existsSync(dir)) throw new Error(`The shared folder is missing at ${dir}; set MEDIATE_SHARED_DIR.`);
  return dir;
}
