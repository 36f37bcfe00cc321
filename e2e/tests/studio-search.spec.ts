/**
 * Finding things: the explorer's filter narrows the artifact list by name; Ctrl+F searches the
 * whole project (artifact names, mediators by kind and summary, the XML text) and a hit opens its
 * artifact with its mediator selected; inside the Source editor Ctrl+F stays Monaco's own find.
 *
 * A copy of the seed on free ports, `--no-deploy --no-backend`.
 */
import { expect, test } from '../helpers/fixtures.js';
import { openSeedStudio, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import { openArtifact, sourceEditor } from '../helpers/studio.js';

let seedStudio: SeedStudio | undefined;

test.beforeAll(async () => {
  seedStudio = await startSeedStudio('search');
});

test.afterAll(async () => {
  await seedStudio?.stop();
});

const ALL = ['dispatchSeq', 'inboundDispatchSeq', 'outDispatchSeq', 'websocketProxy1', 'WebSocketInbound'];

test('the explorer filter narrows the list by name', async ({ page, guard }) => {
  await openSeedStudio(page, guard, seedStudio);
  const item = (n: string) => page.getByTestId(`explorer-item-${n}`);
  for (const n of ALL) await expect(item(n)).toBeVisible();

  const filter = page.getByTestId('explorer-filter');
  await filter.fill('dispatch');
  for (const n of ['dispatchSeq', 'inboundDispatchSeq', 'outDispatchSeq'])
    await expect(item(n)).toBeVisible();
  await expect(item('websocketProxy1')).toHaveCount(0);
  await expect(item('WebSocketInbound')).toHaveCount(0);

  // Case does not matter.
  await filter.fill('WEBSOCKET');
  await expect(item('websocketProxy1')).toBeVisible();
  await expect(item('WebSocketInbound')).toBeVisible();
  await expect(item('dispatchSeq')).toHaveCount(0);

  await filter.fill('nothing-like-this');
  await expect(page.getByTestId('explorer-filter-empty')).toContainText('nothing-like-this');

  await filter.fill('');
  for (const n of ALL) await expect(item(n)).toBeVisible();
});

test('Ctrl+F finds names, mediators and XML text across the project; a hit opens and selects', async ({
  page,
  guard,
}) => {
  await openSeedStudio(page, guard, seedStudio);
  const input = page.getByTestId('search-input');
  const hits = page.getByTestId('search-hit');

  await test.step('a mediator by kind: respond in outDispatchSeq', async () => {
    await page.keyboard.press('Control+f');
    await expect(input).toBeFocused();
    await input.fill('respond');
    const hit = hits.and(page.locator('[data-kind="mediator"][data-artifact="outDispatchSeq"]'));
    await expect(hit).toHaveAttribute('data-path', 'sequence/1');
    await hit.click();
    await expect(page.getByTestId('search-panel')).toHaveCount(0);
    await expect(page.getByTestId('editor-title')).toHaveText('outDispatchSeq');
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', 'sequence/1');
  });

  await test.step('a mediator by its summary, opened with the keyboard', async () => {
    await page.keyboard.press('Control+f');
    await input.fill('websocket.accept');
    const hit = hits.and(page.locator('[data-kind="mediator"]'));
    await expect(hit).toHaveCount(1);
    await expect(hit).toHaveAttribute('data-artifact', 'dispatchSeq');
    await input.press('Enter');
    await expect(page.getByTestId('editor-title')).toHaveText('dispatchSeq');
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', 'sequence/0/body/2');
  });

  await test.step('XML text: type="STRING" is only in the source of one property', async () => {
    await page.keyboard.press('Control+f');
    await input.fill('type="STRING"');
    const hit = hits.and(page.locator('[data-kind="xml"]'));
    await expect(hit).toHaveCount(1);
    await expect(hit).toHaveAttribute('data-artifact', 'dispatchSeq');
    await expect(hit).toContainText('FORCE_SC_ACCEPTED');
    await hit.click();
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', 'sequence/0/body/1');
  });

  await test.step('an artifact by name', async () => {
    await page.keyboard.press('Control+f');
    await input.fill('WebSocketIn');
    const hit = hits.and(page.locator('[data-kind="artifact"]'));
    await expect(hit).toHaveCount(1);
    await hit.click();
    await expect(page.getByTestId('editor-title')).toHaveText('WebSocketInbound');
  });

  await test.step('Escape closes the search', async () => {
    await page.keyboard.press('Control+f');
    await expect(input).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('search-panel')).toHaveCount(0);
  });

  await test.step('in the Source editor, Ctrl+F is Monaco’s find', async () => {
    await openArtifact(page, 'dispatchSeq');
    await page.getByTestId('view-source').click();
    await sourceEditor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+f');
    await expect(sourceEditor(page).locator('.find-widget.visible')).toBeVisible();
    await expect(page.getByTestId('search-panel')).toHaveCount(0);
  });
});
