/**
 * Drop targets beyond the dashed slots: a palette item dropped ON a mediator goes right after it,
 * one dropped on the empty canvas goes to the end of the sequence, and a mediator dragged onto
 * another one moves after it. Native drag and drop, as a mouse user does.
 *
 * A copy of the seed on free ports, `--no-deploy --no-backend`.
 */
import { expect, test } from '../helpers/fixtures.js';
import { openSeedStudio, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import { dragFromPalette, dragNode, node, openArtifact, summary } from '../helpers/studio.js';

let seedStudio: SeedStudio | undefined;

test.beforeAll(async () => {
  seedStudio = await startSeedStudio('drop');
});

test.afterAll(async () => {
  await seedStudio?.stop();
});

test('drop on a mediator inserts after it; on the empty canvas appends; a node dropped on a node moves after it', async ({
  page,
  guard,
}) => {
  await openSeedStudio(page, guard, seedStudio);
  await openArtifact(page, 'outDispatchSeq');
  await expect(node(page, 'sequence/0')).toHaveAttribute('data-kind', 'log');
  await expect(node(page, 'sequence/1')).toHaveAttribute('data-kind', 'respond');

  await test.step('a palette item dropped on the log goes right after it', async () => {
    await dragFromPalette(page, 'property', node(page, 'sequence/0'));
    await expect(node(page, 'sequence/1')).toHaveAttribute('data-kind', 'property');
    await expect(node(page, 'sequence/2')).toHaveAttribute('data-kind', 'respond');
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', 'sequence/1');
  });

  await test.step('a palette item dropped on the empty canvas goes to the end', async () => {
    const canvas = page.getByTestId('canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the canvas has no box');
    // The chain is drawn in the middle; the right edge of the canvas is empty.
    await page
      .getByTestId('palette-log')
      .dragTo(canvas, { targetPosition: { x: box.width - 30, y: box.height / 2 } });
    await expect(node(page, 'sequence/3')).toHaveAttribute('data-kind', 'log');
    await expect(node(page, 'sequence/2')).toHaveAttribute('data-kind', 'respond');
  });

  await test.step('the first log dragged onto the respond moves after it', async () => {
    await page.getByTestId('field-level').selectOption('custom');
    await expect(summary(page, 'sequence/0')).toHaveText('log full');
    await dragNode(page, 'sequence/0', node(page, 'sequence/2'));
    await expect(node(page, 'sequence/0')).toHaveAttribute('data-kind', 'property');
    await expect(node(page, 'sequence/1')).toHaveAttribute('data-kind', 'respond');
    await expect(summary(page, 'sequence/2')).toHaveText('log full');
    await expect(summary(page, 'sequence/3')).toHaveText('log custom');
  });
});
