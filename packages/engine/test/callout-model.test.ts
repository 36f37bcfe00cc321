/**
 * The callout mediator in the model: reading, byte-for-byte round trip, and the diagnostics of
 * CalloutMediatorFactory's rules (what it refuses is an error, what it ignores a warning).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildProject,
  definitionOf,
  findArtifact,
  insertMediator,
  serializeArtifact,
  validateProject,
  type MediatorNode,
  type Project,
} from '../src/model/index.js';
import { decodeXmlBytes } from '../src/model/xml/xml-encoding.js';
import { HAS_SHARED, SHARED_DIR, SHARED_SKIP_REASON } from './shared-dir.js';

const S =
  'xmlns:s11="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s12="http://www.w3.org/2003/05/soap-envelope"';
// MI's sample 430 (synapse_sample_430.xml), as its integration tests write it.
const SEQ = `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">
    <callout serviceURL="http://localhost:9000/services/SimpleStockQuoteService"
             action="urn:getQuote">
        <source ${S}
                xpath="s11:Body/child::*[fn:position()=1] | s12:Body/child::*[fn:position()=1]"/>
        <target ${S}
                xpath="s11:Body/child::*[fn:position()=1] | s12:Body/child::*[fn:position()=1]"/>
    </callout>
    <callout endpointKey="ep"><source type="envelope"/><target key="answer"/></callout>
    <callout/>
    <property name="RESPONSE" value="true"/>
    <header name="To" action="remove"/>
    <send/>
</sequence>
`;
const EP = `<endpoint name="ep" xmlns="http://ws.apache.org/ns/synapse"><address uri="http://localhost:9/x"/></endpoint>`;
const ref = { type: 'sequence', name: 's' } as const;

function project(xml = SEQ): Project {
  const { project, diagnostics } = buildProject('', [
    { path: 'artifacts/sequences/s.xml', text: xml },
    { path: 'artifacts/endpoints/ep.xml', text: EP },
  ]);
  expect(diagnostics).toEqual([]);
  return project;
}

const body = (p: Project): readonly MediatorNode[] => findArtifact(p, ref)!.lists[0]!.mediators;

/** The diagnostics of a one-sequence project with `callout` as its body. */
function diagnosticsOf(callout: string) {
  const xml = `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">\n${callout}\n</sequence>`;
  return validateProject(project(xml)).filter((d) => d.artifact === 's');
}

describe('callout: reading', () => {
  it('reads serviceURL, action, source and target, endpointKey and the bare form (CalloutMediatorFactory)', () => {
    const [a, b, c] = body(project());
    expect(a!.kind).toBe('callout');
    expect(a!.values).toMatchObject({
      serviceURL: 'http://localhost:9000/services/SimpleStockQuoteService',
      action: 'urn:getQuote',
      source: { xpath: 's11:Body/child::*[fn:position()=1] | s12:Body/child::*[fn:position()=1]' },
      target: { xpath: 's11:Body/child::*[fn:position()=1] | s12:Body/child::*[fn:position()=1]' },
    });
    expect(b!.values).toMatchObject({
      endpointKey: 'ep',
      source: { type: 'envelope' },
      target: { key: 'answer' },
    });
    expect(c!.values.serviceURL).toBeUndefined();
    expect(definitionOf('callout').summary(a!.values)).toBe('callout → http://localhost:9000/services/…');
    expect(definitionOf('callout').summary(c!.values)).toBe('callout → To address');
  });

  it('round-trips byte for byte and validates clean', () => {
    const p = project();
    expect(serializeArtifact(findArtifact(p, ref)!)).toBe(SEQ);
    expect(validateProject(p)).toEqual([]);
  });

  it('is in the Endpoints palette group, and its template validates', () => {
    expect(definitionOf('callout').group).toBe('Endpoints');
    const p = insertMediator(project(), { artifact: ref, list: ['sequence'], index: 0, kind: 'callout' });
    expect(body(p)[0]!.kind).toBe('callout');
    expect(validateProject(p)).toEqual([]);
  });
});

describe('callout: validation', () => {
  it("a <source> or <target> without 'xpath' or 'key' is an error (CalloutMediatorFactory: handleException)", () => {
    const found = diagnosticsOf(
      '    <callout serviceURL="http://h/s">\n        <source/>\n        <target/>\n    </callout>',
    );
    expect(found.map((d) => [d.severity, d.code, d.field])).toEqual([
      ['error', 'CALLOUT_SOURCE_EMPTY', 'source'],
      ['error', 'CALLOUT_TARGET_EMPTY', 'target'],
    ]);
  });

  it('initAxis2ClientOptions must be a boolean and a source XPath must parse (errors); a missing endpoint warns', () => {
    const found = diagnosticsOf(
      `    <callout endpointKey="nope" initAxis2ClientOptions="maybe">\n        <source xpath="//a[" />\n    </callout>`,
    );
    // An endpoint key is looked up at run time (MI: synCtx.getEndpoint), so a missing one warns.
    expect(found.map((d) => [d.severity, d.code, d.field])).toEqual([
      ['warning', 'REF_ENDPOINT_MISSING', 'endpointKey'],
      ['error', 'BOOLEAN_VALUE', 'initAxis2ClientOptions'],
      ['error', 'EXPRESSION_SYNTAX', 'xpath'],
    ]);
  });

  it('what MI ignores is a warning: endpointKey beside serviceURL, an empty serviceURL, a source type other than envelope', () => {
    const found = diagnosticsOf(
      '    <callout serviceURL="" endpointKey="ep">\n        <source type="body" xpath="//a"/>\n    </callout>',
    );
    expect(found.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'CALLOUT_ENDPOINT_SHADOWED'],
      ['warning', 'CALLOUT_SERVICE_URL_EMPTY'],
      ['warning', 'CALLOUT_SOURCE_TYPE'],
    ]);
    expect(found[0]!.message).toBe('The callout uses serviceURL; endpointKey is ignored (as in MI).');
  });

  it('<configuration> and a keyed <enableSec> are accepted with a warning; <enableSec> without a policy is an error', () => {
    const found = diagnosticsOf(
      '    <callout serviceURL="http://h/s">\n        <configuration axis2xml="a.xml" repository="repo"/>\n        <enableSec policy="sec_policy"/>\n    </callout>',
    );
    expect(found.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['warning', 'CALLOUT_CONFIGURATION_IGNORED', 3],
      ['warning', 'CALLOUT_SEC_IGNORED', 4],
    ]);
    const bad = diagnosticsOf('    <callout serviceURL="http://h/s">\n        <enableSec/>\n    </callout>');
    expect(bad.map((d) => [d.severity, d.code])).toEqual([['error', 'CALLOUT_SEC_POLICY']]);
  });
});

describe.skipIf(!HAS_SHARED)(
  HAS_SHARED ? 'callout: the real-world corpus' : `callout: the real-world corpus (${SHARED_SKIP_REASON})`,
  () => {
    it('every corpus file with a <callout> reads it and has no callout error', () => {
      const dir = join(SHARED_DIR, 'conformance', 'synapse-corpus');
      const files = (readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => f.endsWith('.xml'))
        .filter((f) => readFileSync(join(dir, f), 'utf8').includes('<callout'));
      expect(files.length).toBeGreaterThan(5);
      for (const f of files) {
        const text = decodeXmlBytes(readFileSync(join(dir, f)));
        const { project } = buildProject('', [{ path: f, text }]);
        const errors = validateProject(project).filter(
          (d) => d.severity === 'error' && (d.code.startsWith('CALLOUT') || d.message.includes('<callout')),
        );
        expect(errors, f).toEqual([]);
      }
    });
  },
);
