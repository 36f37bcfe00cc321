/**
 * Issue 13, acceptance 4: in the studio, build iterate → call → aggregate by mouse (palette drags
 * into the iterate's target and the aggregate's onComplete, which show as containers on the
 * canvas) and keyboard (the inspector); put it behind a new proxy; deploy from the studio;
 * Try-it HTTP shows the gathered response: one SOAP envelope holding every back-end answer.
 *
 * The back end is a real HTTP server started here: it answers each item with `<done>n</done>`.
 * A copy of the seed on free ports, `--no-backend --no-deploy`: the deploy is the studio's.
 */
import { createServer, type Server } from 'node:http';
import { expect, test } from '../helpers/fixtures.js';
import { freePort } from '../helpers/ports.js';
import { openSeedStudio, startSeedStudio, type SeedStudio } from '../helpers/seed-project.js';
import {
  createArtifact,
  deployFromStudio,
  dismissToasts,
  dragFromPalette,
  inspecting,
  modelText,
  node,
  slot,
  summary,
  tryHttp,
  typeInto,
} from '../helpers/studio.js';

const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const envelope = (body: string) =>
  `<soapenv:Envelope xmlns:soapenv="${SOAP_NS}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

let seedStudio: SeedStudio | undefined;
let backend: Server | undefined;
let backendPort = 0;
/** The bodies the back end received, one per split message. */
const received: string[] = [];

test.beforeAll(async () => {
  backendPort = await freePort();
  backend = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      const n = /<item>(\d+)<\/item>/.exec(body)?.[1] ?? '?';
      res.writeHead(200, { 'content-type': 'text/xml' }).end(envelope(`<done>${n}</done>`));
    });
  });
  await new Promise<void>((resolve) => backend?.listen(backendPort, '127.0.0.1', resolve));
  seedStudio = await startSeedStudio('iterate-aggregate');
});

test.afterAll(async () => {
  await seedStudio?.stop();
  await new Promise((resolve) => backend?.close(resolve));
});

test('iterate → call → aggregate built by mouse; Try-it shows the gathered response', async ({
  page,
  guard,
}) => {
  await openSeedStudio(page, guard, seedStudio);
  const xml = () => modelText(page, 'gatherSeq');

  await test.step('gatherSeq: an iterate over //item, its target a container', async () => {
    await createArtifact(page, 'sequence', 'gatherSeq');
    await dragFromPalette(page, 'iterate', slot(page, 'sequence', 0));
    await expect(node(page, 'sequence/0')).toHaveAttribute('data-kind', 'iterate');
    await inspecting(page, 'sequence/0');
    await expect(page.getByTestId('field-expression')).toHaveValue('//item');
    // The target's sequence is a container on the canvas, with a drop slot of its own.
    await expect(slot(page, 'sequence/0/target', 0)).toBeVisible();
  });

  await test.step('a call to the back end, dropped into the target', async () => {
    await dragFromPalette(page, 'call', slot(page, 'sequence/0/target', 0));
    await expect(node(page, 'sequence/0/target/0')).toHaveAttribute('data-kind', 'call');
    await inspecting(page, 'sequence/0/target/0');
    await expect(page.getByTestId('field-endpoint-mode')).toHaveValue('inline');
    const uri = `http://127.0.0.1:${backendPort}/item`;
    await page.getByTestId('field-endpoint').fill(uri);
    await expect(summary(page, 'sequence/0/target/0')).toHaveText(`call → ${uri}`);
  });

  await test.step('an aggregate after the iterate gathers //done; respond in its onComplete', async () => {
    await dragFromPalette(page, 'aggregate', slot(page, 'sequence', 1));
    await expect(node(page, 'sequence/1')).toHaveAttribute('data-kind', 'aggregate');
    await inspecting(page, 'sequence/1');
    await typeInto(page, 'field-onComplete-expression', '//done');
    await typeInto(page, 'field-completeCondition-timeout', '10');
    await expect(summary(page, 'sequence/1')).toHaveText('aggregate //done');
    await expect(slot(page, 'sequence/1/onComplete', 0)).toBeVisible();
    await dragFromPalette(page, 'respond', slot(page, 'sequence/1/onComplete', 0));
    await expect(node(page, 'sequence/1/onComplete/0')).toHaveAttribute('data-kind', 'respond');
  });

  await test.step('the model holds the sequence as built', async () => {
    const text = await xml();
    expect(text).toMatch(
      /<iterate expression="\/\/item">\s*<target>\s*<sequence>\s*<call>\s*<endpoint>\s*<address uri="http:\/\/127\.0\.0\.1:\d+\/item"\/>\s*<\/endpoint>\s*<\/call>\s*<\/sequence>\s*<\/target>\s*<\/iterate>/,
    );
    expect(text).toMatch(/<aggregate>[\s\S]*<completeCondition timeout="10">/);
    expect(text).toMatch(/<onComplete expression="\/\/done">\s*<respond\/>\s*<\/onComplete>\s*<\/aggregate>/);
  });

  await test.step('gatherProxy: a proxy whose in-sequence is gatherSeq', async () => {
    await createArtifact(page, 'proxy', 'gatherProxy');
    await typeInto(page, 'artifact-field-transports', 'http,https');
    await typeInto(page, 'artifact-field-target.inSequence', 'gatherSeq');
  });

  await test.step('Deploy from the studio', async () => {
    await deployFromStudio(page);
    await dismissToasts(page);
  });

  await test.step('Try-it: three items in, one envelope with the three answers out', async () => {
    await page.getByTestId('dock-tab-try').click();
    await page.getByTestId('tryit-mode-http').click();
    const url = `http://127.0.0.1:${seedStudio?.ports.http}/services/gatherProxy`;
    const items = '<items><item>1</item><item>2</item><item>3</item></items>';
    const res = await tryHttp(page, url, envelope(items), 'Content-Type: text/xml');
    expect(res.status).toBe('200');
    expect(res.body).toContain(SOAP_NS);
    // Parallel calls answer in any order; the gather holds each answer once.
    const done = [...res.body.matchAll(/<done>(\d+)<\/done>/g)].map((m) => m[1]).sort();
    expect(done).toEqual(['1', '2', '3']);
    // Each split message carried one item to the back end.
    expect(received.map((b) => /<item>(\d+)<\/item>/.exec(b)?.[1]).sort()).toEqual(['1', '2', '3']);
    expect(received.every((b) => (b.match(/<item>/g) ?? []).length === 1)).toBe(true);
  });
});
