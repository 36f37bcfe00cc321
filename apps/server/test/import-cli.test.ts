/**
 * `mediate import` as a real child process, on the fixtures in test/fixtures/import (an MI for
 * VS Code project, an Integration Studio multi-module project, a CApp zipped at test time, a
 * `<definitions>` file): what each imports, what the report says was left out and why, that an
 * existing folder is only replaced with --force, and that `validate` and `start` refuse an MI
 * project or an empty folder with the import command to run (exit 1).
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mediateRun } from './helpers/child.js';
import { Cleanup, freePort, serverDir, tempDir } from './helpers/server.js';
import { zipFolder } from '@mediate/engine/testing';
import yazl from 'yazl';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

const FIXTURES = path.join(serverDir, 'test/fixtures/import');
const MI_VSCODE = path.join(FIXTURES, 'mi-vscode/HelloWorldProject');
const STUDIO = path.join(FIXTURES, 'integration-studio/OrdersIntegration');
const DEFINITIONS = path.join(FIXTURES, 'definitions/synapse.xml');

const run = (...args: string[]) => mediateRun(cleanup, args);

/** `artifacts/<folder>/<name>.xml` files of a project, sorted. */
async function artifactFiles(project: string): Promise<string[]> {
  const out: string[] = [];
  for (const folder of (await readdir(path.join(project, 'artifacts'))).sort())
    for (const f of (await readdir(path.join(project, 'artifacts', folder))).sort())
      out.push(`${folder}/${f}`);
  return out;
}

/** The report's "Not imported" lines, without the two-space indent. */
function skippedLines(stdout: string): string[] {
  const lines = stdout.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Not imported ('));
  if (at === -1) return [];
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => !l.startsWith('  '));
  return rest.slice(0, end === -1 ? rest.length : end).map((l) => l.trim());
}

