/** Every mediator kind the palette offers has a glyph of its own, not the raw-XML fallback. */
import { CATALOG } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import { ICON_PATHS } from '../src/canvas/icons.js';

describe('mediator icons', () => {
  it('has a glyph for the icon of every catalog kind', () => {
    const missing = Object.values(CATALOG)
      .filter((d) => ICON_PATHS[d.icon] === undefined)
      .map((d) => `${d.kind} (icon '${d.icon}')`);
    expect(missing).toEqual([]);
  });
});
