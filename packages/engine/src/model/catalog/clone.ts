/*
 * <clone [id="string"] [sequential="true|false"] [continueParent="true|false"]
 *        [iterations="n|{expr}"]>
 *    <target [to="uri"] [soapAction="action"] [sequence="ref"] [endpoint="ref"]>
 *       [<sequence>mediator*</sequence>] [<endpoint …/>]
 *    </target>+
 * </clone>
 *
 * CloneMediatorFactory and TargetFactory: each target gets its own copy of the message. A target
 * uses ONE of, in this order: its inline sequence, its `sequence` key, its inline endpoint, its
 * `endpoint` key (Target.mediate); the others are ignored.
 */
import type { MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, TARGET_FIELDS } from './common-fields.js';
import { elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** What each `<target>` names, in the order Target.mediate takes them. */
function targetParts(target: XmlElement): string[] {
  const kids = elementChildren(target).map((c) => localName(c.name));
  const attr = (n: string) => target.attributes.some((a) => a.name === n);
  const parts: string[] = [];
  const inline = kids.includes('sequence');
  if (inline) parts.push('its inline sequence');
  // Integration Studio writes sequence="anon" beside an inline sequence: nothing is shadowed.
  const key = target.attributes.find((a) => a.name === 'sequence')?.value;
  if (key !== undefined && !(inline && key === 'anon')) parts.push("its 'sequence' key");
  if (kids.includes('endpoint')) parts.push('its inline endpoint');
  if (attr('endpoint')) parts.push("its 'endpoint' key");
  return parts;
}

/** Rules about the targets' children, which no field reads. */
function targetIssues(el: XmlElement): RuleIssue[] {
  const issues: RuleIssue[] = [];
  // CloneMediatorFactory reads only <target> children, TargetFactory only <sequence> and <endpoint>.
  const ignored = (what: string, where: string) =>
    issues.push({
      code: 'CLONE_CHILD_IGNORED',
      field: 'targets',
      severity: 'warning',
      message: `<${what}> directly in ${where} is ignored (as in MI); put mediators in a target's <sequence>.`,
    });
  const kids = elementChildren(el);
  for (const c of kids) if (localName(c.name) !== 'target') ignored(localName(c.name), '<clone>');
  const targets = kids.filter((c) => localName(c.name) === 'target');
  targets.forEach((t, i) => {
    for (const c of elementChildren(t))
      if (!['sequence', 'endpoint'].includes(localName(c.name)))
        ignored(localName(c.name), `target ${i + 1}`);
    const parts = targetParts(t);
    if (parts.length === 0)
      issues.push({
        code: 'CLONE_TARGET_EMPTY',
        field: 'targets',
        severity: 'warning',
        message: `Clone target ${i + 1} has no sequence and no endpoint: its copy of the message goes nowhere (as in MI).`,
      });
    else if (parts.length > 1)
      issues.push({
        code: 'CLONE_TARGET_SHADOWED',
        field: 'targets',
        severity: 'warning',
        message: `Clone target ${i + 1} uses ${parts[0]} only; ${parts.slice(1).join(' and ')} ${parts.length > 2 ? 'are' : 'is'} ignored (MI's Target takes one).`,
      });
  });
  return issues;
}

/** The clone mediator: runs a copy of the message through each target. */
export const clone = {
  kind: 'clone',
  tag: 'clone',
  label: 'Clone',
  group: 'Split & gather',
  icon: 'clone',
  description:
    'Sends a copy of the message through each target (a sequence or an endpoint), in parallel or one after another; the original stops unless Continue parent is set.',
  fields: [
    {
      type: 'string',
      key: 'id',
      label: 'ID',
      help: "Names the correlation an aggregate with the same id gathers ('messageSequence.ID').",
    },
    { type: 'boolean', key: 'sequential', label: 'Sequential', default: 'false' },
    { type: 'boolean', key: 'continueParent', label: 'Continue parent', default: 'false' },
    {
      type: 'integer',
      key: 'iterations',
      label: 'Iterations',
      dynamic: true,
      help: 'Clone the message this many times into the single target.',
    },
    {
      type: 'list',
      key: 'targets',
      element: 'target',
      label: 'Targets',
      endpoint: true,
      fields: TARGET_FIELDS,
    },
    ...COMMON_FIELDS,
  ],
  branches: [{ key: 'target', label: 'Target', element: 'target', repeated: true, inner: 'sequence' }],
  rules: (v, at) => {
    const issues: RuleIssue[] = [];
    const targets = (v.targets ?? []) as readonly unknown[];
    if (targets.length === 0)
      issues.push({
        code: 'CLONE_NO_TARGET',
        field: 'targets',
        severity: 'warning',
        message: 'A clone without a <target> sends no copy anywhere.',
      });
    // CloneMediatorFactory: "When iterations attribute is defined only one target is allowed."
    if (v.iterations !== undefined && targets.length > 1)
      issues.push({
        code: 'CLONE_ITERATIONS_TARGETS',
        field: 'iterations',
        message: 'A clone with iterations takes exactly one target (MI refuses more).',
      });
    return at ? [...issues, ...targetIssues(at.element)] : issues;
  },
  summary: (v) => {
    const n = ((v.targets ?? []) as readonly unknown[]).length;
    const how = v.sequential === 'true' ? 'in order' : 'in parallel';
    if (v.iterations !== undefined) return `clone ×${String(v.iterations)} ${how}`;
    return `clone → ${n} target${n === 1 ? '' : 's'} ${how}`;
  },
  template:
    '<clone>\n    <target>\n        <sequence/>\n    </target>\n    <target>\n        <sequence/>\n    </target>\n</clone>',
} as const satisfies MediatorDefinition<'clone'>;
