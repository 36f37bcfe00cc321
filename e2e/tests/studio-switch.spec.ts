/**
 * A switch built on the canvas by mouse: dropped from the palette (group Route), a second case
 * added in the inspector before the default, a case's regex edited, mediators dragged into a
 * case, from one case to the default, and a case removed, with the XML checked after each step.
 *
 * A copy of the seed on free ports, `--no-deploy --no-backend`.
 */
import { expect, test } from '../helpers/fixtures.js';
import { openSeedStudio, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import { dragFromPalette, dragNode, modelText, node, openArtifact, slot } from '../helpers/studio.js';

let seedStudio: SeedStudio | undefined;

test.beforeAll(async () => {
  seedStudio = await startSeedStudio('switch');
});

test.afterAll(async () => {
  await seedStudio?.stop();
});

test('switch cases are containers: add, edit and remove cases, drag mediators in, between and out', async ({
  page,
  guard,
}) => {
  await openSeedStudio(page, guard, seedStudio);
  await openArtifact(page, 'outDispatchSeq');
  const labels = page.locator('.branch-label');
  const xml = () => modelText(page, 'outDispatchSeq');

  await test.step('a switch from the palette has one case and a default', async () => {
    await dragFromPalette(page, 'switch', slot(page, 'sequence', 0));
    await expect(node(page, 'sequence/0')).toHaveAttribute('data-kind', 'switch');
    await expect(labels).toHaveText(['Case 1: .*', 'Default']);
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', 'sequence/0');
  });

  await test.step('the inspector adds a case before the default and edits its regex', async () => {
    await page.getByTestId('branch-add-case').click();
    await expect(labels).toHaveText(['Case 1: .*', 'Case 2: .*', 'Default']);
    await page.getByTestId('branch-case:0-regex').fill('a.*');
    await expect(labels).toHaveText(['Case 1: a.*', 'Case 2: .*', 'Default']);
    await expect.poll(xml).toMatch(/<case regex="a\.\*">\s*<\/case>\s*<case regex="\.\*"\/>\s*<default\/>/);
  });

  await test.step('an invalid regex is reported at the case', async () => {
    await page.getByTestId('branch-case:1-regex').fill('b(');
    await expect(page.getByTestId('branch-case:1-regex-error')).toContainText(
      'not a valid regular expression',
    );
    await page.getByTestId('branch-case:1-regex').fill('b');
    await expect(page.getByTestId('branch-case:1-regex-error')).toHaveCount(0);
  });

  await test.step('mediators dropped into a case, then dragged to the default and out', async () => {
    await dragFromPalette(page, 'drop', slot(page, 'sequence/0/case:1', 0));
    await expect(node(page, 'sequence/0/case:1/0')).toHaveAttribute('data-kind', 'drop');
    await dragFromPalette(page, 'log', slot(page, 'sequence/0/case:0', 0));
    await expect(node(page, 'sequence/0/case:0/0')).toHaveAttribute('data-kind', 'log');
    await dragNode(page, 'sequence/0/case:1/0', slot(page, 'sequence/0/default', 0));
    await expect(node(page, 'sequence/0/default/0')).toHaveAttribute('data-kind', 'drop');
    await expect(node(page, 'sequence/0/case:1/0')).toHaveCount(0);
    await dragNode(page, 'sequence/0/case:0/0', slot(page, 'sequence', 1));
    await expect(node(page, 'sequence/1')).toHaveAttribute('data-kind', 'log');
    await expect.poll(xml).toMatch(/<default>\s*<drop\/>\s*<\/default>\s*<\/switch>\s*<log level="full"\/>/);
  });

  await test.step('removing a case renumbers the rest', async () => {
    await node(page, 'sequence/0').locator('.mediator-header').first().click();
    await page.getByTestId('branch-case:0-remove').click();
    await expect(labels).toHaveText(['Case 1: b', 'Default']);
    await expect.poll(xml).not.toContain('a.*');
  });
});
