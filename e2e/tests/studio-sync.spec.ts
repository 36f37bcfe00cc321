/**
 * The studio stays in step with the server: after a rollback, while the server is down, after a
 * server restart; the Logs filter matches what is on screen; an unparsed Source draft is never
 * dropped silently by a canvas edit.
 *
 * Every test runs its own `mediate start` on a copy of examples/websocket-seed on free ports
 * (helpers/seed-project.ts), without the sample back end (nothing here sends a message).
 */
import type { Page } from '@playwright/test';
import { expect, test, type PageGuard } from '../helpers/fixtures.js';
import { removeTemp, startMediate, type Mediate } from '../helpers/mediate.js';
import { freePort } from '../helpers/ports.js';
import { seedCopy } from '../helpers/seed-project.js';
import {
  deployFromStudio,
  dismissToasts,
  logRows,
  modelText,
  node,
  openArtifact,
  openStudio,
  sourceEditor,
  sourceText,
  summary,
} from '../helpers/studio.js';

const running: Mediate[] = [];
let work: string | undefined;

test.afterEach(async ({ page }) => {
  // The studio polls its server: close it first, or it reports the stopped server as errors.
  await page.close();
  while (running.length) await running.pop()?.stop();
  removeTemp(work);
  work = undefined;
});

/** A seed copy on free ports; `start` runs `mediate start` on it (again) on the same admin port. */
async function seedServer(args: readonly string[] = []) {
  const copy = await seedCopy('sync');
  work = copy.work;
  const { project } = copy;
  const port = await freePort();
  const start = async () => {
    const m = await startMediate(['--project', project, '--port', String(port), '--no-backend', ...args]);
    running.push(m);
    return m;
  };
  return { start };
}

/** Stops a server this spec started. */
async function stopServer(m: Mediate): Promise<void> {
  await m.stop();
  running.splice(running.indexOf(m), 1);
}

/**
 * While the server is down on purpose, Chromium reports each failed request to its API (refused,
 * or reset while it stops) and each failed event socket as a console error; only those are allowed.
 */
function allowServerDown(guard: PageGuard, m: Mediate): void {
  const origin = m.origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  guard.allowConsoleError(new RegExp(`^Failed to load resource: net::ERR_[A-Z_]+ \\(${origin}/api/`));
  guard.allowConsoleError(
    new RegExp(`^WebSocket connection to '${origin.replace('http', 'ws')}/api/events[^']*' failed`),
  );
}

/** The Logs tab's "N lines" count. */
async function logCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('logs-count').textContent()) ?? '';
  const m = /^([\d,]+) line/.exec(text);
  if (!m) throw new Error(`logs-count says "${text}"`);
  return Number((m[1] as string).replace(/,/g, ''));
}

test('a rollback reloads what it changed; the next edit, save and deploy succeed', async ({
  page,
  guard,
}) => {
  const studio = await (await seedServer(['--no-deploy'])).start();
  guard.allowOrigin(studio.url);
  await openStudio(page, studio.url);
  await openArtifact(page, 'outDispatchSeq');
  await page.getByTestId('view-split').click();
  const level = page.getByTestId('field-level');

  await test.step('deploy #1 (log full), then #2 (log simple)', async () => {
    await deployFromStudio(page);
    await node(page, 'sequence/0').click();
    await level.selectOption('simple');
    await expect(summary(page, 'sequence/0')).toHaveText('log simple');
    await dismissToasts(page);
    await deployFromStudio(page);
    await dismissToasts(page);
  });

  await test.step('roll back to #1: canvas, inspector and source show `log full`, all saved', async () => {
    await page.getByTestId('dock-tab-deployments').click();
    await expect(page.getByTestId('deployment-row')).toHaveCount(2);
    await page.locator('[data-testid^="rollback-"]').click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Rolled back' })).toBeVisible();
    await expect(summary(page, 'sequence/0')).toHaveText('log full');
    await expect(level).toHaveValue('full');
    await expect.poll(() => sourceText(page)).toContain('<log level="full"/>');
    expect(await modelText(page, 'outDispatchSeq')).toContain('<log level="full"/>');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await expect(page.getByTestId('save-state')).toHaveText('All saved');
    await dismissToasts(page);
  });

  await test.step('the next edit saves and deploys without a conflict', async () => {
    await level.selectOption('headers');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'unsaved');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await deployFromStudio(page);
    await expect(page.getByTestId('conflict')).toHaveCount(0);
  });
});

