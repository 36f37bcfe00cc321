/**
 * A keyboard-only user: reaches the explorer's rows with Tab, moves with the arrow keys and opens
 * an artifact with Enter; tabs through the canvas stopping only on mediators (never on the
 * invisible drop slots, the Start/End marks or the edges), selects one with Enter; sees where the
 * focus is on a palette tile, and inserts it after the selection with Enter.
 *
 * A copy of the seed on free ports, `--no-deploy --no-backend`: nothing here runs messages.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../helpers/fixtures.js';
import { openSeedStudio, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import { node, openArtifact } from '../helpers/studio.js';

let seedStudio: SeedStudio | undefined;

test.beforeAll(async () => {
  seedStudio = await startSeedStudio('keyboard');
});

test.afterAll(async () => {
  await seedStudio?.stop();
});

/** What has the focus: a canvas element's React Flow id, else its test id or tag. */
function focused(page: Page): Promise<{ id: string; inCanvas: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const flow = el?.closest('.react-flow__node, .react-flow__edge') as HTMLElement | null;
    return {
      id: flow?.dataset.id ?? el?.dataset.testid ?? el?.tagName ?? '',
      inCanvas: !!el?.closest('[data-testid="canvas"]'),
    };
  });
}

test('explorer rows: Tab reaches them, arrow keys move, Enter opens', async ({ page, guard }) => {
  await openSeedStudio(page, guard, seedStudio);

  await page.getByTestId('explorer-create-sequence').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('explorer-item-dispatchSeq')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('explorer-item-inboundDispatchSeq')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('explorer-item-outDispatchSeq')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor-title')).toHaveText('outDispatchSeq');
  // The arrows go on into the next group, and back.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('explorer-item-websocketProxy1')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('explorer-item-outDispatchSeq')).toBeFocused();
  // The focused row is drawn with a ring.
  const ring = await page
    .getByTestId('explorer-item-outDispatchSeq')
    .evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(ring).not.toBe('none');
});

test('canvas: Tab stops on mediators only; Enter selects; a palette tile shows its focus and Enter inserts it', async ({
  page,
  guard,
}) => {
  await openSeedStudio(page, guard, seedStudio);
  await openArtifact(page, 'outDispatchSeq');
  await expect(node(page, 'sequence/1')).toHaveAttribute('data-kind', 'respond');

  await test.step('Tab through the canvas', async () => {
    await page.getByTestId('view-split').focus();
    const stops: string[] = [];
    let entered = false;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.inCanvas) {
        entered = true;
        stops.push(f.id);
      } else if (entered) break;
    }
    // React Flow's zoom buttons are visible and stay; everything else must be a mediator.
    const inFlow = stops.filter((id) => !/^(BUTTON|$)/.test(id));
    expect(inFlow).toEqual(['m:sequence/0', 'm:sequence/1']);
  });

  await test.step('Enter on a focused mediator selects it; the arrows move between mediators', async () => {
    const log = page.locator('.react-flow__node[data-id="m:sequence/0"]');
    await log.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', 'sequence/0');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('.react-flow__node[data-id="m:sequence/1"]')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(log).toBeFocused();
  });

  await test.step('a palette tile reached with Tab has a visible focus ring; Enter inserts it', async () => {
    const search = page.getByTestId('palette-search');
    await search.fill('property');
    await search.press('Tab');
    const tile = page.getByTestId('palette-property');
    await expect(tile).toBeFocused();
    const outline = await tile.evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    // After the selected log, before respond; the new property is selected.
    await expect(node(page, 'sequence/1')).toHaveAttribute('data-kind', 'property');
    await expect(node(page, 'sequence/2')).toHaveAttribute('data-kind', 'respond');
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', 'sequence/1');
  });
});
