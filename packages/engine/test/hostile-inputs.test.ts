/**
 * Issue 18, F3–F6: inputs that used to be taken as if they were fine.
 *
 * - F3: Synapse configuration outside the Synapse namespace (MI finds its factories by
 *   qualified name: MediatorFactoryFinder, the artifact deployers) is an error where it stands.
 * - F4: bytes that are not UTF-8 are reported at their offset, never replaced with U+FFFD.
 * - F5: Windows device names are not artifact names (the project must open everywhere).
 * - F6: a sequence, an endpoint and a local entry cannot share a key: MI keeps them in one local
 *   registry (SynapseConfiguration.assertAlreadyExists, wso2/wso2-synapse).
 */
import { describe, expect, it } from 'vitest';
import {
  artifactNameProblem,
  buildProject,
  decodeXmlFile,
  firstInvalidUtf8,
  validateProject,
  type Diagnostic,
} from '../src/model/index.js';

const SYN = 'http://ws.apache.org/ns/synapse';
const NS = `xmlns="${SYN}"`;

function diagnosticsOf(files: Record<string, string>): Diagnostic[] {
  const { project, diagnostics } = buildProject(
    '',
    Object.entries(files).map(([path, text]) => ({ path, text })),
  );
  return [...diagnostics, ...validateProject(project)];
}

const only = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

describe('F3: the Synapse namespace', () => {
  it('refuses a proxy in another namespace, at its start tag', () => {
    const ds = diagnosticsOf({
      'artifacts/proxy-services/evil.xml': `<proxy xmlns="http://evil.example/ns" name="evil" transports="http">\n  <target><inSequence><respond/></inSequence></target>\n</proxy>\n`,
    });
    const [root, ...rest] = only(ds, 'NOT_SYNAPSE_NAMESPACE');
    expect(root).toMatchObject({ severity: 'error', artifact: 'evil', line: 1, column: 1 });
    expect(root!.message).toBe(
      `<proxy> is in the namespace 'http://evil.example/ns'; MI reads Synapse configuration only in '${SYN}' and would not know this element (declare xmlns="${SYN}" on it).`,
    );
    // The target, inSequence and respond inherit the foreign namespace: each is reported once.
    expect(rest.map((d) => [d.line, d.column])).toEqual([
      [2, 3],
      [2, 11],
      [2, 23],
    ]);
  });

  it('refuses a mediator in another namespace inside a Synapse sequence, and a root in none', () => {
    const ds = diagnosticsOf({
      'artifacts/sequences/s.xml': `<sequence name="s" ${NS}>\n    <log level="full"/>\n    <x:log xmlns:x="urn:other" level="full"/>\n</sequence>\n`,
      'artifacts/sequences/bare.xml': `<sequence name="bare"><log/></sequence>\n`,
    });
    const found = only(ds, 'NOT_SYNAPSE_NAMESPACE').map((d) => [
      d.artifact,
      d.line,
      d.column,
      d.message.split(';')[0],
    ]);
    expect(found).toEqual([
      ['s', 3, 5, "<x:log> is in the namespace 'urn:other'"],
      ['bare', 1, 1, '<sequence> is in no namespace'],
      ['bare', 1, 23, '<log> is in no namespace'],
    ]);
  });

  it('takes a prefixed Synapse namespace, and any XML where Synapse allows any (inline values)', () => {
    const ds = diagnosticsOf({
      'artifacts/sequences/p.xml': `<syn:sequence name="p" xmlns:syn="${SYN}">\n  <syn:property name="doc" scope="default" type="OM"><order xmlns="urn:shop"><id>1</id></order></syn:property>\n</syn:sequence>\n`,
    });
    expect(only(ds, 'NOT_SYNAPSE_NAMESPACE')).toEqual([]);
  });

  it('takes an inbound endpoint or a local entry whose root is in no namespace, as MI does', () => {
    // InboundEndpointFactory.createInboundEndpoint and EntryFactory.createEntry read the root's
    // attributes only; the inbound endpoint's <parameters> are looked up by qualified name.
    const ds = diagnosticsOf({
      'artifacts/inbound-endpoints/in.xml': `<inboundEndpoint name="in" protocol="ws" sequence="s" onError="fault">\n  <p:parameters xmlns:p="${SYN}"><p:parameter name="inbound.ws.port">9300</p:parameter></p:parameters>\n</inboundEndpoint>\n`,
      'artifacts/local-entries/schema.xml': `<localEntry key="schema"><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/></localEntry>\n`,
      'artifacts/inbound-endpoints/bad.xml': `<inboundEndpoint name="bad" protocol="ws" sequence="s" onError="fault">\n  <parameters><parameter name="inbound.ws.port">9301</parameter></parameters>\n</inboundEndpoint>\n`,
      'artifacts/sequences/s.xml': `<sequence name="s" ${NS}><log/></sequence>\n`,
    });
    // The bare <parameters> of 'bad' are still refused: MI would not find them.
    expect(only(ds, 'NOT_SYNAPSE_NAMESPACE').map((d) => [d.artifact, d.line, d.column])).toEqual([
      ['bad', 2, 3],
      ['bad', 2, 15],
    ]);
  });
});

