/**
 * Issue 12, acceptance 4: in the studio, build a sequence whose switch (on a JSON field of the
 * request) has two cases, a payloadFactory then respond in one and a makefault then respond in
 * the other, by mouse (palette drags onto drop slots) and keyboard (typing in the inspector);
 * put it behind a new proxy; deploy from the studio; Try-it HTTP twice shows each branch's
 * response: the JSON the payloadFactory made (200), and the SOAP 1.1 fault (500, as MI answers
 * a SOAP fault unless HTTP_SC says otherwise).
 *
 * A copy of the seed on free ports, `--no-backend --no-deploy`: the deploy is the studio's.
 */
import { expect, test } from '../helpers/fixtures.js';
import { openSeedStudio, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import {
  createArtifact,
  deployFromStudio,
  dismissToasts,
  dragFromPalette,
  modelText,
  node,
  slot,
  summary,
  tryHttp,
  inspecting,
  typeInto,
} from '../helpers/studio.js';

let seedStudio: SeedStudio | undefined;

test.beforeAll(async () => {
  seedStudio = await startSeedStudio('transform-route');
});

test.afterAll(async () => {
  await seedStudio?.stop();
});

test('a switch routes to a payloadFactory or a makefault; Try-it shows both responses', async ({
  page,
  guard,
}) => {
  await openSeedStudio(page, guard, seedStudio);
  const xml = () => modelText(page, 'routeSeq');

  await test.step('routeSeq: a switch on json-eval($.kind) with two cases', async () => {
    await createArtifact(page, 'sequence', 'routeSeq');
    await dragFromPalette(page, 'switch', slot(page, 'sequence', 0));
    await expect(node(page, 'sequence/0')).toHaveAttribute('data-kind', 'switch');
    await inspecting(page, 'sequence/0');
    await typeInto(page, 'field-source', 'json-eval($.kind)');
    await typeInto(page, 'branch-case:0-regex', 'greet');
    await page.getByTestId('branch-add-case').click();
    await typeInto(page, 'branch-case:1-regex', 'fail|error');
    await expect(page.locator('.branch-label')).toHaveText([
      'Case 1: greet',
      'Case 2: fail|error',
      'Default',
    ]);
    await expect(summary(page, 'sequence/0')).toHaveText('switch json-eval($.kind)');
  });

  await test.step('case 1: payloadFactory (json, one arg) then respond', async () => {
    await dragFromPalette(page, 'payloadFactory', slot(page, 'sequence/0/case:0', 0));
    await expect(node(page, 'sequence/0/case:0/0')).toHaveAttribute('data-kind', 'payloadFactory');
    await inspecting(page, 'sequence/0/case:0/0');
    await page.getByTestId('field-mediaType').selectOption('json');
    await typeInto(page, 'field-format-text', '{"greeting": "Hello $1"}');
    await page.getByTestId('field-args-0-value-mode').selectOption('expression');
    await typeInto(page, 'field-args-0-expression', 'json-eval($.name)');
    await dragFromPalette(page, 'respond', slot(page, 'sequence/0/case:0', 1));
    await expect(node(page, 'sequence/0/case:0/1')).toHaveAttribute('data-kind', 'respond');
  });

  await test.step('case 2: makefault (soap11) then respond', async () => {
    await dragFromPalette(page, 'makefault', slot(page, 'sequence/0/case:1', 0));
    await expect(node(page, 'sequence/0/case:1/0')).toHaveAttribute('data-kind', 'makefault');
    await inspecting(page, 'sequence/0/case:1/0');
    await expect(page.getByTestId('field-version')).toHaveValue('soap11');
    await typeInto(page, 'field-reason-value', 'Kind not allowed');
    await expect(summary(page, 'sequence/0/case:1/0')).toHaveText(
      'soap11 fault soap11Env:Server Kind not allowed',
    );
    await dragFromPalette(page, 'respond', slot(page, 'sequence/0/case:1', 1));
    await expect(node(page, 'sequence/0/case:1/1')).toHaveAttribute('data-kind', 'respond');
  });

  await test.step('the model holds the sequence as built', async () => {
    const text = await xml();
    expect(text).toMatch(/<switch source="json-eval\(\$\.kind\)">\s*<case regex="greet">/);
    expect(text).toMatch(
      /<payloadFactory media-type="json">\s*<format>\{"greeting": "Hello \$1"\}<\/format>\s*<args>\s*<arg expression="json-eval\(\$\.name\)"\/>\s*<\/args>\s*<\/payloadFactory>\s*<respond\/>\s*<\/case>/,
    );
    expect(text).toMatch(/<case regex="fail\|error">\s*<makefault version="soap11">/);
    expect(text).toMatch(/<reason value="Kind not allowed"\/>\s*<\/makefault>\s*<respond\/>\s*<\/case>/);
    await expect(page.getByTestId('field-reason-value-error')).toHaveCount(0);
  });

  await test.step('routeProxy: a proxy whose in-sequence is routeSeq', async () => {
    await createArtifact(page, 'proxy', 'routeProxy');
    await typeInto(page, 'artifact-field-transports', 'http,https');
    await typeInto(page, 'artifact-field-target.inSequence', 'routeSeq');
  });

  await test.step('Deploy from the studio', async () => {
    await deployFromStudio(page);
    await dismissToasts(page);
  });

  const url = `http://127.0.0.1:${seedStudio?.ports.http}/services/routeProxy`;
  await page.getByTestId('dock-tab-try').click();
  await page.getByTestId('tryit-mode-http').click();

  await test.step('Try-it: kind "greet" → the payloadFactory JSON, 200', async () => {
    const res = await tryHttp(page, url, '{"kind": "greet", "name": "Ada"}');
    expect(res.status).toBe('200');
    expect(JSON.parse(res.body)).toEqual({ greeting: 'Hello Ada' });
  });

  await test.step('Try-it: kind "fail" → the SOAP 1.1 fault, 500', async () => {
    const res = await tryHttp(page, url, '{"kind": "fail", "name": "Ada"}');
    expect(res.status).toBe('500');
    expect(res.body).toContain('http://schemas.xmlsoap.org/soap/envelope/');
    expect(res.body).toMatch(/<faultcode[^>]*>soap11Env:Server<\/faultcode>/);
    expect(res.body).toMatch(/<faultstring[^>]*>Kind not allowed<\/faultstring>/);
  });

  await test.step('Try-it again: kind "greet" still takes case 1', async () => {
    const res = await tryHttp(page, url, '{"kind": "greet", "name": "Grace"}');
    expect(res.status).toBe('200');
    expect(JSON.parse(res.body)).toEqual({ greeting: 'Hello Grace' });
  });
});
