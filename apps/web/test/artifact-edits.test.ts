/**
 * The studio's project-level edits (proposed for the engine): artifact fields, parameters,
 * inline sequences, renames, and the clipboard fragment; each leaves untouched text as it was.
 */
import { artifactPath, insertMediator, serializeArtifact, type Project } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import { findByKey } from '../src/model/artifact-keys.js';
import {
  addArtifact,
  ensureElement,
  mediatorFragment,
  renameArtifact,
  setArtifactAttribute,
  setParameters,
} from '../src/model/artifact-edits.js';
import { pendingChanges } from '../src/state/selectors.js';
import { DISPATCH, DISPATCH_FILE, seedProject } from './fixtures.js';

const PROXY = artifactPath('proxy', 'websocketProxy1');
const INBOUND = artifactPath('inboundEndpoint', 'in1');
const text = (p: Project, key: string) => serializeArtifact(findByKey(p.artifacts, key)!);

describe('artifact forms', () => {
  it('builds the seed proxy from the template and the form', () => {
    let p = addArtifact(seedProject(), 'proxy', 'websocketProxy1');
    p = setArtifactAttribute(p, PROXY, ['target'], 'inSequence', 'dispatchSeq');
    p = setArtifactAttribute(p, PROXY, ['target'], 'faultSequence', 'outDispatchSeq');
    expect(text(p, PROXY)).toContain('<target inSequence="dispatchSeq" faultSequence="outDispatchSeq"/>');
    const a = findByKey(p.artifacts, PROXY)!;
    expect(a.type === 'proxy' && a.target?.inSequence).toBe('dispatchSeq');
  });

  it('creates a missing element for an attribute, and adds an inline sequence with a canvas', () => {
    let p = addArtifact(seedProject(), 'endpoint', 'ep');
    const key = artifactPath('endpoint', 'ep');
    p = setArtifactAttribute(p, key, ['address'], 'uri', 'ws://x:1/');
    expect(text(p, key)).toContain('<address uri="ws://x:1/"/>');
    p = addArtifact(p, 'proxy', 'websocketProxy1');
    p = ensureElement(p, PROXY, ['target', 'inSequence']);
    expect(text(p, PROXY)).toContain('    <target>\n        <inSequence/>\n    </target>');
    expect(findByKey(p.artifacts, PROXY)!.lists.map((l) => l.key)).toEqual(['inSequence']);
  });

  it('a new inbound endpoint listens on the next port nobody in the project uses', () => {
    let p = addArtifact(seedProject(), 'inboundEndpoint', 'in1');
    expect(text(p, INBOUND)).toContain('<parameter name="inbound.ws.port">9092</parameter>');
    p = addArtifact(p, 'inboundEndpoint', 'in2');
    expect(text(p, artifactPath('inboundEndpoint', 'in2'))).toContain(
      '<parameter name="inbound.ws.port">9093</parameter>',
    );
  });

  it('edits inbound parameters in place, adds and removes rows', () => {
    let p = addArtifact(seedProject(), 'inboundEndpoint', 'in1');
    p = setParameters(
      p,
      INBOUND,
      [
        { name: 'inbound.ws.port', value: '9093' },
        { name: 'ws.outflow.dispatch.sequence', value: 'outDispatchSeq' },
      ],
      'parameters',
    );
    expect(text(p, INBOUND)).toContain(
      '        <parameter name="inbound.ws.port">9093</parameter>\n        <parameter name="ws.outflow.dispatch.sequence">outDispatchSeq</parameter>\n',
    );
    p = setParameters(
      p,
      INBOUND,
      [{ name: 'ws.outflow.dispatch.sequence', value: 'outDispatchSeq' }],
      'parameters',
    );
    expect(text(p, INBOUND)).not.toContain('inbound.ws.port');
  });
});

describe('renames and the clipboard', () => {
  it('a rename is saved as a write under the new name and a delete of the old file', () => {
    const p = renameArtifact(seedProject(), DISPATCH_FILE, 'dispatch2');
    const c = pendingChanges(p, { [DISPATCH_FILE]: { xml: DISPATCH, rev: 'r1' } });
    const put = c.puts.find((x) => x.from === DISPATCH_FILE)!;
    expect(put.to).toBe('artifacts/sequences/dispatch2.xml');
    expect(c.deletes).toEqual([DISPATCH_FILE]);
  });

  it('copies a nested mediator at column 0 and pastes it with the target indentation', () => {
    const p = seedProject();
    const a = findByKey(p.artifacts, DISPATCH_FILE)!;
    const xml = mediatorFragment(a, ['sequence', 0, 'body', 2])!;
    expect(xml).toBe(
      '<send>\n    <endpoint>\n        <address uri="ws://localhost:8082/websocket"/>\n    </endpoint>\n</send>',
    );
    const next = insertMediator(p, {
      artifact: { type: 'sequence', name: 'dispatchSeq' },
      list: ['sequence'],
      index: 1,
      xml,
    });
    expect(text(next, DISPATCH_FILE)).toContain(
      '    </in>\n    <send>\n        <endpoint>\n            <address uri="ws://localhost:8082/websocket"/>\n        </endpoint>\n    </send>\n</sequence>',
    );
  });
});
