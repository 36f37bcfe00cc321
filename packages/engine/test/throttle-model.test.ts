/**
 * The throttle mediator in the model: its branches and fields read, a byte-for-byte round trip,
 * located diagnostics for a bad policy (ThrottleMediatorFactory, ThrottleFactory,
 * ThrottlePolicyProcessor), and MI's own integration-test configurations and the corpus files
 * with a throttle validating.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildProject,
  findArtifact,
  insertMediator,
  parseXml,
  serializeArtifact,
  type XmlElement,
  validateProject,
  type Diagnostic,
  type MediatorNode,
  type Project,
} from '../src/model/index.js';
import { readThrottlePolicy } from '../src/model/catalog/throttle-policy.js';
import { decodeXmlBytes } from '../src/model/xml/xml-encoding.js';
import { HAS_SHARED, SHARED_DIR, SHARED_SKIP_REASON } from './shared-dir.js';

const NS = `xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" xmlns:throttle="http://www.wso2.org/products/wso2commons/throttle"`;
const control = (inner: string) =>
  `<wsp:Policy><throttle:ID throttle:type="IP">other</throttle:ID><wsp:Policy><throttle:Control><wsp:Policy>${inner}</wsp:Policy></throttle:Control></wsp:Policy></wsp:Policy>`;
const COUNTS =
  '<throttle:MaximumCount>4</throttle:MaximumCount><throttle:UnitTime>800000</throttle:UnitTime>';
const inlinePolicy = (assertion: string) =>
  `<policy>\n            <wsp:Policy ${NS}><throttle:MediatorThrottleAssertion>${assertion}</throttle:MediatorThrottleAssertion></wsp:Policy>\n        </policy>`;

const seq = (throttle: string) => `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">
    ${throttle}
</sequence>
`;

const OK = seq(`<throttle id="A">
        ${inlinePolicy(control(COUNTS))}
        <onAccept>
            <log/>
        </onAccept>
        <onReject>
            <drop/>
        </onReject>
    </throttle>`);

function project(xml: string, extra: Record<string, string> = {}): Project {
  const files = [{ path: 'artifacts/sequences/s.xml', text: xml }];
  for (const [path, text] of Object.entries(extra)) files.push({ path, text });
  const { project, diagnostics } = buildProject('', files);
  expect(diagnostics).toEqual([]);
  return project;
}

const throttleOf = (p: Project): MediatorNode =>
  findArtifact(p, { type: 'sequence', name: 's' })!.lists[0]!.mediators[0]!;
const found = (xml: string, extra?: Record<string, string>): Diagnostic[] =>
  validateProject(project(xml, extra));
/** The root element of an XML text. */
function rootOf(text: string): XmlElement {
  const r = parseXml(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.document.root;
}
const codes = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code}`);

describe('throttle model', () => {
  it('reads id, the inline policy and both branches as containers, and round-trips exactly (ThrottleMediatorFactory)', () => {
    const p = project(OK);
    const t = throttleOf(p);
    expect(t.kind).toBe('throttle');
    expect(t.values.id).toBe('A');
    expect((t.values.policy as { inlineXml?: string }).inlineXml).toContain('MediatorThrottleAssertion');
    expect(t.branches.onAccept!.map((m) => m.kind)).toEqual(['log']);
    expect(t.branches.onReject!.map((m) => m.kind)).toEqual(['drop']);
    expect(serializeArtifact(findArtifact(p, { type: 'sequence', name: 's' })!)).toBe(OK);
    expect(validateProject(p)).toEqual([]);
  });

  it('the palette template validates clean, and a mediator dropped in an absent branch creates it (the containers on the canvas)', () => {
    const ref = { type: 'sequence', name: 's' } as const;
    const p = insertMediator(project(seq('<respond/>')), {
      artifact: ref,
      list: ['sequence'],
      index: 0,
      kind: 'throttle',
    });
    expect(validateProject(p)).toEqual([]);
    const t = throttleOf(p);
    expect(Object.keys(t.branches).sort()).toEqual(['onAccept', 'onReject']);
    const bare = project(seq('<throttle id="A"/>'));
    const q = insertMediator(bare, {
      artifact: ref,
      list: ['sequence', 0, 'onReject'],
      index: 0,
      xml: '<drop/>',
    });
    expect(serializeArtifact(findArtifact(q, ref)!)).toContain('<onReject>');
    expect(throttleOf(q).branches.onReject!.map((m) => m.kind)).toEqual(['drop']);
  });

  it('an id is required: MI refuses a throttle without one ("Idy attribute must have defined")', () => {
    expect(codes(found(OK.replace('<throttle id="A">', '<throttle>')))).toEqual(['error REQUIRED_FIELD']);
  });

  it('a bad number is an error at that element, naming it (ThrottleFactory.fillControlConfiguration)', () => {
    const xml = seq(
      `<throttle id="A">\n${inlinePolicy(control('<throttle:MaximumCount>ten</throttle:MaximumCount><throttle:UnitTime>1000</throttle:UnitTime>'))}\n</throttle>`,
    );
    const ds = found(xml);
    expect(codes(ds)).toEqual(['error THROTTLE_POLICY_NUMBER']);
    expect(ds[0]!.message).toContain('<throttle:MaximumCount>');
    expect(ds[0]!.message).toContain("'ten'");
    expect(ds[0]!.field).toBe('policy');
    // The <throttle:MaximumCount> is on line 5, inside the policy's one-line <wsp:Policy>.
    expect(ds[0]!.line).toBe(5);
  });

  it('UnitTime 0, a missing UnitTime, a MaximumConcurrentAccess that is no number, a type missing or unknown are errors', () => {
    const bad = (assertion: string) =>
      codes(found(seq(`<throttle id="A">${inlinePolicy(assertion)}</throttle>`)));
    expect(
      bad(
        control('<throttle:MaximumCount>4</throttle:MaximumCount><throttle:UnitTime>0</throttle:UnitTime>'),
      ),
    ).toEqual(['error THROTTLE_POLICY_NUMBER']);
    expect(bad(control('<throttle:MaximumCount>4</throttle:MaximumCount>'))).toEqual([
      'error THROTTLE_POLICY_MISSING',
    ]);
    expect(
      bad(`<throttle:MaximumConcurrentAccess>-1</throttle:MaximumConcurrentAccess>${control(COUNTS)}`),
    ).toEqual(['error THROTTLE_POLICY_NUMBER']);
    expect(bad(control(COUNTS).replace(' throttle:type="IP"', ''))).toEqual(['error THROTTLE_POLICY_ID']);
    expect(bad(control(COUNTS).replace('throttle:type="IP"', 'throttle:type="HOST"'))).toEqual([
      'error THROTTLE_POLICY_ID',
    ]);
  });

  it('an unknown assertion is a warning, and the rest of the policy still counts', () => {
    const ds = found(
      seq(
        `<throttle id="A">${inlinePolicy(`<throttle:MaxBurst>3</throttle:MaxBurst>${control(COUNTS)}`)}</throttle>`,
      ),
    );
    expect(codes(ds)).toEqual(['warning THROTTLE_POLICY_UNKNOWN']);
    expect(ds[0]!.message).toContain('<throttle:MaxBurst>');
  });

  it('a policy in another namespace throttles nothing: a warning, as MI accepts every message (InvalidThrottlingPolicyTest)', () => {
    const xml = OK.replace('products/wso2commons/throttle', 'products/google/throttle');
    expect(codes(found(xml))).toEqual(['warning THROTTLE_POLICY_NO_ASSERTION']);
  });

  it('a policy key names a local entry: a missing one is REF_LOCAL_ENTRY_MISSING, an empty one an error', () => {
    const keyed = (key: string) => seq(`<throttle id="A" onAccept="s"><policy key="${key}"/></throttle>`);
    expect(codes(found(keyed('nope')))).toEqual(['error REF_LOCAL_ENTRY_MISSING']);
    expect(codes(found(keyed('')))).toContain('error THROTTLE_POLICY_KEY');
    const entry = `<localEntry key="pol" xmlns="http://ws.apache.org/ns/synapse"><wsp:Policy ${NS}><throttle:MediatorThrottleAssertion>${control(COUNTS)}</throttle:MediatorThrottleAssertion></wsp:Policy></localEntry>`;
    expect(found(keyed('pol'), { 'artifacts/local-entries/pol.xml': entry })).toEqual([]);
  });

  it('onAccept/onReject keys name sequences; beside an inline branch of the same name the key wins (a warning)', () => {
    expect(codes(found(seq('<throttle id="A" onReject="missing"/>')))).toEqual([
      'error REF_SEQUENCE_MISSING',
    ]);
    const both = seq('<throttle id="A" onAccept="s"><onAccept><log/></onAccept></throttle>');
    const ds = found(both);
    expect(codes(ds)).toEqual(['warning THROTTLE_BRANCH_SHADOWED']);
    expect(ds[0]!.field).toBe('onAcceptSequence');
  });

  it('reads rules of both forms: Allow, Deny, Control, the legacy IsAllow, and the concurrency limit (ThrottleFactory.buildThrottle, ThrottlePolicyProcessor)', () => {
    const doc = rootOf(`<wsp:Policy ${NS}><throttle:MediatorThrottleAssertion>
      <throttle:MaximumConcurrentAccess>7</throttle:MaximumConcurrentAccess>
      ${control(`${COUNTS}<throttle:ProhibitTimePeriod wsp:Optional="true">1000\n</throttle:ProhibitTimePeriod>`)}
      <wsp:Policy><throttle:ID throttle:type="DOMAIN">*.a.example</throttle:ID><wsp:Policy><throttle:Allow/></wsp:Policy></wsp:Policy>
      <wsp:Policy><throttle:ID throttle:type="IP">10.0.0.1 - 10.0.0.5</throttle:ID><wsp:Policy><throttle:Deny/></wsp:Policy></wsp:Policy>
    </throttle:MediatorThrottleAssertion></wsp:Policy>`);
    const r = readThrottlePolicy([doc]);
    expect(r.issues).toEqual([]);
    expect(r.policy).toEqual({
      maxConcurrent: 7,
      rules: [
        { type: 'IP', id: 'other', access: 'control', maxCount: 4, unitTime: 800000, prohibit: 1000 },
        { type: 'DOMAIN', id: '*.a.example', access: 'allow', maxCount: 0, unitTime: 0, prohibit: 0 },
        { type: 'IP', id: '10.0.0.1 - 10.0.0.5', access: 'deny', maxCount: 0, unitTime: 0, prohibit: 0 },
      ],
    });
    const legacy = rootOf(`<wsp:Policy ${NS}><throttle:ThrottleAssertion>
      <wsp:All><throttle:ID throttle:type="IP">other</throttle:ID><wsp:ExactlyOne><throttle:IsAllow>false</throttle:IsAllow></wsp:ExactlyOne></wsp:All>
    </throttle:ThrottleAssertion></wsp:Policy>`);
    expect(readThrottlePolicy([legacy]).policy?.rules).toEqual([
      { type: 'IP', id: 'other', access: 'deny', maxCount: 0, unitTime: 0, prohibit: 0 },
    ]);
  });
});

/** The errors that stop a file from running on its own (a reference to another file does not). */
function blockers(text: string, path: string): string[] {
  const { project, diagnostics } = buildProject('', [{ path, text }]);
  return [...diagnostics, ...validateProject(project)]
    .filter((d) => d.severity === 'error' && !/^REF_[A-Z_]+_MISSING$/.test(d.code))
    .map((d) => `${d.code}: ${d.message}`);
}

describe.skipIf(!HAS_SHARED)(
  HAS_SHARED ? 'throttle in the corpus' : `throttle in the corpus (${SHARED_SKIP_REASON})`,
  () => {
    it("MI's integration-test proxies and the samples with a <throttle> have no throttle error", () => {
      const corpus = join(SHARED_DIR, 'conformance', 'synapse-corpus');
      const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.xml'))
        .map((f) => ({ f, text: decodeXmlBytes(readFileSync(join(corpus, f))) }))
        .filter(({ text }) => text.includes('<throttle'));
      expect(files.length).toBeGreaterThanOrEqual(6);
      for (const { f, text } of files)
        expect(
          blockers(text, f).filter((b) => b.startsWith('THROTTLE') || b.includes('<throttle')),
          f,
        ).toEqual([]);
    });
  },
);
