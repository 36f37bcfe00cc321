/**
 * Issue 5, acceptance 4: Deploy from the studio, Try-it WebSocket `hello` through the example's
 * inbound endpoint → the reply in the timeline; its log line appears in Logs without a reload;
 * clicking the line selects the mediator that wrote it.
 *
 * Runs on a copy of examples/websocket-seed whose ports are rewritten to free ones (the inbound
 * endpoint's `inbound.ws.port`, the HTTP listener through `[server] offset = 0` and
 * `[transport.http] listener.port`, and dispatchSeq's back-end address), with the CLI's own
 * sample back end (`--backend --backend-port`), so it never collides with a running Mediate.
 * `--no-deploy`: the deploy is the studio's.
 */
import { expect, test } from '../helpers/fixtures.js';
import { removeTemp, startMediate, type Mediate } from '../helpers/mediate.js';
import { freePort } from '../helpers/ports.js';
import { seedCopy, type SeedPorts } from '../helpers/seed-project.js';
import {
  deployFromStudio,
  dismissToasts,
  logRowFrom,
  node,
  openArtifact,
  openStudio,
  tryWebSocket,
} from '../helpers/studio.js';

// Example 1 relays the frame unchanged; the sample back end echoes it.
const REPLY = 'hello';

let mediate: Mediate | undefined;
let work: string | undefined;
let ports: SeedPorts;

test.beforeAll(async () => {
  const copy = await seedCopy('deploy');
  work = copy.work;
  ports = copy.ports;
  mediate = await startMediate([
    '--project',
    copy.project,
    '--port',
    String(await freePort()),
    '--backend',
    '--backend-port',
    String(ports.backend),
    '--no-deploy',
  ]);
  await mediate.waitForOutput(/Sample WebSocket back end .* at ws:\/\/127\.0\.0\.1:\d+\/websocket/);
});

test.afterAll(async () => {
  await mediate?.stop();
  removeTemp(work);
});

test('Deploy, Try-it WebSocket hello → reply; the log line arrives live and selects its mediator', async ({
  page,
  guard,
}) => {
  const studio = mediate as Mediate;
  guard.allowOrigin(studio.url);
  let loads = 0;
  page.on('load', () => loads++);
  await openStudio(page, studio.url);
  await expect(page.getByTestId('runtime-status')).toHaveAttribute('data-state', 'idle');

  await test.step('Deploy from the studio', async () => {
    await openArtifact(page, 'dispatchSeq');
    await deployFromStudio(page);
    const status = page.getByTestId('runtime-status');
    await expect(status).toContainText(`ws:${ports.inbound}`);
    await expect(status).toContainText(`http:${ports.http}`);
    await dismissToasts(page);
  });

  const wsUrl = `ws://127.0.0.1:${ports.inbound}/`;
  await test.step('Try-it: WebSocket hello → the reply in the timeline', async () => {
    guard.allowWebSocket(wsUrl);
    expect(await tryWebSocket(page, wsUrl, 'hello')).toBe(REPLY);
  });

  const row = logRowFrom(page, 'outDispatchSeq:sequence/0', `Payload: ${REPLY}`).last();
  await test.step('Logs: the line appears without a reload', async () => {
    await page.getByTestId('dock-tab-logs').click();
    await expect(row).toBeVisible();
    await expect(row).toContainText('{LogMediator}');
    expect(loads, 'page loads').toBe(1);
  });

  await test.step('clicking the line selects its mediator on the canvas', async () => {
    await expect(page.getByTestId('editor-title')).toHaveText('dispatchSeq');
    await row.locator('.log-line').click();
    await expect(page.getByTestId('editor-title')).toHaveText('outDispatchSeq');
    await expect(node(page, 'sequence/0')).toHaveClass(/selected/);
    await expect(node(page, 'sequence/0')).toHaveAttribute('data-kind', 'log');
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', 'sequence/0');
    await expect(node(page, 'sequence/1')).not.toHaveClass(/selected/);
  });
});
