/**
 * Project-level edits: artifact fields, parameters, inline sequences, renames, and the clipboard
 * fragment; each leaves untouched text as it was.
 */
import { describe, expect, it } from 'vitest';
import {
  addArtifact,
  artifactPath,
  buildProject,
  ensureElement,
  findByKey,
  insertMediator,
  mediatorFragment,
  renameArtifact,
  serializeArtifact,
  setArtifactAttribute,
  setParameters,
  type Project,
} from '../src/model/index.js';

/** The seed's Example 2 dispatch sequence: a send nested in `<in>`. */
const DISPATCH = `<sequence name="dispatchSeq" xmlns="http://ws.apache.org/ns/synapse">
    <in>
        <property name="OUT_ONLY" value="true"/>
        <property name="FORCE_SC_ACCEPTED" scope="axis2" type="STRING" value="true"/>
        <send>
            <endpoint>
                <address uri="ws://localhost:8082/websocket"/>
            </endpoint>
        </send>
    </in>
</sequence>
`;
const DISPATCH_FILE = artifactPath('sequence', 'dispatchSeq');
const seedProject = (): Project => buildProject('', [{ path: DISPATCH_FILE, text: DISPATCH }]).project;
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
  it('a rename sets the name attribute, or the key of a local entry', () => {
    let p = renameArtifact(seedProject(), DISPATCH_FILE, 'dispatch2');
    expect(text(p, DISPATCH_FILE)).toContain('<sequence name="dispatch2"');
    p = addArtifact(p, 'localEntry', 'le');
    p = renameArtifact(p, artifactPath('localEntry', 'le'), 'le2');
    expect(text(p, artifactPath('localEntry', 'le'))).toContain('<localEntry key="le2"');
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
