/*
 * <throttle id="string" [onAccept="seqKey"] [onReject="seqKey"]>
 *    <policy key="localEntryKey"/> | <policy><wsp:Policy>…</wsp:Policy></policy>
 *    <onAccept>mediator*</onAccept>?
 *    <onReject>mediator*</onReject>?
 * </throttle>
 *
 * MI: ThrottleMediatorFactory, ThrottleMediatorSerializer, ThrottleMediator. The policy
 * (throttle-policy.ts) limits messages per unit time by caller (IP or domain rules) and the
 * messages in flight (MaximumConcurrentAccess); an accepted request runs onAccept, a rejected
 * one onReject. A sequence key attribute wins over the inline branch of the same name.
 */
import type { ElementIssue, MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';
import { readThrottlePolicy } from './throttle-policy.js';
import { attribute, elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** The `<policy>` child of a throttle, if any. */
export function policyElement(el: XmlElement): XmlElement | undefined {
  return elementChildren(el).find((c) => localName(c.name) === 'policy');
}

/** Checks of the `<policy>` child: its key or its inline policy (ThrottleFactory). */
function checkPolicy(el: XmlElement): ElementIssue[] {
  const policy = policyElement(el);
  if (!policy) return [];
  const key = attribute(policy, 'key');
  const inline = elementChildren(policy);
  if (key !== undefined) {
    const issues: ElementIssue[] = [];
    // ThrottleMediatorFactory: "key attribute should have a value".
    if (key.trim() === '')
      issues.push({
        code: 'THROTTLE_POLICY_KEY',
        field: 'policy',
        at: policy,
        message: '<policy key> may not be empty.',
      });
    if (inline.length > 0)
      issues.push({
        code: 'THROTTLE_POLICY_SHADOWED',
        field: 'policy',
        severity: 'warning',
        at: policy,
        message: 'The inline policy is ignored: the policy key is used (as in MI).',
      });
    return issues;
  }
  const first = inline[0];
  if (!first)
    return [
      {
        code: 'THROTTLE_POLICY_EMPTY',
        field: 'policy',
        severity: 'warning',
        at: policy,
        message: 'The <policy> is empty: nothing is throttled (as in MI).',
      },
    ];
  return readThrottlePolicy([el, policy, first]).issues.map((i) => ({ ...i, field: 'policy' }));
}

/** A branch given both as a sequence key attribute and inline: the key wins. */
function shadowed(el: XmlElement, name: 'onAccept' | 'onReject', field: string): RuleIssue[] {
  const inline = elementChildren(el).some((c) => localName(c.name) === name);
  if (attribute(el, name) === undefined || !inline) return [];
  return [
    {
      code: 'THROTTLE_BRANCH_SHADOWED',
      field,
      severity: 'warning',
      message: `The inline <${name}> is ignored: the ${name} sequence key is used (as in MI).`,
    },
  ];
}

/** The throttle mediator: rate and concurrency limits by policy, with accept and reject branches. */
export const throttle = {
  kind: 'throttle',
  tag: 'throttle',
  label: 'Throttle',
  group: 'Flow control',
  icon: 'throttle',
  description:
    'Limits requests per caller and unit time, and requests in flight, by a WS-Policy; runs On accept or On reject.',
  fields: [
    {
      type: 'string',
      key: 'id',
      label: 'ID',
      required: true,
      help: 'Names this throttle; its counters are kept per ID and artifact.',
    },
    {
      type: 'child',
      key: 'policy',
      element: 'policy',
      label: 'Policy',
      inlineXml: true,
      fields: [
        {
          type: 'localEntry',
          key: 'key',
          label: 'Policy key',
          help: 'A local entry holding the wsp:Policy; otherwise write the policy inline.',
        },
      ],
    },
    {
      type: 'sequence',
      key: 'onAcceptSequence',
      attribute: 'onAccept',
      label: 'On accept sequence',
      help: 'Runs instead of the inline On accept branch.',
    },
    {
      type: 'sequence',
      key: 'onRejectSequence',
      attribute: 'onReject',
      label: 'On reject sequence',
      help: 'Runs instead of the inline On reject branch.',
    },
    ...COMMON_FIELDS,
  ],
  branches: [
    { key: 'onAccept', label: 'On accept', element: 'onAccept' },
    { key: 'onReject', label: 'On reject', element: 'onReject' },
  ],
  rules: (_v, at) =>
    at
      ? [
          ...shadowed(at.element, 'onAccept', 'onAcceptSequence'),
          ...shadowed(at.element, 'onReject', 'onRejectSequence'),
        ]
      : [],
  checkElement: checkPolicy,
  summary: (v) => {
    const p = v.policy as { key?: string; inlineXml?: string } | undefined;
    const how =
      p?.key !== undefined ? `policy ${p.key}` : p?.inlineXml !== undefined ? 'inline policy' : 'no policy';
    return `throttle ${String(v.id ?? '?')} · ${how}`;
  },
  template:
    '<throttle id="throttle1">\n    <policy>\n        <wsp:Policy xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" xmlns:throttle="http://www.wso2.org/products/wso2commons/throttle">\n            <throttle:MediatorThrottleAssertion>\n                <wsp:Policy>\n                    <throttle:ID throttle:type="IP">other</throttle:ID>\n                    <wsp:Policy>\n                        <throttle:Control>\n                            <wsp:Policy>\n                                <throttle:MaximumCount>10</throttle:MaximumCount>\n                                <throttle:UnitTime>60000</throttle:UnitTime>\n                            </wsp:Policy>\n                        </throttle:Control>\n                    </wsp:Policy>\n                </wsp:Policy>\n            </throttle:MediatorThrottleAssertion>\n        </wsp:Policy>\n    </policy>\n    <onAccept/>\n    <onReject>\n        <drop/>\n    </onReject>\n</throttle>',
} as const satisfies MediatorDefinition<'throttle'>;
