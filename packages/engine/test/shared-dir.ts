/**
 * Locates the team's shared folder (the conformance corpus and the seed document), which sits
 * beside the repository checkout. A clone without it still passes every other test: the tests
 * that read it are reported skipped with {@link SHARED_SKIP_REASON}.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `<repo>/../shared`, or the MEDIATE_SHARED_DIR override. */
export const SHARED_DIR = process.env.MEDIATE_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');

/** True when the shared folder is there. */
export const HAS_SHARED = existsSync(SHARED_DIR);

/** Why the tests that read the shared folder are skipped, and how to run them. */
export const SHARED_SKIP_REASON =
  `skipped: the shared folder with the conformance corpus and the seed document is not at ${SHARED_DIR}; ` +
  'put it beside the checkout as ../shared or set MEDIATE_SHARED_DIR to its path';

if (!HAS_SHARED) console.warn(`[mediate tests] ${SHARED_SKIP_REASON}`);

/** The shared folder; only call it from tests guarded by {@link HAS_SHARED}. */
export function sharedDir(): string {
  if (!HAS_SHARED) throw new Error(SHARED_SKIP_REASON);
  return SHARED_DIR;
}
