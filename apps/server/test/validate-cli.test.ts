/**
 * `mediate validate` (and the placeholder commands) run as a real child process, on project
 * folders written to a temporary directory. The CLI runs from its TypeScript source through tsx,
 * with the `@mediate/source` condition, so these tests need no build.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeTemp, tempDir } from '@mediate/engine/testing';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `mediate <args>` from source; cwd is the server package, so `--import tsx` resolves. */
function mediate(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@mediate/source', 'src/cli.ts', ...args],
      { cwd: serverDir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');

let tmp: string;

/** Writes a project folder from `{ relative path: text }`; returns its absolute path. */
async function project(name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
  await mkdir(root, { recursive: true });
  return root;
}

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

const CLEAN: Record<string, string> = {
  'deployment.toml': '[transport.ws]\nsender.enable = true\n',
  'artifacts/sequences/dispatchSeq.xml': `${DECL}<sequence name="dispatchSeq" ${NS}>
  <log level="full"/>
  <send>
    <endpoint key="backendEp"/>
  </send>
</sequence>
`,
  'artifacts/sequences/outflowDispatchSeq.xml': `${DECL}<sequence name="outflowDispatchSeq" ${NS}>
  <respond/>
</sequence>
`,
  'artifacts/endpoints/backendEp.xml': `${DECL}<endpoint name="backendEp" ${NS}>
  <address uri="ws://localhost:8082/websocket"/>
</endpoint>
`,
  'artifacts/proxy-services/websocketProxy1.xml': `${DECL}<proxy name="websocketProxy1" transports="http https" ${NS}>
  <target inSequence="dispatchSeq"/>
</proxy>
`,
  'artifacts/inbound-endpoints/wsInbound.xml': `${DECL}<inboundEndpoint name="wsInbound" protocol="ws" sequence="dispatchSeq" onError="fault" suspend="false" ${NS}>
  <parameters>
    <parameter name="inbound.ws.port">9092</parameter>
    <parameter name="ws.outflow.dispatch.sequence">outflowDispatchSeq</parameter>
  </parameters>
</inboundEndpoint>
`,
};

beforeAll(() => {
  tmp = tempDir('mediate-validate-');
});

afterAll(() => removeTemp(tmp));

describe('mediate validate', () => {
  it('accepts a clean project: summary only, exit 0', async () => {
    const dir = await project('clean', CLEAN);
    const r = await mediate('validate', dir);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual(['0 errors, 0 warnings in 6 files']);
    expect(r.code).toBe(0);
  });

  it('reports malformed XML as file:line:col with the XML_ code, exit 1', async () => {
    const dir = await project('bad-xml', {
      ...CLEAN,
      'artifacts/sequences/broken.xml': `<sequence name="broken" ${NS}>\n  <log level="full">\n</sequence>\n`,
    });
    const r = await mediate('validate', dir);
    expect(lines(r.stdout)).toEqual([
      'artifacts/sequences/broken.xml:3:1 error XML_MISMATCHED_TAG End tag </sequence> does not match <log> opened at line 2, column 3.',
      '1 error, 0 warnings in 7 files',
    ]);
    expect(r.code).toBe(1);
  });

  it("names the artifact's file for reference errors, checks file names and folders, counts warnings", async () => {
    const dir = await project('mixed', {
      'artifacts/sequences/main.xml': `<sequence name="main" ${NS}>\n  <sequence key="nowhere"/>\n</sequence>\n`,
      // A sequence filed under proxy-services, and one whose file name is not its name.
      'artifacts/proxy-services/lost.xml': `<sequence name="lost" ${NS}>\n  <drop/>\n</sequence>\n`,
      'artifacts/sequences/renamed.xml': `<sequence name="original" ${NS}>\n  <drop/>\n</sequence>\n`,
      // Kept but not run: a warning.
      'artifacts/sequences/tpl.xml': `<template name="tpl" ${NS}>\n  <endpoint><address uri="http://localhost:9000/x"/></endpoint>\n</template>\n`,
    });
    const r = await mediate('validate', dir);
    const out = lines(r.stdout);
    expect(out).toContain(
      "artifacts/proxy-services/lost.xml:1:1 error ARTIFACT_FILE_MISMATCH This file holds sequence 'lost', which belongs in artifacts/sequences/lost.xml.",
    );
    expect(out).toContain(
      "artifacts/sequences/renamed.xml:1:1 error ARTIFACT_FILE_MISMATCH This file holds sequence 'original', which belongs in artifacts/sequences/original.xml.",
    );
    expect(
      out.some((l) => l.startsWith('artifacts/sequences/main.xml:2:3 error REF_SEQUENCE_MISSING ')),
    ).toBe(true);
    expect(
      out.some((l) => l.startsWith('artifacts/sequences/tpl.xml:1:1 warning ARTIFACT_UNSUPPORTED ')),
    ).toBe(true);
    expect(out.at(-1)).toBe('3 errors, 1 warning in 4 files');
    expect(r.code).toBe(1);
  });

  it('exits 2 with one clear line for a missing folder', async () => {
    const missing = path.join(tmp, 'does-not-exist');
    const r = await mediate('validate', missing);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([`mediate validate: no such directory: ${missing}`]);
    expect(r.code).toBe(2);
  });

  it('exits 2 when the path is a file', async () => {
    const dir = await project('file-not-dir', { 'deployment.toml': '' });
    const file = path.join(dir, 'deployment.toml');
    const r = await mediate('validate', file);
    expect(lines(r.stderr)).toEqual([`mediate validate: not a directory: ${file}`]);
    expect(r.code).toBe(2);
  });
});

describe('mediate (other commands)', () => {
  it('prints help for each command', async () => {
    const r = await mediate('start', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: mediate start [options]');
    expect(r.stdout).toContain('--port <port>');
    expect(r.stdout).toContain('(default: 9164)');
  });

  it('exits 2 on a usage error', async () => {
    const r = await mediate('validate');
    expect(r.stderr).toContain("missing required argument 'dir'");
    expect(r.code).toBe(2);
  });
});