describe('mediate import', () => {
  it('imports an MI for VS Code project, byte for byte, and lists what it left out and why', async () => {
    const into = path.join(tempDir('mediate-test-', cleanup), 'hello');
    const r = await run('import', MI_VSCODE, '--into', into);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`(MI for VS Code project) into ${into}`);
    expect(r.stdout).toMatch(
      /^ {2}apis\/HelloWorldAPI +from src\/main\/wso2mi\/artifacts\/apis\/HelloWorldAPI\.xml$/m,
    );
    expect(await artifactFiles(into)).toEqual([
      'apis/HelloWorldAPI.xml',
      'apis/UpperCaseAPI.xml',
      'endpoints/BackendEP.xml',
      'message-stores/OrdersStore.xml',
      'sequences/LogRequestSeq.xml',
      'sequences/UpperCaseSeq.xml',
      'templates/LogTemplate.xml',
    ]);
    const source = path.join(MI_VSCODE, 'src/main/wso2mi/artifacts/apis/HelloWorldAPI.xml');
    expect(await readFile(path.join(into, 'artifacts/apis/HelloWorldAPI.xml'), 'utf8')).toBe(
      await readFile(source, 'utf8'),
    );
    expect(await readFile(path.join(into, 'deployment.toml'), 'utf8')).toBe(
      await readFile(path.join(MI_VSCODE, 'deployment/deployment.toml'), 'utf8'),
    );
    expect(r.stdout).toContain('deployment.toml: copied from deployment/deployment.toml');
    expect(skippedLines(r.stdout)).toEqual([
      'src/main/java/com/example/mediators/UpperCaseMediator.java: class mediator: Mediate does not run Java class mediators.',
      expect.stringMatching(
        /^src\/main\/wso2mi\/artifacts\/sequences\/BrokenSeq\.xml:4:1: XML file: It does not parse: .*<\/sequence>.*<log>/,
      ),
      'src/main/wso2mi/resources/metadata/HelloWorldAPI_metadata.yaml: API metadata: Mediate does not use API metadata (Swagger).',
      'src/main/wso2mi/resources/registry/gov/xslt/transform.xslt: registry resource: Mediate has no registry.',
    ]);
    // The class mediator's sequence imports (as written) and is reported by validation.
    expect(r.stdout).toContain('Validation: 1 error, 0 warnings in 8 files');
    expect(r.stdout).toMatch(/artifacts\/sequences\/UpperCaseSeq\.xml:3:5 error MEDIATOR_UNSUPPORTED/);
    expect(r.stdout).toContain(`Start it: mediate start --project ${into}`);
  });

  it('imports an Integration Studio multi-module project: the ESB config module and the Docker exporter’s deployment.toml', async () => {
    const into = path.join(tempDir('mediate-test-', cleanup), 'orders');
    const r = await run('import', STUDIO, '--into', into);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(Integration Studio project)');
    expect(await artifactFiles(into)).toEqual([
      'apis/OrdersAPI.xml',
      'endpoints/InventoryEP.xml',
      'inbound-endpoints/OrdersWsInbound.xml',
      'local-entries/OrdersConfig.xml',
      'proxy-services/OrdersProxy.xml',
      'sequences/OrdersInSeq.xml',
      'templates/NotifyTemplate.xml',
    ]);
    expect(r.stdout).toContain(
      'deployment.toml: copied from OrdersIntegrationDockerExporter/deployment.toml',
    );
    const skipped = skippedLines(r.stdout);
    const configs = 'OrdersIntegrationConfigs/src/main/synapse-config';
    expect(skipped).toEqual([
      `${configs}/message-processors/OrdersProcessor.xml: message processor 'OrdersProcessor': Mediate does not run message processors.`,
      `${configs}/tasks/PollOrdersTask.xml: scheduled task 'PollOrdersTask': Mediate does not run scheduled tasks.`,
      'OrdersIntegrationDataServiceConfigs/dataservice/OrdersDS.dbs: data service: Mediate does not run data services.',
      'OrdersIntegrationRegistryResources/orders-schema.xsd: registry resource: Mediate has no registry.',
    ]);
    expect(r.stdout).toContain('Validation: 0 errors, 0 warnings in 8 files');
    expect((await run('validate', into)).code).toBe(0);
  });

  it('imports a CApp (.car): the artifacts its artifact.xml files name, by type', async () => {
    const dir = tempDir('mediate-test-', cleanup);
    const car = path.join(dir, 'GreetingCApp_1.0.0.car');
    await writeFile(car, await zipFolder(path.join(FIXTURES, 'capp/GreetingCApp_1.0.0'), new yazl.ZipFile()));
    const r = await run('import', car, '--into', path.join(dir, 'out'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(CApp)');
    expect(await artifactFiles(path.join(dir, 'out'))).toEqual([
      'apis/GreetingAPI.xml',
      'endpoints/GreetingEP.xml',
      'inbound-endpoints/GreetingWsInbound.xml',
      'sequences/GreetingSeq.xml',
      'templates/GreetingTemplate.xml',
    ]);
    expect(r.stdout).toMatch(
      /^ {2}sequences\/GreetingSeq +from .*GreetingCApp_1\.0\.0\.car!\/GreetingSeq_1\.0\.0\/GreetingSeq-1\.0\.0\.xml$/m,
    );
    expect(r.stdout).toContain('deployment.toml: a default one');
    expect(skippedLines(r.stdout)).toEqual([
      `${car}!/GreetingResources_1.0.0/: registry resource 'GreetingResources': Mediate has no registry.`,
      `${car}!/UpperCaseMediator_1.0.0/: class mediator 'UpperCaseMediator': Mediate does not run Java class mediators.`,
    ]);
  });

  it('imports a <definitions> file, split into one file per artifact', async () => {
    const into = path.join(tempDir('mediate-test-', cleanup), 'defs');
    const r = await run('import', DEFINITIONS, '--into', into);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(<definitions> file)');
    expect(await artifactFiles(into)).toEqual([
      'endpoints/EchoEP.xml',
      'local-entries/EchoGreeting.xml',
      'message-stores/EchoStore.xml',
      'proxy-services/EchoProxy.xml',
      'sequences/EchoSeq.xml',
      'sequences/main.xml',
      'templates/EchoTemplate.xml',
    ]);
    expect(await readFile(path.join(into, 'artifacts/sequences/EchoSeq.xml'), 'utf8')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<sequence xmlns="http://ws.apache.org/ns/synapse" name="EchoSeq">\n    <log level="full"/>\n    <respond/>\n</sequence>\n',
    );
    expect(skippedLines(r.stdout).map((l) => l.slice(DEFINITIONS.length + 2))).toEqual([
      "scheduled task 'EchoTask': Mediate does not run scheduled tasks.",
    ]);
    expect((await run('validate', into)).code).toBe(0);
  });

  it('never writes over an existing folder without --force; --force replaces only what Mediate owns', async () => {
    const dir = tempDir('mediate-test-', cleanup);
    const into = path.join(dir, 'HelloWorldProject');
    const first = await run('import', MI_VSCODE, '--into', into);
    expect(first.code).toBe(0);
    await writeFile(path.join(into, 'artifacts/sequences/Mine.xml'), '<sequence name="Mine"/>\n');

    const again = await run('import', DEFINITIONS, '--into', into);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `mediate import: ${into} already exists and is not empty; nothing was written. Choose another folder with --into, or add --force to replace its artifacts/, deployment.toml and .mediate/.\n`,
    );
    expect(await artifactFiles(into)).toContain('sequences/Mine.xml');

    await writeFile(path.join(into, 'NOTES.txt'), 'mine\n');
    const forced = await run('import', DEFINITIONS, '--into', into, '--force');
    expect(forced.code).toBe(0);
    expect(await artifactFiles(into)).not.toContain('sequences/Mine.xml');
    expect(await artifactFiles(into)).toContain('sequences/EchoSeq.xml');
    expect(await readFile(path.join(into, 'NOTES.txt'), 'utf8')).toBe('mine\n');
  });

  it('says clearly what it cannot import (exit 1) or find (exit 2)', async () => {
    const dir = tempDir('mediate-test-', cleanup);
    await mkdir(path.join(dir, 'docs'));
    await writeFile(path.join(dir, 'docs/readme.txt'), 'hello\n');
    const foreign = await run('import', path.join(dir, 'docs'));
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(
      /^mediate import: .*docs is not something Mediate can import: this folder has no src\/main\/wso2mi \(MI for VS Code project\), no src\/main\/synapse-config \(Integration Studio project\) and no artifacts\.xml/,
    );
    const missing = await run('import', path.join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`mediate import: no such file or folder: ${path.join(dir, 'nope')}\n`);
    const onlyTemplates = path.join(dir, 'tpl.xml');
    await writeFile(
      onlyTemplates,
      '<template name="t" xmlns="http://ws.apache.org/ns/synapse"><endpoint name="e"><address uri="http://localhost:9000/x"/></endpoint></template>\n',
    );
    const nothing = await run('import', onlyTemplates, '--into', path.join(dir, 'out'));
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toContain("endpoint template 't': Mediate does not run endpoint templates.");
    expect(nothing.stderr).toContain('there is nothing Mediate can import in it; no project was written.');
    await expect(readdir(path.join(dir, 'out'))).rejects.toThrow();
  });
});

