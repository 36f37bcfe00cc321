/*
 * Legacy:  <foreach expression="xpath|json-eval(…)" [sequence="ref"] [id="string"]
 *                   [continueLoopOnFailure="true|false"]> [<sequence>…</sequence>] </foreach>
 * MI 4.4:  <foreach collection="${…}|xpath" [parallel-execution="true|false"]
 *                   [counter-variable="name"] [continue-without-aggregation="true|false"]
 *                   [update-original="true|false"] [result-content-type="JSON|XML"]
 *                   [target-variable="name"] [result-enclosing-element="name"]>
 *             <sequence>…</sequence> </foreach>
 *
 * ForEachMediatorFactory reads both: a non-blank `collection` makes the MI 4.4 form
 * (ForEachMediatorV2), anything else the legacy form (ForEachMediator). One kind reads both, as
 * MI's one factory does; the rules say which attributes the form in use ignores.
 */
import type { MediatorDefinition, MediatorValues, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';
import { elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** Attributes only the legacy form reads, and only the MI 4.4 form reads (by field key). */
const LEGACY_ONLY = ['expression', 'sequence', 'id', 'continueLoopOnFailure'] as const;
const V2_ONLY = [
  'parallelExecution',
  'counterVariable',
  'continueWithoutAggregation',
  'updateOriginal',
  'resultContentType',
  'targetVariable',
  'resultEnclosingElement',
  'resultTarget',
  'resultType',
] as const;

const ATTRIBUTE: Record<string, string> = {
  expression: 'expression',
  sequence: 'sequence',
  id: 'id',
  continueLoopOnFailure: 'continueLoopOnFailure',
  parallelExecution: 'parallel-execution',
  counterVariable: 'counter-variable',
  continueWithoutAggregation: 'continue-without-aggregation',
  updateOriginal: 'update-original',
  resultContentType: 'result-content-type',
  targetVariable: 'target-variable',
  resultEnclosingElement: 'result-enclosing-element',
  resultTarget: 'result-target',
  resultType: 'result-type',
};

/** True when ForEachMediatorFactory builds the MI 4.4 mediator: a non-blank `collection`. */
export function isForEachV2(values: MediatorValues): boolean {
  const c = values.collection;
  return typeof c === 'string' && c.trim() !== '';
}

const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/** The mediators MI refuses directly in a legacy foreach sequence (ForEachMediatorFactory.validateSequence). */
const REFUSED_IN_LEGACY = ['call', 'send', 'callout'];

function inlineSequence(el: XmlElement): XmlElement | undefined {
  return elementChildren(el).find((c) => localName(c.name) === 'sequence');
}

/** ForEachMediatorFactory.createForEachMediatorV2's checks. */
function v2Issues(v: MediatorValues, el: XmlElement | undefined): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const error = (field: string, code: string, message: string) => issues.push({ code, field, message });
  const parallel = v.parallelExecution !== 'false';
  const aggregate = v.continueWithoutAggregation?.toString().toLowerCase() !== 'true';
  // MI 4.4's pre-release names: result-target (a variable) with result-type.
  if (aggregate && !blank(v.resultTarget) && blank(v.resultType))
    error(
      'resultType',
      'FOREACH_RESULT_TYPE',
      "'result-type' is required when 'result-target' is present (as in MI).",
    );
  if (aggregate && blank(v.resultTarget) && v.updateOriginal === 'false') {
    if (blank(v.resultContentType) || blank(v.targetVariable))
      error(
        blank(v.targetVariable) ? 'targetVariable' : 'resultContentType',
        'FOREACH_RESULT_TARGET',
        "With update-original 'false', 'result-content-type' and 'target-variable' are required (as in MI).",
      );
    else if (v.resultContentType === 'XML' && blank(v.resultEnclosingElement))
      error(
        'resultEnclosingElement',
        'FOREACH_ENCLOSING_ELEMENT',
        "'result-enclosing-element' is required when 'result-content-type' is 'XML' (as in MI).",
      );
  }
  if (!blank(v.counterVariable) && parallel)
    error(
      'counterVariable',
      'FOREACH_COUNTER_PARALLEL',
      "'counter-variable' is not allowed when parallel-execution is true (as in MI).",
    );
  if (el && !inlineSequence(el))
    error(
      'collection',
      'FOREACH_NO_SEQUENCE',
      "A foreach with 'collection' needs an inline <sequence> (as in MI).",
    );
  for (const k of LEGACY_ONLY)
    if (v[k] !== undefined)
      issues.push({
        code: 'FOREACH_ATTRIBUTE_IGNORED',
        field: k,
        severity: 'warning',
        message: `'${ATTRIBUTE[k]}' is ignored when 'collection' is set (MI 4.4's foreach does not read it).`,
      });
  return issues;
}

/** ForEachMediatorFactory's legacy checks. */
function legacyIssues(v: MediatorValues, el: XmlElement | undefined): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (v.expression === undefined)
    issues.push({
      code: 'FOREACH_NO_EXPRESSION',
      field: 'expression',
      message: "A foreach needs 'expression' (legacy form) or 'collection' (MI 4.4 form).",
    });
  for (const k of V2_ONLY)
    if (v[k] !== undefined)
      issues.push({
        code: 'FOREACH_ATTRIBUTE_IGNORED',
        field: k,
        severity: 'warning',
        message: `'${ATTRIBUTE[k]}' is ignored without 'collection' (the legacy foreach does not read it).`,
      });
  const seq = el && inlineSequence(el);
  if (v.sequence === undefined && seq) {
    const refused = elementChildren(seq)
      .map((c) => localName(c.name))
      .filter((n) => REFUSED_IN_LEGACY.includes(n));
    if (refused.length > 0)
      issues.push({
        code: 'FOREACH_SEQUENCE_REFUSED',
        field: 'sequence',
        message: `A legacy foreach sequence cannot contain Call, Send or CallOut mediators (MI refuses <${refused[0]}>); use MI 4.4's form (collection) instead.`,
      });
  }
  if (el && v.sequence === undefined && !seq)
    issues.push({
      code: 'FOREACH_NO_SEQUENCE',
      field: 'sequence',
      severity: 'warning',
      message: "A foreach without a 'sequence' key or inline <sequence> fails at run time (as in MI).",
    });
  if (el && v.sequence !== undefined && seq)
    issues.push({
      code: 'FOREACH_SEQUENCE_SHADOWED',
      field: 'sequence',
      severity: 'warning',
      message: "The 'sequence' key is used; the inline <sequence> is ignored (as in MI).",
    });
  return issues;
}