test('the Logs filter matches the line as shown: timestamp, level, category and text', async ({
  page,
  guard,
}) => {
  const studio = await (await seedServer()).start();
  guard.allowOrigin(studio.url);
  await openStudio(page, studio.url);
  await page.getByTestId('dock-tab-logs').click();
  const deployer = logRows(page).filter({ hasText: '{Deployer}' }).first();
  await expect(deployer).toBeVisible();
  const line = (await deployer.locator('.log-text').textContent()) ?? '';
  const stamp = /^\[(\d{4}-\d\d-\d\d \d\d:\d\d)/.exec(line)?.[1];
  expect(stamp, `a timestamp in "${line}"`).toBeDefined();
  const filter = page.getByTestId('logs-text');

  for (const text of ['Deployer', 'INFO', 'INFO {Deployer} -', stamp as string]) {
    await filter.fill(text);
    await expect.poll(() => logCount(page), `lines matching "${text}"`).toBeGreaterThan(0);
    const rows = logRows(page);
    for (const row of await rows.all())
      expect((await row.locator('.log-text').textContent())?.toLowerCase()).toContain(text.toLowerCase());
  }
  await filter.fill('no line says this');
  await expect.poll(() => logCount(page)).toBe(0);
});

test('with the server stopped: "Server offline — reconnecting", actions disabled, one toast at most, recovery', async ({
  page,
  guard,
}) => {
  const server = await seedServer(['--no-deploy']);
  let studio = await server.start();
  guard.allowOrigin(studio.url);
  await openStudio(page, studio.url);
  await openArtifact(page, 'outDispatchSeq');
  await deployFromStudio(page);
  await node(page, 'sequence/0').click();
  await page.getByTestId('field-level').selectOption('simple');
  await deployFromStudio(page);
  await dismissToasts(page);
  await page.getByTestId('field-level').selectOption('headers');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'unsaved');

  allowServerDown(guard, studio);
  await stopServer(studio);
  const status = page.getByTestId('runtime-status');

  await test.step('the status says so; what needs the server is disabled', async () => {
    await expect(status).toHaveAttribute('data-state', 'offline');
    await expect(status).toHaveText('Server offline — reconnecting');
    await expect(page.getByTestId('save')).toBeDisabled();
    await expect(page.getByTestId('deploy')).toBeDisabled();
    await page.getByTestId('dock-tab-deployments').click();
    await expect(page.locator('[data-testid^="rollback-"]')).toBeDisabled();
    await page.getByTestId('dock-tab-try').click();
    await page.getByTestId('tryit-mode-http').click();
    await expect(page.getByTestId('tryit-http-send')).toBeDisabled();
  });

  await test.step('Save and Deploy by keyboard: at most one toast', async () => {
    await node(page, 'sequence/0').click();
    await page.keyboard.press('Control+s');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'unsaved');
    await expect(page.locator('.toast')).toHaveCount(1);
    await expect(page.locator('.toast')).toContainText('Server offline');
    await expect(page.locator('.toast')).not.toContainText('Failed to fetch');
  });

  await test.step('the server comes back: the studio recovers by itself, the edit saves', async () => {
    studio = await server.start();
    await expect(status).toHaveAttribute('data-state', /^(running|idle)$/);
    await expect(page.getByTestId('logs-socket')).toHaveClass(/dot-open/);
    await expect(page.locator('.toast')).toHaveCount(0);
    await expect(page.getByTestId('field-level')).toHaveValue('headers');
    await expect(page.getByTestId('save')).toBeEnabled();
    await page.getByTestId('save').click();
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await deployFromStudio(page);
  });
});

test('after a server restart, the new server’s lines appear in Logs after a separator', async ({
  page,
  guard,
}) => {
  const server = await seedServer();
  const first = await server.start();
  guard.allowOrigin(first.url);
  await openStudio(page, first.url);
  await page.getByTestId('dock-tab-logs').click();
  await page.getByTestId('logs-text').fill('has been deployed');
  // The first server's start deployed the seed's artifacts: one line each.
  await expect.poll(() => logCount(page)).toBeGreaterThan(0);
  const before = await logCount(page);

  allowServerDown(guard, first);
  await stopServer(first);
  await expect(page.getByTestId('logs-socket')).not.toHaveClass(/dot-open/);
  const second = await server.start();
  expect(second.origin).toBe(first.origin);

  // The second server deploys the same artifacts at its start: its lines come in too.
  await expect(page.getByTestId('logs-socket')).toHaveClass(/dot-open/);
  await expect.poll(() => logCount(page)).toBe(2 * before);
  await page.getByTestId('logs-text').fill('');
  const separator = page.getByTestId('log-restart');
  await expect(separator).toHaveCount(1);
  await expect(separator).toContainText('Server restarted');
});

test('a canvas edit asks before it replaces an unparsed Source draft', async ({ page, guard }) => {
  const studio = await (await seedServer(['--no-deploy'])).start();
  guard.allowOrigin(studio.url);
  await openStudio(page, studio.url);
  await openArtifact(page, 'outDispatchSeq');
  await page.getByTestId('view-split').click();
  await expect.poll(() => sourceText(page)).toBe(await modelText(page, 'outDispatchSeq'));

  // `level="fu&ll"` on line 2 (`   <log level="full"/>`): an unescaped & does not parse.
  await sourceEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('&');
  await expect(page.getByTestId('source-error')).toBeVisible();
  const draft = await sourceText(page);
  expect(draft).toContain('level="fu&ll"');

  const level = page.getByTestId('field-level');
  const dialog = page.getByTestId('draft-confirm');
  await node(page, 'sequence/0').click();
  await expect(level).toHaveValue('full');

  await test.step('Keep draft: the edit is not applied, the draft stays', async () => {
    await level.selectOption('simple');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('outDispatchSeq');
    await page.getByTestId('draft-keep').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('source-error')).toBeVisible();
    await expect.poll(() => sourceText(page)).toBe(draft);
    await expect(level).toHaveValue('full');
    await expect(summary(page, 'sequence/0')).toHaveText('log full');
  });

  await test.step('Discard draft: the edit is applied and the source shows it', async () => {
    await level.selectOption('simple');
    await expect(dialog).toBeVisible();
    await page.getByTestId('draft-discard').click();
    await expect(dialog).toBeHidden();
    await expect(summary(page, 'sequence/0')).toHaveText('log simple');
    await expect(level).toHaveValue('simple');
    await expect(page.getByTestId('source-error')).toBeHidden();
    await expect.poll(() => sourceText(page)).toBe(await modelText(page, 'outDispatchSeq'));
    expect(await modelText(page, 'outDispatchSeq')).toContain('<log level="simple"/>');
  });
});
