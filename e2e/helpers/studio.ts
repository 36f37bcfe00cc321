/**
 * Small steps of the studio journeys, written against the data-testids of apps/web/README.md.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import { REPO_ROOT } from './mediate.js';

/**
 * Where the journeys write their screenshots: `test-results/screenshots` (ignored by git), so a
 * test run leaves the checkout as it found it. `pnpm screenshots` sets MEDIATE_SCREENSHOTS_DIR to
 * `docs/screenshots` to refresh the README's copies on purpose.
 */
export const SCREENSHOTS = path.resolve(
  REPO_ROOT,
  process.env.MEDIATE_SCREENSHOTS_DIR ?? 'test-results/screenshots',
);

/** Opens the studio and waits until it has loaded the project and the event stream is open. */
export async function openStudio(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // `runtime-status` leaves `connecting`/`offline` once the project is loaded from the server.
  await expect(page.getByTestId('runtime-status')).toHaveAttribute('data-state', /^(running|idle)$/);
  await expect(page.getByTestId('logs-socket')).toHaveClass(/dot-open/);
}

/** A canvas node by its mediator path (`sequence/0/body/1`). */
export function node(page: Page, path: string): Locator {
  return page.getByTestId(`node-${path}`);
}

/** The one-line summary shown on a canvas node. */
export function summary(page: Page, path: string): Locator {
  return node(page, path).locator('.mediator-summary').first();
}

/** A drop slot: `slot('sequence/0/body', 2)`. */
export function slot(page: Page, list: string, index: number): Locator {
  return page.getByTestId(`slot-${list}-${index}`);
}

/** Drags a palette item onto a drop slot (native HTML5 drag and drop, as a mouse user does). */
export async function dragFromPalette(page: Page, kind: string, target: Locator): Promise<void> {
  await page.getByTestId(`palette-${kind}`).dragTo(target);
}

/** Drags a canvas node (by its header, the draggable part) onto a drop slot. */
export async function dragNode(page: Page, path: string, target: Locator): Promise<void> {
  await node(page, path).locator('.mediator-header').first().dragTo(target);
}

/** Creates an artifact from the explorer's + button and the inline name input. */
export async function createArtifact(page: Page, type: string, name: string): Promise<void> {
  await page.getByTestId(`explorer-create-${type}`).click();
  const input = page.getByTestId('explorer-new-name');
  await input.fill(name);
  await input.press('Enter');
  await expect(page.getByTestId(`explorer-item-${name}`)).toBeVisible();
  await expect(page.getByTestId('editor-title')).toHaveText(name);
}

/** Opens an artifact from the explorer. */
export async function openArtifact(page: Page, name: string): Promise<void> {
  await page.getByTestId(`explorer-item-${name}`).click();
  await expect(page.getByTestId('editor-title')).toHaveText(name);
}

/** The Monaco editor of the Source view. */
export function sourceEditor(page: Page): Locator {
  return page.getByTestId('source-editor').locator('.monaco-editor');
}

/**
 * The text Monaco shows, read from its rendered lines in their on-screen order. Monaco draws
 * spaces as U+00A0; they are turned back into spaces. Only rendered lines are read, so the file
 * must fit in the editor (the artifacts here are a dozen lines).
 */
