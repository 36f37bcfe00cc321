/**
 * Bringing an MI project in, from the studio: the Import button with an uploaded CApp (.car,
 * zipped at test time from apps/server/test/fixtures/import/capp), where a name the project
 * already has is listed and imported renamed; a `<definitions>` file pasted into the Source
 * view, imported from the offer next to the error; and a deploy refused because an artifact
 * cannot run, then "Deploy without them", which the Deployments tab records.
 *
 * Each test runs its own `mediate start --no-deploy --no-backend` on a temporary project with
 * free ports.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../helpers/fixtures.js';
import { REPO_ROOT, removeTemp, startMediate, tempDir, type Mediate } from '../helpers/mediate.js';
import { freePort } from '../helpers/ports.js';
import {
  SCREENSHOTS,
  modelText,
  openArtifact,
  openStudio,
  showSource,
  sourceEditor,
} from '../helpers/studio.js';
import { zipFolder } from '@mediate/engine/testing';
import yazl from 'yazl';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const CAPP = path.join(REPO_ROOT, 'apps/server/test/fixtures/import/capp/GreetingCApp_1.0.0');

let mediate: Mediate | undefined;
let work: string | undefined;

/** Writes a project (deployment.toml with free HTTP ports, and `files`) and starts Mediate on it. */
async function startOn(
  files: Record<string, string>,
): Promise<{ studio: Mediate; project: string; httpPort: number }> {
  work = tempDir('mediate-e2e-import-');
  const project = path.join(work, 'project');
  const httpPort = await freePort();
  const all: Record<string, string> = {
    'deployment.toml': `[server]\noffset = 0\n\n[transport.http]\nlistener.port = ${httpPort}\nlistener.secured_port = ${await freePort()}\n`,
    ...files,
  };
  for (const [rel, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    writeFileSync(path.join(project, rel), text);
  }
  mediate = await startMediate([
    '--project',
    project,
    '--port',
    String(await freePort()),
    '--no-backend',
    '--no-deploy',
  ]);
  return { studio: mediate, project, httpPort };
}

test.afterEach(async ({ page }) => {
  // The page first: once the server is gone, its polling would log refused connections.
  await page.close();
  await mediate?.stop();
  mediate = undefined;
  removeTemp(work);
});

test('Import a CApp: a name the project has is listed, then imported renamed; the report says what was left out', async ({
  page,
  guard,
}) => {
  const { studio, project } = await startOn({
    'artifacts/sequences/GreetingSeq.xml': `<sequence name="GreetingSeq" ${NS}>\n    <drop/>\n</sequence>\n`,
  });
  guard.allowOrigin(studio.url);
  // The first import is refused (409) because of the clash; the studio lists it.
  guard.expectHttpStatus(409, '/api/import');
  await openStudio(page, studio.url);

  await page.getByTestId('import').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'GreetingCApp_1.0.0.car',
    mimeType: 'application/octet-stream',
    buffer: await zipFolder(CAPP, new yazl.ZipFile()),
  });
  await test.step('the clash is listed and nothing is imported yet', async () => {
    await expect(page.getByTestId('import-clash')).toHaveCount(1);
    await expect(page.getByTestId('import-clash')).toContainText('sequences/GreetingSeq');
    expect(existsSync(path.join(project, 'artifacts/apis/GreetingAPI.xml'))).toBe(false);
  });

  await test.step('import them renamed: the report lists what came in and what did not, and why', async () => {
    await page.getByTestId('import-rename').click();
    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible();
    const imported = page.getByTestId('import-imported');
    await expect(imported).toHaveCount(5);
    await expect(imported.and(page.locator('[data-name="GreetingSeq_imported"]'))).toContainText(
      'renamed from GreetingSeq',
    );
    await expect(imported.and(page.locator('[data-name="GreetingAPI"]'))).toContainText(
      'GreetingCApp_1.0.0.car!/GreetingAPI_1.0.0/GreetingAPI-1.0.0.xml',
    );
    const skipped = page.getByTestId('import-skipped');
    await expect(skipped).toHaveCount(2);
    // A sequence template is an artifact type of its own now: imported, not skipped.
    await expect(imported.and(page.locator('[data-name="GreetingTemplate"]'))).toBeVisible();
    await expect(skipped.filter({ hasText: "class mediator 'UpperCaseMediator'" })).toBeVisible();
    await expect(skipped.filter({ hasText: "registry resource 'GreetingResources'" })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'import-report.png') });
  });

  await test.step('close: the explorer has the imported artifacts, saved on the server', async () => {
    await page.getByTestId('import-close').click();
    await expect(page.getByTestId('import-dialog')).toHaveCount(0);
    for (const name of [
      'GreetingAPI',
      'GreetingEP',
      'GreetingWsInbound',
      'GreetingSeq_imported',
      'GreetingSeq',
    ])
      await expect(page.getByTestId(`explorer-item-${name}`)).toBeVisible();
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    expect(
      readFileSync(path.join(project, 'artifacts/sequences/GreetingSeq_imported.xml'), 'utf8'),
    ).toContain('name="GreetingSeq_imported"');
    expect(readFileSync(path.join(project, 'artifacts/sequences/GreetingSeq.xml'), 'utf8')).toContain(
      '<drop/>',
    );
  });
});

