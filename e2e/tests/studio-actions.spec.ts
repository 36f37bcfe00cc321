/**
 * The studio's actions from the canvas's context menu (issue 11, "Studio actions"): right-click
 * a mediator for cut, copy, paste, duplicate and delete — the same actions, labels and shortcuts
 * as the keyboard and the top bar — and the empty canvas for paste, undo and redo. What a menu
 * cannot do is disabled; Escape closes it; every change is one undo step.
 *
 * A copy of the seed on free ports, `--no-deploy --no-backend`: nothing here runs messages.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../helpers/fixtures.js';
import { openSeedStudio, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import { modelText, node, openArtifact } from '../helpers/studio.js';

let seed: SeedStudio | undefined;

test.beforeAll(async () => {
  seed = await startSeedStudio('actions');
});

test.afterAll(async () => {
  await seed?.stop();
});

const menu = (page: Page) => page.getByTestId('context-menu');
const item = (page: Page, id: string) => page.getByTestId(`menu-${id}`);

/** Right-clicks a mediator's header (the node of a container is its whole box). */
async function menuOn(page: Page, path: string): Promise<void> {
  await node(page, path).locator('.mediator-header').first().click({ button: 'right' });
  await expect(menu(page)).toBeVisible();
}

/** Right-clicks the empty canvas, below the flow. */
async function menuOnCanvas(page: Page): Promise<void> {
  const pane = page.getByTestId('canvas').locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await pane.click({ button: 'right', position: { x: box.width - 40, y: box.height - 40 } });
  await expect(menu(page)).toBeVisible();
}

const kinds = (page: Page) =>
  page
    .getByTestId('canvas')
    .locator('[data-testid^="node-sequence/"]')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}:${e.getAttribute('data-kind')}`));

test('the canvas menu: duplicate, copy and paste, delete, undo — disabled where they cannot apply', async ({
  page,
  guard,
}) => {
  await openSeedStudio(page, guard, seed);
  await openArtifact(page, 'outDispatchSeq');
  const original = await modelText(page, 'outDispatchSeq');
  expect(await kinds(page)).toEqual(['node-sequence/0:log', 'node-sequence/1:respond']);

  await test.step('on a mediator: it is selected; nothing to paste yet; shortcuts shown', async () => {
    await menuOn(page, 'sequence/0');
    await expect(node(page, 'sequence/0')).toHaveClass(/selected/);
    await expect(menu(page).getByRole('menuitem')).toHaveText([
      'CutCtrl/Cmd+X',
      'CopyCtrl/Cmd+C',
      'PasteCtrl/Cmd+V',
      'DuplicateCtrl/Cmd+D',
      'DeleteDelete',
    ]);
    await expect(item(page, 'paste')).toBeDisabled();
    await expect(item(page, 'cut')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu(page)).toHaveCount(0);
    // Escape closed the menu only: the mediator is still selected.
    await expect(node(page, 'sequence/0')).toHaveClass(/selected/);
  });

  await test.step('duplicate inserts a copy after it', async () => {
    await menuOn(page, 'sequence/0');
    await item(page, 'duplicate').click();
    await expect(menu(page)).toHaveCount(0);
    await expect
      .poll(() => kinds(page))
      .toEqual(['node-sequence/0:log', 'node-sequence/1:log', 'node-sequence/2:respond']);
  });

  await test.step('copy on one, paste on the empty canvas: at the end', async () => {
    await menuOn(page, 'sequence/2');
    await item(page, 'copy').click();
    await menuOnCanvas(page);
    await expect(menu(page).getByRole('menuitem')).toHaveText([
      'PasteCtrl/Cmd+V',
      'UndoCtrl/Cmd+Z',
      'RedoCtrl/Cmd+Shift+Z',
    ]);
    await expect(item(page, 'redo')).toBeDisabled();
    await item(page, 'paste').click();
    await expect
      .poll(() => kinds(page))
      .toEqual([
        'node-sequence/0:log',
        'node-sequence/1:log',
        'node-sequence/2:respond',
        'node-sequence/3:respond',
      ]);
  });

  await test.step('delete, then undo three times from the canvas menu: as it was', async () => {
    await menuOn(page, 'sequence/1');
    await item(page, 'delete').click();
    await expect
      .poll(() => kinds(page))
      .toEqual(['node-sequence/0:log', 'node-sequence/1:respond', 'node-sequence/2:respond']);
    for (let i = 0; i < 3; i++) {
      await menuOnCanvas(page);
      await item(page, 'undo').click();
    }
    await expect.poll(() => modelText(page, 'outDispatchSeq')).toBe(original);
    await expect(page.getByTestId('undo')).toBeDisabled();
    await expect(page.getByTestId('redo')).toHaveAttribute('title', 'Redo Insert Log (Ctrl/Cmd+Shift+Z)');
  });
});
