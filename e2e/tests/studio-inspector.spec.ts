/**
 * What a new user met in the inspector and around it:
 * - a property with action="remove" keeps its value and type (in the form and in the XML);
 * - the value/expression switch, on the property and on a log property row;
 * - type checks: a value that does not convert to the property's type, a `${…}` that does not
 *   parse (with where);
 * - a bad send URI is reported once;
 * - Try-it's subprotocol field says what browsers accept;
 * - a new inbound endpoint takes a port nobody uses, and a clash reads as a sentence;
 * - its form offers every WebSocket parameter the runtime reads, with its default;
 * - toasts stay off the inspector.
 *
 * The seed's copy keeps the inbound endpoint on 9092 and moves the HTTP listener to 9093, so a new
 * inbound endpoint should get 9094. Nothing is deployed (`--no-deploy`), so no port is opened.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../helpers/fixtures.js';
import { wsInboundSettings } from '@mediate/engine';
import { openSeedStudio, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import { createArtifact, modelText, node, openArtifact, summary } from '../helpers/studio.js';

let seedStudio: SeedStudio | undefined;

test.beforeAll(async () => {
  seedStudio = await startSeedStudio('inspector', { inbound: 9092, http: 9093 });
});

test.afterAll(async () => {
  await seedStudio?.stop();
});

async function start(page: Page, guard: { allowOrigin(url: string): void }): Promise<void> {
  await openSeedStudio(page, guard, seedStudio);
}

/** The start tag of the property named `name` in an artifact's XML. */
async function propertyTag(page: Page, artifact: string, name: string): Promise<string> {
  const xml = await modelText(page, artifact);
  const m = new RegExp(`<property name="${name.replace(/\./g, '\\.')}"[^>]*>`).exec(xml);
  if (!m) throw new Error(`no <property name="${name}"> in ${artifact}:\n${xml}`);
  return m[0];
}

async function select(page: Page, path: string): Promise<void> {
  await node(page, path).locator('.mediator-header').first().click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-path', path);
}

function boxesOverlap(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

async function rect(l: Locator): Promise<DOMRect> {
  return l.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
}

test('action="remove" hides value and type and drops them from the XML', async ({ page, guard }) => {
  await start(page, guard);
  await openArtifact(page, 'dispatchSeq');
  await select(page, 'sequence/0/body/1');
  await expect(page.getByTestId('field-value')).toHaveValue('true');
  await expect(page.getByTestId('field-type')).toHaveValue('STRING');

  await page.getByTestId('field-action').selectOption('remove');
  await expect(summary(page, 'sequence/0/body/1')).toHaveText('remove FORCE_SC_ACCEPTED');
  await expect(page.getByTestId('field-value')).toHaveCount(0);
  await expect(page.getByTestId('field-expression')).toHaveCount(0);
  await expect(page.getByTestId('field-type')).toHaveCount(0);
  const tag = await propertyTag(page, 'dispatchSeq', 'FORCE_SC_ACCEPTED');
  expect(tag).toContain('action="remove"');
  expect(tag).toContain('scope="axis2"');
  expect(tag).not.toMatch(/\b(value|expression|type)=/);

  // Back to set: the fields are there again to fill in.
  await page.getByTestId('field-action').selectOption('set');
  await expect(page.getByTestId('field-value')).toBeVisible();
  await expect(page.getByTestId('field-type')).toBeVisible();
});

test('one switch between a literal value and an expression, on a property and a log property', async ({
  page,
  guard,
}) => {
  await start(page, guard);
  await openArtifact(page, 'dispatchSeq');
  await select(page, 'sequence/0/body/0');
  const mode = page.getByTestId('field-value-mode');
  await expect(mode).toHaveValue('value');

  await mode.selectOption('expression');
  await expect(page.getByTestId('field-value')).toHaveCount(0);
  await expect(page.getByTestId('field-expression')).toHaveValue('true');
  await page.getByTestId('field-expression').fill('$ctx:OUT');
  await expect
    .poll(() => propertyTag(page, 'dispatchSeq', 'OUT_ONLY'))
    .toBe('<property name="OUT_ONLY" expression="$ctx:OUT"/>');

  await mode.selectOption('value');
  await expect(page.getByTestId('field-expression')).toHaveCount(0);
  await expect(page.getByTestId('field-value')).toHaveValue('$ctx:OUT');
  await expect
    .poll(() => propertyTag(page, 'dispatchSeq', 'OUT_ONLY'))
    .toBe('<property name="OUT_ONLY" value="$ctx:OUT"/>');

  await openArtifact(page, 'outDispatchSeq');
  await select(page, 'sequence/0');
  await page.getByTestId('field-properties-add').click();
  await page.getByTestId('field-properties-0-name').fill('client');
  await page.getByTestId('field-properties-0-value-mode').selectOption('expression');
  await page.getByTestId('field-properties-0-expression').fill('$trp:Host');
  await expect
    .poll(() => propertyTag(page, 'outDispatchSeq', 'client'))
    .toBe('<property name="client" expression="$trp:Host"/>');
  await page.getByTestId('field-properties-0-value-mode').selectOption('value');
  await expect(page.getByTestId('field-properties-0-value')).toHaveValue('$trp:Host');
  await expect
    .poll(() => propertyTag(page, 'outDispatchSeq', 'client'))
    .toBe('<property name="client" value="$trp:Host"/>');
});

test('type checks: a value that does not convert, a ${…} that does not parse', async ({ page, guard }) => {
  await start(page, guard);
  await openArtifact(page, 'dispatchSeq');
  await select(page, 'sequence/0/body/0');

  await page.getByTestId('field-type').selectOption('INTEGER');
  await expect(page.getByTestId('field-value-error')).toContainText("'true'");
  await expect(page.getByTestId('field-value-error')).toContainText('INTEGER');
  await page.getByTestId('field-value').fill('42');
  await expect(page.getByTestId('field-value-error')).toHaveCount(0);
  await page.getByTestId('field-value').fill('4.5');
  await expect(page.getByTestId('field-value-error')).toContainText('whole number');
  await page.getByTestId('field-type').selectOption('DOUBLE');
  await expect(page.getByTestId('field-value-error')).toHaveCount(0);

  await page.getByTestId('field-value-mode').selectOption('expression');
  await page.getByTestId('field-expression').fill('${vars.x +* 2}');
  await expect(page.getByTestId('field-expression-error')).toContainText("unexpected '*' at position 8");
  await page.getByTestId('field-expression').fill('${vars.x * 2}');
  await expect(page.getByTestId('field-expression-error')).toHaveCount(0);
});

test('a bad send URI is reported once', async ({ page, guard }) => {
  await start(page, guard);
  await openArtifact(page, 'dispatchSeq');
  await select(page, 'sequence/0/body/3');
  await page.getByTestId('field-endpoint').fill('ftp://example.com/x');
  await expect(page.getByTestId('field-endpoint-error')).toHaveCount(1);
  await expect(page.getByTestId('field-endpoint-error')).toContainText('ftp');
});

test('Try-it: the subprotocol field says browsers accept only tokens', async ({ page, guard }) => {
  await start(page, guard);
  await page.getByTestId('dock-tab-try').click();
  await page.getByTestId('tryit-mode-ws').click();
  const field = page.getByTestId('tryit-ws-protocol');
  expect(await field.getAttribute('placeholder')).not.toContain('synapse(');
  await expect(page.getByTestId('tryit-ws-protocol-hint')).toContainText('RFC 6455');

  await field.fill("synapse(contentType='application/json')");
  const error = page.getByTestId('tryit-ws-protocol-error');
  await expect(error).toContainText("synapse(contentType='application/json')");
  await expect(error).toContainText('not a valid subprotocol');
  await expect(page.getByTestId('tryit-ws-connect')).toBeDisabled();

  await field.fill('chat, json.v2');
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('tryit-ws-connect')).toBeEnabled();
});