describe('validate and start on something that is not a Mediate project', () => {
  it('an MI project: exit 1 and the exact import command', async () => {
    const v = await run('validate', MI_VSCODE);
    expect(v.code).toBe(1);
    expect(v.stdout).toBe('');
    expect(v.stderr).toBe(
      `mediate validate: ${MI_VSCODE} is an MI for VS Code project (it has src/main/wso2mi), not a Mediate project. Import it into a Mediate project first:\n  mediate import ${MI_VSCODE} --into ${MI_VSCODE}-mediate\n`,
    );
    const s = await run('start', '--project', STUDIO, '--port', String(await freePort()), '--no-backend');
    expect(s.code).toBe(1);
    expect(s.stderr).toBe(
      `mediate start: ${STUDIO} is an Integration Studio project (its module OrdersIntegrationConfigs has src/main/synapse-config), not a Mediate project. Import it into a Mediate project first:\n  mediate import ${STUDIO} --into ${STUDIO}-mediate\n`,
    );
  });

  it('a .car file: exit 1 and the import command', async () => {
    const dir = tempDir('mediate-test-', cleanup);
    const car = path.join(dir, 'app.car');
    await writeFile(car, await zipFolder(path.join(FIXTURES, 'capp/GreetingCApp_1.0.0'), new yazl.ZipFile()));
    const v = await run('validate', car);
    expect(v.code).toBe(1);
    expect(v.stderr).toBe(
      `mediate validate: ${car} is a zip archive (a CApp?), not a project folder. Import it into a Mediate project first:\n  mediate import ${car} --into ${path.join(dir, 'app')}-mediate\n`,
    );
  });

  it('an empty folder, or artifacts/ with nothing in it and no deployment.toml: exit 1', async () => {
    const dir = tempDir('mediate-test-', cleanup);
    const v = await run('validate', dir);
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(
      /^mediate validate: .* is not a Mediate project: it has no artifacts\/ folder\. /,
    );
    await mkdir(path.join(dir, 'artifacts'));
    const empty = await run('validate', dir);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('its artifacts/ folder holds no artifacts and it has no deployment.toml');
    const s = await run('start', '--project', dir, '--port', String(await freePort()), '--no-backend');
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('is not a Mediate project');
    // With a deployment.toml it is an empty project, which is fine.
    await writeFile(path.join(dir, 'deployment.toml'), '');
    const ok = await run('validate', dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('0 errors, 0 warnings in 1 file\n');
  });
});
