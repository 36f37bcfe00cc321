/** Artifact revisions: a content hash the API uses for conflict detection. */
import { createHash } from 'node:crypto';

/** Content hash used as a revision. */
export function revisionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
