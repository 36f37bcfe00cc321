/**
 * Issue 14, "a restart must run what is on disk": with the studio open, another editor changes a
 * project file; the studio shows "Changed on disk", and its Reload brings in the new text.
 *
 * A copy of the seed on free ports, `--no-deploy --no-backend`: nothing here runs messages.
 */
import { expect, test } from '../helpers/fixtures.js';
import { openSeedStudio, rewrite, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import { modelText, openArtifact } from '../helpers/studio.js';

let seed: SeedStudio | undefined;

test.beforeAll(async () => {
  seed = await startSeedStudio('disk');
});

test.afterAll(async () => {
  await seed?.stop();
});

test('an outside edit shows "Changed on disk"; Reload shows the new text', async ({ page, guard }) => {
  await openSeedStudio(page, guard, seed);
  await openArtifact(page, 'outDispatchSeq');
  expect(await modelText(page, 'outDispatchSeq')).toContain('<log level="full"/>');
  await expect(page.getByTestId('disk-changed')).toHaveCount(0);

  rewrite(seed!.project, 'artifacts/sequences/outDispatchSeq.xml', (t) =>
    t.replace('<log level="full"/>', '<log level="simple"/>'),
  );
  await expect(page.getByTestId('disk-changed')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('disk-changed')).toContainText('artifacts/sequences/outDispatchSeq.xml');
  await page.getByTestId('disk-reload').click();
  await expect.poll(() => modelText(page, 'outDispatchSeq')).toContain('<log level="simple"/>');
  await expect(page.getByTestId('disk-changed')).toHaveCount(0);
});
