/**
 * Issue 5, acceptance 2 and 3, on a copy of the bundled example (started with `--no-deploy
 * --no-backend` on a free port: no runtime needed).
 *
 * 2. Source and canvas in sync: change a log level in Monaco → the canvas summary and the
 *    inspector follow; break the XML → a marker on the right line, and the canvas keeps the last
 *    good state; fix it → back in sync.
 * 3. Drag a mediator out of `in` to the top level; undo restores it; redo moves it again.
 */
import type { Page } from '@playwright/test';
import { parseArtifact, type MediatorNode } from '@mediate/engine';
import { expect, test } from '../helpers/fixtures.js';
import { openSeedStudio, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import {
  dragNode,
  modelText,
  node,
  openArtifact,
  slot,
  sourceEditor,
  sourceText,
  summary,
} from '../helpers/studio.js';

let seedStudio: SeedStudio | undefined;

test.beforeAll(async () => {
  seedStudio = await startSeedStudio('source');
});

test.afterAll(async () => {
  await seedStudio?.stop();
});

/** The top of the rendered Monaco line holding `text`, and the tops of the error squiggles. */
async function markerGeometry(page: Page, text: string) {
  const editor = sourceEditor(page);
  const line = await editor.locator('.view-line', { hasText: text }).boundingBox();
  const squiggles = await editor
    .locator('.squiggly-error')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  return { line: line?.y, squiggles };
}

test('Source edits drive the canvas and inspector; a parse error keeps the last good model', async ({
  page,
  guard,
}) => {
  await openSeedStudio(page, guard, seedStudio);
  await openArtifact(page, 'outDispatchSeq');
  await page.getByTestId('view-split').click();
  await node(page, 'sequence/0').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', 'sequence/0');
  await expect(page.getByTestId('field-level')).toHaveValue('full');
  await expect(summary(page, 'sequence/0')).toHaveText('log full');
  await expect.poll(() => sourceText(page)).toBe(await modelText(page, 'outDispatchSeq'));
  expect((await sourceText(page)).split('\n')[1]).toBe('   <log level="full"/>');

  // The cursor goes right after `full` on line 2 (`   <log level="full"/>`), by keyboard.
  const toLevelValue = async () => {
    await sourceEditor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  };

  await test.step('change the log level in the source: canvas and inspector follow', async () => {
    await toLevelValue();
    await page.keyboard.press('Control+Shift+ArrowLeft'); // selects `full`
    await page.keyboard.type('simple');
    await expect(summary(page, 'sequence/0')).toHaveText('log simple');
    await expect(page.getByTestId('field-level')).toHaveValue('simple');
    expect(await modelText(page, 'outDispatchSeq')).toContain('<log level="simple"/>');
  });

  await test.step('break the XML: a marker on line 2, the canvas keeps the last good state', async () => {
    // `level="sim&ple"`: an unescaped & in an attribute value, on line 2.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('&');
    const error = page.getByTestId('source-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText(/^Line 2, column \d+:/);
    await expect(page.locator('.editor-head')).toContainText('XML error');
    await expect(sourceEditor(page).locator('.squiggly-error').first()).toBeVisible();
    const geo = await markerGeometry(page, 'sim&ple');
    expect(geo.line, 'the line with the error is rendered').toBeDefined();
    expect(geo.squiggles.length).toBeGreaterThan(0);
    for (const top of geo.squiggles)
      expect(Math.abs(top - (geo.line as number)), 'marker on the line of the error').toBeLessThan(4);
    // The model, the canvas and the inspector still hold the last version that parsed.
    expect(await modelText(page, 'outDispatchSeq')).toContain('<log level="simple"/>');
    await expect(summary(page, 'sequence/0')).toHaveText('log simple');
    await expect(page.getByTestId('field-level')).toHaveValue('simple');
    await expect(node(page, 'sequence/1')).toHaveAttribute('data-kind', 'respond');
  });

  await test.step('fix it: the error goes and source and canvas are in sync again', async () => {
    await page.keyboard.press('Backspace');
    await expect(page.getByTestId('source-error')).toBeHidden();
    await expect(sourceEditor(page).locator('.squiggly-error')).toHaveCount(0);
    await expect(page.locator('.editor-head')).not.toContainText('XML error');
    await expect.poll(() => sourceText(page)).toBe(await modelText(page, 'outDispatchSeq'));
    // And edits flow again: `simple` → `headers`.
    await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await page.keyboard.type('headers');
    await expect(summary(page, 'sequence/0')).toHaveText('log headers');
    await expect(page.getByTestId('field-level')).toHaveValue('headers');
    await expect.poll(() => sourceText(page)).toBe(await modelText(page, 'outDispatchSeq'));
    expect(await modelText(page, 'outDispatchSeq')).toContain('<log level="headers"/>');
  });
});

/** The kinds of dispatchSeq's top level and of its `in`, read from the studio's model text. */
async function dispatchShape(page: Page) {
  const { artifact } = parseArtifact(await modelText(page, 'dispatchSeq'));
  if (!artifact || artifact.type === 'definitions') throw new Error('dispatchSeq does not parse');
  const top = artifact.lists[0]?.mediators ?? [];
  const kinds = (list: readonly MediatorNode[]) =>
    list.map((m) => (m.kind === 'property' ? `property ${String(m.values.name)}` : m.kind));
  return { top: kinds(top), inside: kinds(top[0]?.branches.body ?? []) };
}

test('drag a mediator out of `in` to the top level; undo restores it; redo moves it again', async ({
  page,
  guard,
}) => {
  await openSeedStudio(page, guard, seedStudio);
  await openArtifact(page, 'dispatchSeq');
  const original = {
    top: ['in'],
    inside: [
      'property OUT_ONLY',
      'property FORCE_SC_ACCEPTED',
      'property websocket.accept.contenType',
      'send',
    ],
  };
  const moved = { top: ['in', 'property OUT_ONLY'], inside: original.inside.slice(1) };
  const expectOriginal = async () => {
    await expect(summary(page, 'sequence/0/body/0')).toHaveText('OUT_ONLY = true');
    await expect(node(page, 'sequence/0/body/3')).toHaveAttribute('data-kind', 'send');
    await expect(node(page, 'sequence/1')).toHaveCount(0);
    expect(await dispatchShape(page)).toEqual(original);
  };
  const expectMoved = async () => {
    await expect(node(page, 'sequence/1')).toHaveAttribute('data-kind', 'property');
    await expect(summary(page, 'sequence/1')).toHaveText('OUT_ONLY = true');
    await expect(summary(page, 'sequence/0/body/0')).toHaveText('FORCE_SC_ACCEPTED = true (axis2)');
    await expect(node(page, 'sequence/0/body/3')).toHaveCount(0);
    expect(await dispatchShape(page)).toEqual(moved);
  };
  await expectOriginal();

  await test.step('drag OUT_ONLY from inside `in` to after `in`', async () => {
    await dragNode(page, 'sequence/0/body/0', slot(page, 'sequence', 1));
    await expectMoved();
    // The moved mediator is selected where it landed.
    await expect(node(page, 'sequence/1')).toHaveClass(/selected/);
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'unsaved');
  });

  await test.step('undo (Ctrl+Z) restores it', async () => {
    await page.keyboard.press('Control+z');
    await expectOriginal();
    await expect(page.getByTestId('redo')).toBeEnabled();
  });

  await test.step('redo (Ctrl+Shift+Z) moves it again', async () => {
    await page.keyboard.press('Control+Shift+z');
    await expectMoved();
    // The toolbar buttons do the same.
    await page.getByTestId('undo').click();
    await expectOriginal();
    await page.getByTestId('redo').click();
    await expectMoved();
  });
});