test('A <definitions> file pasted into the Source view is imported from the offer next to the error', async ({
  page,
  guard,
}) => {
  const helper = `<sequence name="helper" ${NS}>\n    <log level="simple"/>\n</sequence>\n`;
  const { studio, project } = await startOn({ 'artifacts/sequences/helper.xml': helper });
  guard.allowOrigin(studio.url);
  await openStudio(page, studio.url);
  await openArtifact(page, 'helper');
  await showSource(page, 'helper');

  const definitions = [
    `<definitions ${NS}>`,
    '<sequence name="EchoSeq"><log level="full"/><respond/></sequence>',
    '<proxy name="EchoProxy" transports="http"><target inSequence="EchoSeq"/></proxy>',
    '<template name="EchoTemplate"><endpoint><address uri="http://localhost:9000/echo"/></endpoint></template>',
    '</definitions>',
  ].join('');
  await test.step('paste it over the sequence: the Source view offers to import it', async () => {
    // A real paste (Ctrl+V from the clipboard), as a user does: typed text would be auto-closed.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: studio.origin });
    await page.evaluate((text) => navigator.clipboard.writeText(text), definitions);
    await sourceEditor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+v');
    const error = page.getByTestId('source-error');
    await expect(error).toContainText('A <definitions> file holds several artifacts');
    await expect(error.getByTestId('source-import-definitions')).toBeVisible();
  });

  await test.step('import them: the report, then the artifacts in the explorer and on disk', async () => {
    await page.getByTestId('source-import-definitions').click();
    await expect(page.getByTestId('import-report')).toBeVisible();
    await expect(page.getByTestId('import-imported')).toHaveCount(2);
    await expect(page.getByTestId('import-skipped')).toHaveCount(1);
    await expect(page.getByTestId('import-skipped')).toContainText("endpoint template 'EchoTemplate'");
    await page.getByTestId('import-close').click();
    await expect(page.getByTestId('explorer-item-EchoSeq')).toBeVisible();
    await expect(page.getByTestId('explorer-item-EchoProxy')).toBeVisible();
    expect(existsSync(path.join(project, 'artifacts/proxy-services/EchoProxy.xml'))).toBe(true);
  });

  await test.step('the sequence the text was pasted over is unchanged', async () => {
    await openArtifact(page, 'helper');
    await expect(page.getByTestId('source-error')).toHaveCount(0);
    expect(await modelText(page, 'helper')).toBe(helper);
    expect(readFileSync(path.join(project, 'artifacts/sequences/helper.xml'), 'utf8')).toBe(helper);
  });
});

test('A refused deploy lists what cannot run; Deploy without them deploys the rest and the Deployments tab records it', async ({
  page,
  guard,
}) => {
  const { studio, httpPort } = await startOn({
    'artifacts/sequences/HelloSeq.xml': `<sequence name="HelloSeq" ${NS}>\n    <respond/>\n</sequence>\n`,
    'artifacts/apis/HelloAPI.xml': `<api name="HelloAPI" context="/hello" ${NS}>\n    <resource methods="GET" uri-template="/">\n        <inSequence>\n            <sequence key="HelloSeq"/>\n        </inSequence>\n    </resource>\n</api>\n`,
    'artifacts/sequences/UpperCaseSeq.xml': `<sequence name="UpperCaseSeq" ${NS}>\n    <class name="com.example.mediators.UpperCaseMediator"/>\n    <respond/>\n</sequence>\n`,
    'artifacts/apis/UpperCaseAPI.xml': `<api name="UpperCaseAPI" context="/upper" ${NS}>\n    <resource methods="POST" uri-template="/">\n        <inSequence>\n            <sequence key="UpperCaseSeq"/>\n        </inSequence>\n    </resource>\n</api>\n`,
  });
  guard.allowOrigin(studio.url);
  // The first deploy is refused (422): that is the point of the journey.
  guard.expectHttpStatus(422, '/api/deploy');
  await openStudio(page, studio.url);

  await test.step('Deploy is refused; Problems lists the artifact that cannot run and the API that uses it', async () => {
    await page.getByTestId('deploy').click();
    await expect(page.getByTestId('toast-error').filter({ hasText: 'Deploy failed' })).toBeVisible();
    const rows = page.getByTestId('deploy-blocked-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.and(page.locator('[data-artifact="sequence:UpperCaseSeq"]'))).toContainText(
      '<class> is not a mediator Mediate runs',
    );
    await expect(rows.and(page.locator('[data-artifact="api:UpperCaseAPI"]'))).toContainText(
      "It uses sequence 'UpperCaseSeq', which is left out.",
    );
    await expect(page.getByTestId('runtime-status')).toHaveAttribute('data-state', 'idle');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'deploy-blocked.png') });
  });

  await test.step('Deploy without them: the rest runs', async () => {
    await page.getByTestId('deploy-without').click();
    await expect(
      page.getByTestId('toast-success').filter({ hasText: 'Deployed without 2 artifacts' }),
    ).toBeVisible();
    await expect(page.getByTestId('runtime-status')).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('deploy-blocked')).toHaveCount(0);
    const res = await fetch(`http://127.0.0.1:${httpPort}/hello`);
    expect(res.status).toBe(200);
    const upper = await fetch(`http://127.0.0.1:${httpPort}/upper`, { method: 'POST', body: 'x' });
    expect(upper.status).toBe(404);
  });

  await test.step('the Deployments tab shows what was left out', async () => {
    await page.getByTestId('dock-tab-deployments').click();
    const row = page.getByTestId('deployment-row').first();
    await expect(row).toContainText('running');
    await expect(row.getByTestId('deployment-excluded')).toHaveText(
      'UpperCaseSeq (sequence), UpperCaseAPI (api)',
    );
  });
});
