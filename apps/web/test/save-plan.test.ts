/** What a save sends for a renamed artifact. */
import { renameArtifact } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import { pendingChanges } from '../src/state/selectors.js';
import { DISPATCH, DISPATCH_FILE, seedProject } from './fixtures.js';

describe('saving a rename', () => {
  it('a rename is saved as a write under the new name and a delete of the old file', () => {
    const p = renameArtifact(seedProject(), DISPATCH_FILE, 'dispatch2');
    const c = pendingChanges(p, { [DISPATCH_FILE]: { xml: DISPATCH, rev: 'r1' } });
    const put = c.puts.find((x) => x.from === DISPATCH_FILE)!;
    expect(put.to).toBe('artifacts/sequences/dispatch2.xml');
    expect(c.deletes).toEqual([DISPATCH_FILE]);
  });
});