export async function sourceText(page: Page): Promise<string> {
  const lines = await sourceEditor(page)
    .locator('.view-lines .view-line')
    .evaluateAll((els) =>
      els
        .map((el) => ({ top: parseFloat((el as HTMLElement).style.top) || 0, text: el.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/** The model's text of an artifact (what the store holds), via the studio's test hook. */
export function modelText(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => {
    const m = (window as unknown as { __MEDIATE__: MediateHook }).__MEDIATE__;
    const a = m.studio.getState().project.artifacts.find((x) => x.name === n);
    if (!a) throw new Error(`no artifact ${n} in the studio`);
    return m.textOf(a);
  }, name);
}

interface MediateHook {
  studio: { getState(): { project: { artifacts: { name: string }[] } } };
  textOf(a: unknown): string;
}

/** Switches to the Source view and waits until Monaco shows the model's text. */
export async function showSource(page: Page, name: string): Promise<string> {
  await page.getByTestId('view-source').click();
  await expect(sourceEditor(page).locator('.view-lines')).toBeVisible();
  const expected = await modelText(page, name);
  await expect.poll(() => sourceText(page), { intervals: [50] }).toBe(expected.replace(/\r\n/g, '\n'));
  return sourceText(page);
}

/** Dismisses every toast (so screenshots show the canvas without them). */
export async function dismissToasts(page: Page): Promise<void> {
  const buttons = page.locator('.toast button[aria-label="Dismiss"]');
  // A toast may time out between the count and the click; that is as good as dismissed.
  while ((await buttons.count()) > 0)
    await buttons
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined);
}

/**
 * Clicks Deploy and waits for the success toast and the runtime status to say it runs. Toasts of
 * earlier actions are dismissed first, so two deploys in a row wait for the second one's toast.
 */
export async function deployFromStudio(page: Page): Promise<void> {
  await dismissToasts(page);
  await page.getByTestId('deploy').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Deployed' })).toBeVisible();
  await expect(page.getByTestId('toast-error')).toHaveCount(0);
  await expect(page.getByTestId('runtime-status')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
}

/**
 * Try-it, WebSocket: connects to the prefilled URL (checked against `expectedUrl`), sends `text`
 * and waits for the first frame in; returns that frame's text.
 */
export async function tryWebSocket(page: Page, expectedUrl: string, text: string): Promise<string> {
  await page.getByTestId('dock-tab-try').click();
  await page.getByTestId('tryit-mode-ws').click();
  await expect(page.getByTestId('tryit-ws-url')).toHaveValue(expectedUrl);
  await page.getByTestId('tryit-ws-connect').click();
  await expect(page.getByTestId('tryit-ws-state')).toHaveAttribute('data-state', 'open');
  await page.getByTestId('tryit-ws-message').fill(text);
  await page.getByTestId('tryit-ws-send').click();
  const timeline = page.getByTestId('tryit-ws-frame');
  await expect(timeline.and(page.locator('[data-dir=out]')).last()).toContainText(text);
  const reply = timeline.and(page.locator('[data-dir=in]')).first();
  await expect(reply).toBeVisible();
  return (await reply.locator('.frame-text').textContent()) ?? '';
}

/**
 * Try-it HTTP: POSTs `body` to `url` with the given headers (JSON by default: the panel's own
 * prefill, which is checked); returns the status and body it shows.
 */
export async function tryHttp(
  page: Page,
  url: string,
  body: string,
  headers?: string,
): Promise<{ status: string; body: string }> {
  await page.getByTestId('tryit-http-url').fill(url);
  await expect(page.getByTestId('tryit-http-method')).toHaveValue('POST');
  if (headers === undefined)
    await expect(page.getByTestId('tryit-http-headers')).toHaveValue('Content-Type: application/json');
  else await page.getByTestId('tryit-http-headers').fill(headers);
  await page.getByTestId('tryit-http-body').fill(body);
  // The response panel shows the last answer: wait for this one's, not the previous one's.
  const before = await page
    .getByTestId('tryit-http-body-out')
    .textContent()
    .catch(() => null);
  await page.getByTestId('tryit-http-send').click();
  await expect(page.getByTestId('tryit-http-send')).toHaveText('Send');
  if (before !== null) await expect(page.getByTestId('tryit-http-body-out')).not.toHaveText(before);
  await expect(page.getByTestId('tryit-http-status')).toBeVisible();
  return {
    status: (await page.getByTestId('tryit-http-status').textContent()) ?? '',
    body: (await page.getByTestId('tryit-http-body-out').textContent()) ?? '',
  };
}

/** Waits until the inspector shows the mediator at `path`. */
export async function inspecting(page: Page, path: string): Promise<void> {
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', path);
}

/** Replaces a field's text by keyboard: focus, select all, type. */
export async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(text);
  await expect(field).toHaveValue(text);
}

/** Log rows (only the rendered ones: the list is virtualized and follows the newest line). */
export function logRows(page: Page): Locator {
  return page.getByTestId('log-row');
}

/** A rendered log row whose line came from a mediator (`outDispatchSeq:sequence/0`). */
export function logRowFrom(page: Page, mediatorPath: string, text?: string): Locator {
  const rows = logRows(page).filter({ has: page.locator(`.log-line[title="${mediatorPath}"]`) });
  return text === undefined ? rows : rows.filter({ hasText: text });
}
