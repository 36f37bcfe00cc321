/**
 * An import applies the one artifact-name rule (the engine's artifactNameProblem, also
 * validation's and the API's): a name no platform can hold as a file is left out with the rule's
 * reason, instead of being written and then refused.
 */
import { describe, expect, it } from 'vitest';
import { planImport } from '../src/import/plan-import.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

describe('import names', () => {
  it('leaves out what the name rule refuses, with its reason, and imports the rest', () => {
    const xml = `<definitions ${NS}>
    <sequence name="ok"><log/></sequence>
    <sequence name="aux"><log/></sequence>
    <endpoint name="trailing."><address uri="ws://localhost:8082/"/></endpoint>
    <localEntry>text</localEntry>
</definitions>
`;
    const plan = planImport({
      kind: 'definitions',
      label: 'synapse.xml',
      name: 'synapse',
      xml: [{ from: 'synapse.xml', text: xml }],
      skipped: [],
    });
    expect([...plan.files.keys()]).toEqual(['artifacts/sequences/ok.xml']);
    const bad = plan.report.skipped.filter((s) => s.kind === 'bad-name');
    expect(bad.map((s) => s.what)).toEqual(["sequence 'aux'", "endpoint 'trailing.'", "localEntry ''"]);
    expect(bad[0]?.reason).toContain('AUX is a device name on Windows');
    expect(bad[1]?.reason).toContain("may not end with '.'");
    expect(bad[2]?.reason).toBe('It has no key.');
  });
});
