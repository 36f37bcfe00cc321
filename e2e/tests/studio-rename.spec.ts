/**
 * Renaming a sequence in the studio (issue 11, acceptance 4): one server call renames its file and
 * rewrites the proxy and the inbound endpoint that use it (and deployment.toml), all on disk at
 * once; the studio shows the changed artifacts as saved. A rename the server refuses (the file
 * changed behind the studio's back) says why and changes nothing.
 *
 * A copy of the seed on free ports, `--no-deploy --no-backend`: nothing here runs messages.
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../helpers/fixtures.js';
import { openSeedStudio, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import { modelText, openArtifact } from '../helpers/studio.js';

let seed: SeedStudio | undefined;

test.beforeAll(async () => {
  seed = await startSeedStudio('rename');
});

test.afterAll(async () => {
  await seed?.stop();
});

const file = (rel: string) => path.join((seed as SeedStudio).project, rel);
const read = (rel: string) => (existsSync(file(rel)) ? readFileSync(file(rel), 'utf8') : undefined);

const PROXY = 'artifacts/proxy-services/websocketProxy1.xml';
const INBOUND = 'artifacts/inbound-endpoints/WebSocketInbound.xml';

/** Renames an artifact from its explorer row (✎, type the name, Enter). */
async function rename(page: Page, from: string, to: string): Promise<void> {
  await page.getByTestId(`explorer-item-${from}`).hover();
  await page.getByTestId(`explorer-rename-${from}`).click();
  const input = page.getByTestId(`explorer-rename-input-${from}`);
  await input.fill(to);
  await input.press('Enter');
}

test('renaming a sequence updates the proxy and the inbound endpoint that use it, on disk at once', async ({
  page,
  guard,
}) => {
  await openSeedStudio(page, guard, seed);
  const before = {
    seq: read('artifacts/sequences/outDispatchSeq.xml') as string,
    proxy: read(PROXY) as string,
    inbound: read(INBOUND) as string,
    toml: read('deployment.toml') as string,
  };
  await openArtifact(page, 'outDispatchSeq');

  await rename(page, 'outDispatchSeq', 'replySeq');

  await test.step('the files on disk: renamed, and every reference rewritten with nothing else changed', async () => {
    await expect.poll(() => read('artifacts/sequences/outDispatchSeq.xml')).toBeUndefined();
    expect(read('artifacts/sequences/replySeq.xml')).toBe(
      before.seq.replace('name="outDispatchSeq"', 'name="replySeq"'),
    );
    expect(read(PROXY)).toBe(
      before.proxy.replace('faultSequence="outDispatchSeq"', 'faultSequence="replySeq"'),
    );
    expect(read(INBOUND)).toBe(before.inbound.replace('>outDispatchSeq<', '>replySeq<'));
    expect(read('deployment.toml')).toBe(before.toml.replace('= "outDispatchSeq"', '= "replySeq"'));
  });

  await test.step('the studio: the renamed sequence stays open, the changed artifacts are saved copies', async () => {
    await expect(page.getByTestId('editor-title')).toHaveText('replySeq');
    await expect(page.getByTestId('explorer-item-replySeq')).toBeVisible();
    await expect(page.getByTestId('explorer-item-outDispatchSeq')).toHaveCount(0);
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    expect(await modelText(page, 'websocketProxy1')).toBe(read(PROXY));
    expect(await modelText(page, 'WebSocketInbound')).toBe(read(INBOUND));
    await openArtifact(page, 'websocketProxy1');
    await expect(page.getByTestId('artifact-field-target.faultSequence')).toHaveValue('replySeq');
    await expect(
      page.getByTestId('toast-success').filter({ hasText: 'Renamed outDispatchSeq to replySeq' }),
    ).toContainText('updated 3 references');
  });
});

test('a rename the server refuses says why and leaves the project as it was', async ({ page, guard }) => {
  guard.expectHttpStatus(409, '/api/artifacts/sequences/dispatchSeq/rename');
  await openSeedStudio(page, guard, seed);
  // Someone edits the sequence on disk behind the studio's back: its revision is stale.
  const seqFile = 'artifacts/sequences/dispatchSeq.xml';
  writeFileSync(file(seqFile), (read(seqFile) as string).replace('<in>', '<in><!-- edited -->'));
  const before = { seq: read(seqFile), proxy: read(PROXY) };

  await rename(page, 'dispatchSeq', 'sendSeq');

  await expect(
    page.getByTestId('toast-error').filter({ hasText: 'Could not rename dispatchSeq' }),
  ).toContainText("'dispatchSeq' was changed since revision");
  await expect(page.getByTestId('explorer-item-dispatchSeq')).toBeVisible();
  await expect(page.getByTestId('explorer-item-sendSeq')).toHaveCount(0);
  expect({
    seq: read(seqFile),
    proxy: read(PROXY),
    renamed: read('artifacts/sequences/sendSeq.xml'),
  }).toEqual({
    ...before,
    renamed: undefined,
  });
});