describe('F4: bytes that are not UTF-8', () => {
  it('finds the first byte of an ill-formed sequence (RFC 3629)', () => {
    const at = (...bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at(0x61, 0xc3, 0xa9, 0x62)).toBe(-1); // "aéb"
    expect(at(0x61, 0xff)).toBe(1); // never valid
    expect(at(0xc0, 0xaf)).toBe(0); // overlong "/"
    expect(at(0x61, 0xed, 0xa0, 0x80)).toBe(1); // a UTF-16 surrogate, encoded
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // above U+10FFFF
    expect(at(0x61, 0x62, 0xe2, 0x82)).toBe(2); // cut short at the end
  });

  it('reports a file with a stray Latin-1 byte at its offset, line and column, and does not read it', () => {
    const text = `<sequence name="s" ${NS}>\n  <log level="custom"><property name="x" value="caf`;
    const bytes = Buffer.concat([
      Buffer.from(text),
      Buffer.from([0xe9]),
      Buffer.from(`"/></log>\n</sequence>\n`),
    ]);
    const { problem, text: shown } = decodeXmlFile(bytes);
    expect(problem).toMatchObject({ code: 'XML_INVALID_UTF8', offset: Buffer.byteLength(text), line: 2 });
    expect(problem!.column).toBe(text.split('\n')[1]!.length + 1);
    expect(problem!.message).toContain(`byte offset ${Buffer.byteLength(text)} (E9 22 2F 3E)`);
    expect(shown).toContain('\uFFFD'); // for display only
    const { diagnostics, project } = buildProject('', [
      { path: 'artifacts/sequences/s.xml', text: shown, problem: problem! },
    ]);
    expect(project.artifacts).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'XML_INVALID_UTF8', artifact: 'artifacts/sequences/s.xml', line: 2 }),
    ]);
  });

  it('reads a file that declares ISO-8859-1 as Latin-1, with no problem', () => {
    const bytes = Buffer.concat([
      Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><sequence name="s" ${NS}><log/><!-- caf`),
      Buffer.from([0xe9]),
      Buffer.from(' --></sequence>'),
    ]);
    const { problem, text } = decodeXmlFile(bytes);
    expect(problem).toBeUndefined();
    expect(text).toContain('café');
  });
});

describe('F5: names every platform can hold', () => {
  it('refuses Windows device names in any case and with any extension', () => {
    for (const name of ['CON', 'nul', 'Aux', 'com1', 'LPT9', 'aux.txt', 'prn.backup.xml'])
      expect(artifactNameProblem(name), name).toMatch(/is a device name on Windows/);
    for (const name of ['console', 'CON1', 'com10', 'nullable', 'auxiliary.v2', 'my-con'])
      expect(artifactNameProblem(name), name).toBeUndefined();
    expect(artifactNameProblem('trailing.')).toMatch(/may not end with '\.'/);
  });

  it('is an error in validation, with the artifact it names', () => {
    const ds = diagnosticsOf({
      'artifacts/sequences/CON.xml': `<sequence name="CON" ${NS}><log/></sequence>`,
    });
    expect(only(ds, 'ARTIFACT_NAME_UNSAFE')).toEqual([
      expect.objectContaining({
        severity: 'error',
        artifact: 'CON',
        message:
          "Artifact name 'CON' cannot be used: CON is a device name on Windows, where the project could not be opened; choose another name.",
      }),
    ]);
  });
});

describe('F6: one key for sequences, endpoints and local entries', () => {
  it('refuses a second artifact of another type under a key already taken', () => {
    const ds = diagnosticsOf({
      'artifacts/sequences/shared.xml': `<sequence name="shared" ${NS}><log/></sequence>`,
      'artifacts/endpoints/shared.xml': `<endpoint name="shared" ${NS}><address uri="http://localhost:9/x"/></endpoint>`,
      'artifacts/local-entries/shared.xml': `<localEntry key="shared" ${NS}>text</localEntry>`,
      'artifacts/proxy-services/shared.xml': `<proxy name="shared" ${NS}><target><inSequence><respond/></inSequence></target></proxy>`,
    });
    const clashes = only(ds, 'REGISTRY_KEY_CLASH');
    // In file order: the sequence takes the key, the endpoint and the local entry clash with it;
    // the proxy has a table of its own in MI (proxy names may repeat a sequence's).
    expect(clashes.map((d) => [d.artifact, d.message.split(':')[0]])).toEqual([
      [
        'shared',
        "The endpoint 'shared' has the key of the sequence 'shared' (artifacts/sequences/shared.xml)",
      ],
      [
        'shared',
        "The local entry 'shared' has the key of the sequence 'shared' (artifacts/sequences/shared.xml)",
      ],
    ]);
    expect(clashes[0]!.message).toContain('("Duplicate endpoint definition for key : shared")');
  });
});
