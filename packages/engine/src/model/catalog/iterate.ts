/*
 * <iterate [id="string"] expression="xpath|json-eval(jsonpath)" [attachPath="xpath|json-eval(jsonpath)"]
 *          [preservePayload="true|false"] [continueParent="true|false"] [sequential="true|false"]>
 *    <target [to="uri"] [soapAction="action"] [sequence="ref"] [endpoint="ref"]>
 *       [<sequence>mediator*</sequence>] [<endpoint …/>]
 *    </target>
 * </iterate>
 *
 * IterateMediatorFactory: the expression is required, attachPath only with preservePayload and
 * of the same kind (XPath or JSONPath) as the expression, the first <target> is the only one.
 * TargetFactory/Target.mediate take the target's inline sequence, else its sequence key, else
 * its inline endpoint, else its endpoint key.
 */
import type { MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, TARGET_FIELDS, short } from './common-fields.js';
import { elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** True for a JSONPath: SynapsePathFactory reads `json-eval(…)` as one, anything else as XPath. */
export function isJsonPath(expr: string): boolean {
  const t = expr.trim();
  return t.startsWith('json-eval(');
}

/** Rules about `<iterate>`'s children, which the fields do not describe. */
function childIssues(el: XmlElement): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const kids = elementChildren(el);
  const targets = kids.filter((c) => localName(c.name) === 'target');
  for (const c of kids)
    if (localName(c.name) !== 'target')
      issues.push({
        code: 'ITERATE_CHILD_IGNORED',
        field: 'target',
        severity: 'warning',
        message: `<${localName(c.name)}> directly in <iterate> is ignored (as in MI); put mediators in the target's <sequence>.`,
      });
  if (targets.length > 1)
    issues.push({
      code: 'ITERATE_EXTRA_TARGET',
      field: 'target',
      severity: 'warning',
      message: `An iterate uses its first <target> only; the other ${targets.length - 1} ${targets.length > 2 ? 'are' : 'is'} ignored (as in MI).`,
    });
  const t = targets[0];
  if (t) {
    const names = elementChildren(t).map((c) => localName(c.name));
    const attr = (n: string) => t.attributes.some((a) => a.name === n);
    const key = t.attributes.find((a) => a.name === 'sequence')?.value;
    const has =
      names.includes('sequence') ||
      (key !== undefined && key !== 'anon') ||
      names.includes('endpoint') ||
      attr('endpoint');
    if (!has)
      issues.push({
        code: 'ITERATE_TARGET_EMPTY',
        field: 'target',
        severity: 'warning',
        message:
          'The iterate target has no sequence and no endpoint: the split messages go nowhere (as in MI).',
      });
  }
  return issues;
}

/** The iterate mediator: splits the message by an expression, one message per match. */
export const iterate = {
  kind: 'iterate',
  tag: 'iterate',
  label: 'Iterate',
  group: 'Split & gather',
  icon: 'iterate',
  description:
    'Splits the message into one message per element (XPath) or array item (JSONPath) and runs each through the target; an aggregate gathers them again.',
  fields: [
    {
      type: 'string',
      key: 'id',
      label: 'ID',
      help: "Names the correlation an aggregate with the same id gathers ('messageSequence.ID').",
    },
    {
      type: 'expression',
      key: 'expression',
      label: 'Expression',
      required: true,
      help: 'XPath or json-eval(JSONPath) selecting the elements or array items to split on.',
    },
    {
      type: 'expression',
      key: 'attachPath',
      label: 'Attach path',
      help: 'With Preserve payload: where in the original payload each split part is attached.',
    },
    { type: 'boolean', key: 'preservePayload', label: 'Preserve payload', default: 'false' },
    { type: 'boolean', key: 'continueParent', label: 'Continue parent', default: 'false' },
    { type: 'boolean', key: 'sequential', label: 'Sequential', default: 'false' },
    {
      type: 'child',
      key: 'target',
      element: 'target',
      label: 'Target',
      endpoint: true,
      fields: TARGET_FIELDS,
    },
    ...COMMON_FIELDS,
  ],
  branches: [{ key: 'target', label: 'Target', element: 'target', inner: 'sequence' }],
  rules: (v, at) => {
    const issues: RuleIssue[] = [];
    const expr = v.expression === undefined ? undefined : String(v.expression);
    const attach = v.attachPath === undefined ? undefined : String(v.attachPath);
    // IterateMediatorFactory: attachPath is refused unless preservePayload is true.
    if (attach !== undefined && v.preservePayload !== 'true')
      issues.push({
        code: 'ITERATE_ATTACH_WITHOUT_PRESERVE',
        field: 'attachPath',
        message:
          '\'attachPath\' needs preservePayload="true" (MI refuses an attach path when the payload is not preserved).',
      });
    if (expr !== undefined && attach !== undefined && isJsonPath(expr) !== isJsonPath(attach))
      issues.push({
        code: 'ITERATE_PATH_KINDS',
        field: 'attachPath',
        message: "'expression' and 'attachPath' must both be XPath or both JSONPath (as MI requires).",
      });
    if (v.target === undefined)
      issues.push({
        code: 'ITERATE_NO_TARGET',
        field: 'target',
        message: 'An iterate needs a <target> (MI refuses one without).',
      });
    return at ? [...issues, ...childIssues(at.element)] : issues;
  },
  summary: (v) => `iterate ${short(String(v.expression ?? ''))}${v.sequential === 'true' ? ' in order' : ''}`,
  template: '<iterate expression="//item">\n    <target>\n        <sequence/>\n    </target>\n</iterate>',
} as const satisfies MediatorDefinition<'iterate'>;