/** The foreach mediator, in MI 4.4's form and the legacy one. */
export const foreach = {
  kind: 'foreach',
  tag: 'foreach',
  label: 'For each',
  group: 'Split & gather',
  icon: 'foreach',
  description:
    'Runs each element of a collection through a sequence and puts the results back in place (or in a variable); the flow then continues with them.',
  fields: [
    {
      type: 'expression',
      key: 'collection',
      label: 'Collection',
      help: "MI 4.4's form: the array or node list to iterate over, e.g. ${payload.items}.",
    },
    {
      type: 'boolean',
      key: 'parallelExecution',
      attribute: 'parallel-execution',
      label: 'Parallel execution',
      default: 'true',
    },
    { type: 'string', key: 'counterVariable', attribute: 'counter-variable', label: 'Counter variable' },
    {
      type: 'boolean',
      key: 'continueWithoutAggregation',
      attribute: 'continue-without-aggregation',
      label: 'Continue without aggregation',
      default: 'false',
    },
    {
      type: 'boolean',
      key: 'updateOriginal',
      attribute: 'update-original',
      label: 'Update original',
      default: 'true',
    },
    {
      type: 'enum',
      key: 'resultContentType',
      attribute: 'result-content-type',
      label: 'Result content type',
      values: ['JSON', 'XML'],
    },
    { type: 'string', key: 'targetVariable', attribute: 'target-variable', label: 'Target variable' },
    {
      type: 'string',
      key: 'resultEnclosingElement',
      attribute: 'result-enclosing-element',
      label: 'Result enclosing element',
    },
    {
      type: 'string',
      key: 'resultTarget',
      attribute: 'result-target',
      label: 'Result variable (pre-release name)',
      help: "MI 4.4's pre-release form of target-variable with update-original false.",
    },
    {
      type: 'enum',
      key: 'resultType',
      attribute: 'result-type',
      label: 'Result type (pre-release name)',
      values: ['JSON', 'XML'],
    },
    {
      type: 'expression',
      key: 'expression',
      label: 'Expression',
      help: 'Legacy form: the elements (XPath) or JSON array (json-eval) replaced in place.',
    },
    { type: 'sequence', key: 'sequence', label: 'Sequence' },
    {
      type: 'string',
      key: 'id',
      label: 'ID',
      help: "Prefixes the FOREACH_COUNTER property: 'ID_FOREACH_COUNTER'.",
    },
    {
      type: 'boolean',
      key: 'continueLoopOnFailure',
      label: 'Continue loop on failure',
      default: 'false',
    },
    ...COMMON_FIELDS,
  ],
  branches: [{ key: 'sequence', label: 'Sequence', element: 'sequence' }],
  rules: (v, at) => (isForEachV2(v) ? v2Issues(v, at?.element) : legacyIssues(v, at?.element)),
  summary: (v) => {
    if (isForEachV2(v))
      return `foreach ${short(v.collection as string)} ${v.parallelExecution === 'false' ? 'in order' : 'in parallel'}`;
    return `foreach ${short(v.expression as string | undefined)}`;
  },
  template: '<foreach collection="${payload}" parallel-execution="true">\n    <sequence/>\n</foreach>',
} as const satisfies MediatorDefinition<'foreach'>;
