/*
 * <aggregate [id="string"]>
 *    [<correlateOn expression="xpath|json-eval(jsonpath)"/>]
 *    [<completeCondition [timeout="seconds"]>
 *        <messageCount [min="n|{expr}"] [max="n|{expr}"]/>
 *    </completeCondition>]
 *    <onComplete [expression="xpath|json-eval(jsonpath)"] [sequence="ref"]
 *                [enclosingElementProperty="name"] [aggregateElementType="root|child"]>
 *       mediator*
 *    </onComplete>
 * </aggregate>
 *
 * AggregateMediatorFactory: the timeout is whole seconds (Long.parseLong), min and max are Values
 * (a number or {expression}); the onComplete sequence key wins over inline mediators, and an
 * empty onComplete drops the gathered message.
 */
import type { ListRow, MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';
import { elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** A literal message count is a whole number (MI parses it as a double and takes its int value). */
function countIssue(which: 'min' | 'max', value: string | undefined): RuleIssue | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  if (t.startsWith('{') && t.endsWith('}')) return undefined;
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return undefined;
  return {
    code: 'AGGREGATE_BAD_COUNT',
    field: 'messageCount',
    message: `messageCount '${which}' must be a number or an {expression}, not '${value}' (MI fails on it at run time).`,
  };
}

/** Rules about `<aggregate>`'s children, which the fields do not describe. */
function childIssues(el: XmlElement): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const known = ['correlateOn', 'completeCondition', 'onComplete'];
  for (const c of elementChildren(el))
    if (!known.includes(localName(c.name)))
      issues.push({
        code: 'AGGREGATE_CHILD_IGNORED',
        severity: 'warning',
        message: `<${localName(c.name)}> directly in <aggregate> is ignored (as in MI); put mediators in <onComplete>.`,
      });
  const onComplete = elementChildren(el).find((c) => localName(c.name) === 'onComplete');
  if (onComplete?.attributes.some((a) => a.name === 'sequence') && elementChildren(onComplete).length > 0)
    issues.push({
      code: 'AGGREGATE_ON_COMPLETE_SHADOWED',
      field: 'onComplete',
      severity: 'warning',
      message: 'onComplete names a sequence, so its inline mediators are ignored (MI takes the key first).',
    });
  return issues;
}

/** The aggregate mediator: gathers split messages into one. */
export const aggregate = {
  kind: 'aggregate',
  tag: 'aggregate',
  label: 'Aggregate',
  group: 'Split & gather',
  icon: 'aggregate',
  description:
    'Gathers the messages an iterate or clone split off (or that share a correlation) into one message, when all have arrived, a count is reached or a timeout ends, and runs On complete with it.',
  fields: [
    {
      type: 'string',
      key: 'id',
      label: 'ID',
      help: 'Gathers the messages of the iterate or clone with the same id.',
    },
    {
      type: 'child',
      key: 'correlateOn',
      element: 'correlateOn',
      label: 'Correlate on',
      fields: [{ type: 'expression', key: 'expression', label: 'Expression' }],
    },
    {
      type: 'child',
      key: 'completeCondition',
      element: 'completeCondition',
      label: 'Complete condition',
      fields: [
        {
          type: 'integer',
          key: 'timeout',
          label: 'Timeout (s)',
          help: 'Seconds after the first message when the gather completes with what it has.',
        },
      ],
    },
    {
      type: 'list',
      key: 'messageCount',
      element: 'messageCount',
      wrapper: 'completeCondition',
      label: 'Message count',
      fields: [
        { type: 'string', key: 'min', label: 'Minimum', help: 'A number or {expression}; -1 for all.' },
        { type: 'string', key: 'max', label: 'Maximum', help: 'A number or {expression}; -1 for no limit.' },
      ],
    },
    {
      type: 'child',
      key: 'onComplete',
      element: 'onComplete',
      label: 'On complete',
      fields: [
        {
          type: 'expression',
          key: 'expression',
          label: 'Aggregation expression',
          help: "What each message contributes (default: the body's first element); json-eval(…) gathers JSON.",
        },
        { type: 'sequence', key: 'sequence', label: 'Sequence' },
        {
          type: 'string',
          key: 'enclosingElementProperty',
          label: 'Enclosing element property',
          help: 'A property holding the XML element the gathered parts are put in.',
        },
        {
          type: 'enum',
          key: 'aggregateElementType',
          label: 'Aggregate element type',
          values: ['root', 'child'],
          help: 'JSON: root gathers an array, child merges the objects.',
        },
      ],
    },
    ...COMMON_FIELDS,
  ],
  branches: [{ key: 'onComplete', label: 'On complete', element: 'onComplete' }],
  rules: (v, at) => {
    const issues: RuleIssue[] = [];
    const counts = (v.messageCount ?? []) as readonly ListRow[];
    if (counts.length > 1)
      issues.push({
        code: 'AGGREGATE_EXTRA_COUNT',
        field: 'messageCount',
        severity: 'warning',
        message: 'Only the first <messageCount> is read (as in MI).',
      });
    const first = counts[0];
    for (const which of ['min', 'max'] as const) {
      const issue = countIssue(which, first?.[which]);
      if (issue) issues.push(issue);
    }
    const min = Number(first?.min);
    const max = Number(first?.max);
    if (Number.isFinite(min) && Number.isFinite(max) && min > 0 && max > 0 && min > max)
      issues.push({
        code: 'AGGREGATE_MIN_OVER_MAX',
        field: 'messageCount',
        severity: 'warning',
        message: `messageCount min (${min}) is above max (${max}): the gather completes at max.`,
      });
    const corr = v.correlateOn as ListRow | undefined;
    if (corr && corr.expression === undefined)
      issues.push({
        code: 'AGGREGATE_CORRELATE_NO_EXPRESSION',
        field: 'correlateOn',
        severity: 'warning',
        message: "<correlateOn> without 'expression' is ignored (as in MI).",
      });
    if (v.onComplete === undefined)
      issues.push({
        code: 'AGGREGATE_NO_ON_COMPLETE',
        field: 'onComplete',
        message: 'An aggregate needs <onComplete> (MI fails when a gather completes without one).',
      });
    return at ? [...issues, ...childIssues(at.element)] : issues;
  },
  summary: (v) => {
    const oc = v.onComplete as ListRow | undefined;
    return `aggregate ${short(oc?.expression ?? 'body')}`;
  },
  template:
    '<aggregate>\n    <completeCondition>\n        <messageCount min="-1" max="-1"/>\n    </completeCondition>\n    <onComplete expression="//item"/>\n</aggregate>',
} as const satisfies MediatorDefinition<'aggregate'>;
