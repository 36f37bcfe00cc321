/**
 * Issue 5, acceptance 1: build seed Example 2 in an empty project only by mouse and keyboard
 * (palette drags onto drop slots, inspector and form fields, explorer), then check that the Source
 * view and the saved files mean the same as the seed's XML
 * (packages/engine/test/fixtures/seed-example2/*.xml), compared by parsing with the engine (see
 * helpers/compare.ts for what is compared and which differences are allowed).
 *
 * The server runs with an empty temporary project on a free port, `--no-backend` and
 * `--no-deploy`: nothing here needs the runtime, so no runtime port is opened.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectSameArtifact } from '../helpers/compare.js';
import { expect, test } from '../helpers/fixtures.js';
import { REPO_ROOT, removeTemp, startMediate, tempDir, type Mediate } from '../helpers/mediate.js';
import { freePort } from '../helpers/ports.js';
import {
  createArtifact,
  dragFromPalette,
  modelText,
  node,
  openArtifact,
  openStudio,
  showSource,
  slot,
  summary,
  inspecting,
} from '../helpers/studio.js';

const SEED = path.join(REPO_ROOT, 'packages/engine/test/fixtures/seed-example2');
const seed = (name: string) => readFileSync(path.join(SEED, `${name}.xml`), 'utf8');

let mediate: Mediate | undefined;
let project: string | undefined;

test.beforeAll(async () => {
  // An empty project: artifacts/ with nothing in it, and a deployment.toml (a folder with
  // neither is not a project, and `mediate start` says so).
  project = tempDir('mediate-e2e-empty-project-');
  mkdirSync(path.join(project, 'artifacts'));
  writeFileSync(path.join(project, 'deployment.toml'), '');
  mediate = await startMediate([
    '--project',
    project,
    '--port',
    String(await freePort()),
    '--no-backend',
    '--no-deploy',
  ]);
});

test.afterAll(async () => {
  await mediate?.stop();
  removeTemp(project);
});

test('build seed Example 2 from an empty project by mouse and keyboard', async ({ page, guard }) => {
  const studio = mediate as Mediate;
  guard.allowOrigin(studio.url);
  await openStudio(page, studio.url);
  await expect(page.getByTestId('editor-empty')).toBeVisible();

  await test.step('dispatchSeq: in, then property ×3 and send inside it', async () => {
    await createArtifact(page, 'sequence', 'dispatchSeq');
    await dragFromPalette(page, 'in', slot(page, 'sequence', 0));
    await expect(node(page, 'sequence/0')).toHaveAttribute('data-kind', 'in');

    await dragFromPalette(page, 'property', slot(page, 'sequence/0/body', 0));
    await inspecting(page, 'sequence/0/body/0');
    await page.getByTestId('field-name').fill('OUT_ONLY');
    await page.getByTestId('field-value').fill('true');
    await expect(summary(page, 'sequence/0/body/0')).toHaveText('OUT_ONLY = true');

    await dragFromPalette(page, 'property', slot(page, 'sequence/0/body', 1));
    await inspecting(page, 'sequence/0/body/1');
    await page.getByTestId('field-name').fill('FORCE_SC_ACCEPTED');
    await page.getByTestId('field-value').fill('true');
    await page.getByTestId('field-scope').selectOption('axis2');
    await page.getByTestId('field-type').selectOption('STRING');
    await expect(summary(page, 'sequence/0/body/1')).toHaveText('FORCE_SC_ACCEPTED = true (axis2)');

    await dragFromPalette(page, 'property', slot(page, 'sequence/0/body', 2));
    await inspecting(page, 'sequence/0/body/2');
    await page.getByTestId('field-name').fill('websocket.accept.contenType');
    await page.getByTestId('field-value').fill('application/json');
    await page.getByTestId('field-scope').selectOption('axis2');
    await expect(summary(page, 'sequence/0/body/2')).toHaveText(
      'websocket.accept.contenType = application/json (axis2)',
    );

    await dragFromPalette(page, 'send', slot(page, 'sequence/0/body', 3));
    await inspecting(page, 'sequence/0/body/3');
    await expect(page.getByTestId('field-endpoint-mode')).toHaveValue('inline');
    await page.getByTestId('field-endpoint').fill('ws://localhost:8082/websocket');
    await expect(summary(page, 'sequence/0/body/3')).toHaveText('send → ws://localhost:8082/websocket');
    await expect(page.getByTestId('field-endpoint-error')).toHaveCount(0);
  });

  await test.step('outDispatchSeq: log (full)', async () => {
    await createArtifact(page, 'sequence', 'outDispatchSeq');
    await dragFromPalette(page, 'log', slot(page, 'sequence', 0));
    await inspecting(page, 'sequence/0');
    await page.getByTestId('field-level').selectOption('full');
    await expect(page.getByTestId('field-level')).toHaveValue('full');
    await expect(summary(page, 'sequence/0')).toHaveText('log full');
  });

  await test.step('websocketProxy1: target sequences and transports in the form', async () => {
    await createArtifact(page, 'proxy', 'websocketProxy1');
    const field = (attr: string) => page.getByTestId(`artifact-field-${attr}`);
    await field('transports').fill('http,https');
    await field('target.inSequence').fill('dispatchSeq');
    await field('target.faultSequence').fill('outDispatchSeq');
    await field('statistics').fill('disable');
    await field('trace').fill('disable');
    await field('startOnLoad').fill('true');
    await expect(field('target.inSequence')).toHaveValue('dispatchSeq');
  });

  const views: Record<string, string> = {};
  await test.step('the Source view shows XML equivalent to the seed', async () => {
    for (const name of ['dispatchSeq', 'outDispatchSeq', 'websocketProxy1']) {
      await openArtifact(page, name);
      views[name] = await showSource(page, name);
      expectSameArtifact(views[name], seed(name), `Source view of ${name}`);
      await page.getByTestId('view-design').click();
    }
  });

  await test.step('saved with Ctrl+S: the files on the server are the same', async () => {
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'unsaved');
    // Focus is on the view switch (a button, not a field): the studio's shortcut takes it.
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    const folders: Record<string, string> = {
      dispatchSeq: 'sequences',
      outDispatchSeq: 'sequences',
      websocketProxy1: 'proxy-services',
    };
    for (const [name, folder] of Object.entries(folders)) {
      const res = await fetch(new URL(`/api/artifacts/${folder}/${name}`, studio.url));
      expect(res.status, `GET /api/artifacts/${folder}/${name}`).toBe(200);
      const doc = (await res.json()) as { xml: string };
      // What was saved is exactly what the Source view showed.
      expect(doc.xml.replace(/\r\n/g, '\n')).toBe(views[name]);
      expect(await modelText(page, name)).toBe(doc.xml);
      expectSameArtifact(doc.xml, seed(name), `saved ${folder}/${name}.xml`);
    }
  });
});
