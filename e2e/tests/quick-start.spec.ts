/**
 * Issue 6, acceptance 2: the README quick start, as a new user lives it. The real CLI is started
 * the way the README says (`pnpm start` = `node apps/server/dist/cli.js start`, no --project) with
 * a fresh MEDIATE_HOME, so it copies the bundled example, starts the sample back end on 8082,
 * deploys and serves the studio on 9164. Then: open dispatchSeq, Deploy, Try-it WebSocket
 * `hello` → `hello` relayed unchanged by inboundDispatchSeq and echoed by the back end; the
 * outDispatchSeq log line in Logs; a POST to the proxy from here (as curl would) → 202 and the
 * back end's reply (JSON, as dispatchSeq asks for it) logged in Logs.
 *
 * Screenshots of the main steps go to test-results/screenshots/; `pnpm screenshots` writes them to
 * docs/screenshots/ for the README.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { assertPortsFree, isPortFree } from '../helpers/ports.js';
import { expect, test } from '../helpers/fixtures.js';
import { removeTemp, startMediate, tempDir, type Mediate } from '../helpers/mediate.js';
import {
  deployFromStudio,
  dismissToasts,
  logRowFrom,
  node,
  openArtifact,
  openStudio,
  SCREENSHOTS,
  summary,
  tryWebSocket,
} from '../helpers/studio.js';

/** The ports a user's `mediate start` takes; all must be free before it starts. */
const PORTS = {
  'studio and API': 9164,
  'inbound endpoint WebSocketInbound': 9092,
  'HTTP listener of websocketProxy1': 8290,
  'sample back end': 8082,
};
const PROXY_URL = 'http://127.0.0.1:8290/services/websocketProxy1';
/** Example 1: the frame is relayed unchanged and the sample back end echoes it. */
const WS_REPLY = 'hello';
/** Example 2: dispatchSeq asks the back end for JSON, and the sample back end answers this. */
const PROXY_REPLY = '{"websocketResponse":"dummy"}';
/** Where the example's log mediator sits: outDispatchSeq's first mediator. */
const OUT_LOG = 'outDispatchSeq:sequence/0';

let mediate: Mediate | undefined;
let home: string | undefined;

test.afterAll(async () => {
  // Also after a failure: nothing may be left running.
  await mediate?.stop();
  removeTemp(home);
});

/** Every rendered Logs row from the outDispatchSeq log mediator carrying the back end's reply. */
async function replyLogSeqs(page: Page): Promise<number[]> {
  return logRowFrom(page, OUT_LOG, `Payload: ${PROXY_REPLY}`).evaluateAll((els) =>
    els.map((e) => Number((e as HTMLElement).dataset.seq)),
  );
}

test('README quick start: mediate start, dispatchSeq, Deploy, Try-it hello, proxy POST, Logs', async ({
  page,
  guard,
}) => {
  await test.step('mediate start (no --project) on the default ports', async () => {
    await assertPortsFree(PORTS);
    home = tempDir('mediate-e2e-home-');
    mediate = await startMediate([], { MEDIATE_HOME: home });
    expect(mediate.url).toBe('http://127.0.0.1:9164/');
    const out = mediate.output();
    expect(out).toContain(`Copied the example project to ${path.join(home, 'projects', 'websocket-seed')}`);
    await mediate.waitForOutput(/Sample WebSocket back end .* at ws:\/\/127\.0\.0\.1:8082\/websocket/);
    await mediate.waitForOutput(/^Deployed \S+ \(5 artifacts\)$/m);
  });
  const studio = mediate as Mediate;
  guard.allowOrigin(studio.url);

  await test.step('open the printed Studio URL', async () => {
    await openStudio(page, studio.url);
    await expect(page.getByTestId('runtime-status')).toHaveAttribute('data-state', 'running');
    for (const name of [
      'dispatchSeq',
      'inboundDispatchSeq',
      'outDispatchSeq',
      'websocketProxy1',
      'WebSocketInbound',
    ])
      await expect(page.getByTestId(`explorer-item-${name}`)).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, '01-studio.png') });
  });

  await test.step('look at dispatchSeq', async () => {
    await openArtifact(page, 'dispatchSeq');
    await expect(node(page, 'sequence/0')).toHaveAttribute('data-kind', 'in');
    await expect(summary(page, 'sequence/0/body/0')).toHaveText('OUT_ONLY = true');
    await expect(summary(page, 'sequence/0/body/1')).toHaveText('FORCE_SC_ACCEPTED = true (axis2)');
    await expect(summary(page, 'sequence/0/body/2')).toHaveText(
      'websocket.accept.contenType = application/json (axis2)',
    );
    await expect(summary(page, 'sequence/0/body/3')).toHaveText('send → ws://localhost:8082/websocket');
    // Select the send mediator: the inspector shows where it sends.
    await node(page, 'sequence/0/body/3').click();
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', 'sequence/0/body/3');
    await expect(page.getByTestId('field-endpoint')).toHaveValue('ws://localhost:8082/websocket');
    await page.screenshot({ path: path.join(SCREENSHOTS, '02-dispatchSeq.png') });
  });

  await test.step('Deploy', async () => {
    await deployFromStudio(page);
    await expect(page.getByTestId('runtime-status')).toContainText('ws:9092');
    await expect(page.getByTestId('runtime-status')).toContainText('http:8290');
    await dismissToasts(page);
  });

  await test.step('Try-it: WebSocket hello to WebSocketInbound → the back end replies', async () => {
    guard.allowWebSocket('ws://127.0.0.1:9092/');
    const reply = await tryWebSocket(page, 'ws://127.0.0.1:9092/', 'hello');
    expect(reply).toBe(WS_REPLY);
    await page.screenshot({ path: path.join(SCREENSHOTS, '03-tryit.png') });
  });

  await test.step('Logs: the outDispatchSeq log line of the reply', async () => {
    await page.getByTestId('dock-tab-logs').click();
    await expect(logRowFrom(page, OUT_LOG, `Payload: ${WS_REPLY}`).first()).toBeVisible();
    await expect(logRowFrom(page, OUT_LOG, `Payload: ${WS_REPLY}`).first()).toContainText('{LogMediator}');
  });

  await test.step('POST to the proxy (as curl does) → 202, and the reply is logged', async () => {
    const before = Math.max(0, ...(await replyLogSeqs(page)));
    const res = await fetch(PROXY_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"hello": "world"}',
    });
    expect(res.status).toBe(202);
    await res.arrayBuffer();
    // A new line (higher sequence number) from outDispatchSeq's log, without a reload.
    await expect.poll(async () => Math.max(0, ...(await replyLogSeqs(page)))).toBeGreaterThan(before);
    await page.screenshot({ path: path.join(SCREENSHOTS, '04-logs.png') });
  });

  await test.step('stop mediate: nothing left running', async () => {
    // The page first: its event stream would otherwise log reconnect errors.
    await page.close();
    await studio.stop();
    expect(() => process.kill(-studio.pid, 0), 'process group of mediate start').toThrow();
    for (const [what, port] of Object.entries(PORTS))
      expect(await isPortFree(port), `port ${port} (${what}) after stop`).toBe(true);
  });
});