test('a new inbound endpoint gets an unused port; a clash says so in a sentence', async ({ page, guard }) => {
  await start(page, guard);
  await createArtifact(page, 'inboundEndpoint', 'second');
  // 9092: WebSocketInbound; 9093: the HTTP listener (deployment.toml).
  await expect(page.getByTestId('parameter-inbound.ws.port')).toHaveValue('9094');
  await expect(page.getByTestId('problem-row').filter({ hasText: 'INBOUND_PORT_IN_USE' })).toHaveCount(0);

  await page.getByTestId('parameter-inbound.ws.port').fill('9092');
  await page.getByTestId('dock-tab-problems').click();
  const row = page.getByTestId('problem-row').filter({ hasText: 'INBOUND_PORT_IN_USE' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(
    "Inbound endpoints 'WebSocketInbound' and 'second' both listen on port 9092; give each its own inbound.ws.port.",
  );
  // MI's wording was "Another endpoint named : X is currently using this port".
  await expect(row).not.toContainText(/\s:\s/);
});

test('an inbound endpoint offers every parameter the runtime reads', async ({ page, guard }) => {
  await start(page, guard);
  await createArtifact(page, 'inboundEndpoint', 'params');
  // The runtime reads exactly the names of its typed settings; the new endpoint has the port,
  // and a ws endpoint is not offered the wss TLS files (parameters are offered per protocol).
  const read = Object.keys(wsInboundSettings([])).filter(
    (n) => n !== 'inbound.ws.port' && !n.startsWith('wss.'),
  );
  const add = page.getByTestId('parameter-add');
  const offered = await add
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(offered.sort()).toEqual(read.sort());

  await add.selectOption('ws.max.frame.size');
  const row = page.getByTestId('parameter-ws.max.frame.size');
  await expect(row).toHaveAttribute('placeholder', '65536');
  await row.fill('1024');
  expect(await modelText(page, 'params')).toContain('<parameter name="ws.max.frame.size">1024</parameter>');
  await expect(add.locator('option[value="ws.max.frame.size"]')).toHaveCount(0);
});

test('toasts do not cover the inspector, the top bar or the dock', async ({ page, guard }) => {
  await start(page, guard);
  // An inbound endpoint has no mediator list: inserting from the palette says so in a toast.
  await openArtifact(page, 'WebSocketInbound');
  await page.getByTestId('palette-log').dblclick();
  const toast = page.getByTestId('toast-info').filter({ hasText: 'Nothing to insert into' });
  await expect(toast).toBeVisible();
  const t = await rect(toast);
  for (const [what, l] of [
    ['inspector', page.getByTestId('inspector')],
    ['top bar', page.locator('.topbar')],
    ['dock tabs', page.locator('.dock-tabs')],
    ['sidebar', page.locator('.sidebar')],
  ] as const) {
    expect(boxesOverlap(t, await rect(l)), `the toast covers the ${what}`).toBe(false);
  }
});
