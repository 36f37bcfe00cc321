/**
 * A rename writes several files as one (file-transaction.ts). On a copy of the seed, with the
 * store's writer made to fail on the second file — after the first is written — the project is
 * put back exactly as it was. When restoring fails too (as when the process dies half way), the
 * journal stays and the next start's `recover` puts the files back.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DISK_WRITER, type FileWriter } from '../src/project-store/file-transaction.js';
import { ProjectStore, revisionOf } from '../src/project-store/project-store.js';
import { ApiFailure } from '../src/api-failure.js';
import { Cleanup, freePort, seedProject, tempDir, treeBytes } from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

async function seed(): Promise<string> {
  return seedProject(path.join(tempDir('mediate-test-', cleanup), 'seed'), {
    wsPort: await freePort(),
    httpPort: await freePort(),
    backendUrl: 'ws://127.0.0.1:9/websocket',
  });
}

/**
 * The disk writer, failing on the first write to `failOn` and (with `thenEverything`) on every
 * call after it; it records what it was asked to do.
 */
function failingWriter(root: string, failOn: string, thenEverything = false) {
  const calls: string[] = [];
  let failed = false;
  const check = (op: string, file: string) => {
    const rel = path.relative(root, file).split(path.sep).join('/');
    calls.push(`${op} ${rel}`);
    if ((op === 'write' && rel === failOn && !failed) || (failed && thenEverything)) {
      failed = true;
      throw new Error(`disk full writing ${rel}`);
    }
  };
  const writer: FileWriter = {
    write: async (file, data) => {
      check('write', file);
      await DISK_WRITER.write(file, data);
    },
    remove: async (file) => {
      check('remove', file);
      await DISK_WRITER.remove(file);
    },
  };
  return { writer, calls };
}

async function storeWith(root: string, writer: FileWriter): Promise<ProjectStore> {
  const store = new ProjectStore(root, writer);
  cleanup.add(() => store.checker.close());
  return store;
}

const SEQ = 'artifacts/sequences/outDispatchSeq.xml';
const rev = async (root: string) => revisionOf(await readFile(path.join(root, SEQ), 'utf8'));

describe('a rename that fails half way', () => {
  it('puts back the file it had written: the project is exactly as before', async () => {
    const root = await seed();
    const before = await treeBytes(root);
    const { writer, calls } = failingWriter(root, 'artifacts/proxy-services/websocketProxy1.xml');
    const store = await storeWith(root, writer);
    const failure = await store
      .rename('sequences', 'outDispatchSeq', 'replySeq', await rev(root))
      .catch((e) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ status: 500, code: 'RENAME_FAILED' });
    expect(failure.message).toBe(
      "Renaming 'outDispatchSeq' failed, and every file is as it was: disk full writing artifacts/proxy-services/websocketProxy1.xml",
    );
    // Half way: the inbound endpoint was written before the proxy failed, then restored.
    expect(calls).toEqual([
      'write artifacts/inbound-endpoints/WebSocketInbound.xml',
      'write artifacts/proxy-services/websocketProxy1.xml',
      'write artifacts/inbound-endpoints/WebSocketInbound.xml',
      'write artifacts/proxy-services/websocketProxy1.xml',
    ]);
    expect(await treeBytes(root)).toEqual(before);
  });

  it('when restoring fails too, the journal stays and recover() at the next start puts everything back', async () => {
    const root = await seed();
    const before = await treeBytes(root);
    const { writer } = failingWriter(root, 'artifacts/proxy-services/websocketProxy1.xml', true);
    const store = await storeWith(root, writer);
    const failure = await store
      .rename('sequences', 'outDispatchSeq', 'replySeq', await rev(root))
      .catch((e) => e);
    expect(failure).toMatchObject({ status: 500, code: 'RENAME_FAILED' });
    expect(failure.message).toMatch(
      /^Renaming 'outDispatchSeq' failed half way: disk full writing .*; restoring the files changed before that failed too, so artifacts\/inbound-endpoints\/WebSocketInbound.xml, artifacts\/proxy-services\/websocketProxy1.xml may not be as they were/,
    );
    const broken = await treeBytes(root);
    expect(broken).not.toEqual(before);
    expect(Object.keys(broken)).toContain('.mediate/transaction.json');

    const restarted = await storeWith(root, DISK_WRITER);
    expect(await restarted.recover()).toEqual([
      'artifacts/inbound-endpoints/WebSocketInbound.xml',
      'artifacts/proxy-services/websocketProxy1.xml',
      'artifacts/sequences/replySeq.xml',
      'deployment.toml',
      SEQ,
    ]);
    expect(await treeBytes(root)).toEqual(before);
    // Nothing left to recover.
    expect(await restarted.recover()).toEqual([]);
  });
});
