/** Where a moved mediator lands. */
import { describe, expect, it } from 'vitest';
import { landingPath } from '../src/state/commands.js';

describe('landingPath', () => {
  it('accounts for the removal before the insert', () => {
    expect(landingPath(['sequence', 0], ['sequence'], 3)).toEqual(['sequence', 2]);
    expect(landingPath(['sequence', 3], ['sequence'], 0)).toEqual(['sequence', 0]);
    expect(landingPath(['sequence', 0, 'body', 2], ['sequence'], 1)).toEqual(['sequence', 1]);
    expect(landingPath(['sequence', 0], ['sequence', 2, 'body'], 0)).toEqual(['sequence', 1, 'body', 0]);
  });
});
