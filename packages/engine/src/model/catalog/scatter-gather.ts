/*
 * <scatter-gather [parallel-execution="true|false"] target="body|variable" [target-variable="name"]
 *                 result-content-type="JSON|XML" [result-enclosing-element="name"]>
 *    <aggregation expression="expr" [condition="expr"] [timeout="ms"]
 *                 [min-messages="n|{expr}"] [max-messages="n|{expr}"]/>
 *    <sequence>mediator*</sequence>+
 * </scatter-gather>
 *
 * ScatterGatherMediatorFactory (MI 4.4): each <sequence> gets a copy of the message; what the
 * aggregation expression gives for each is gathered into a JSON array or an XML element, put in
 * the body or a variable, and the flow goes on after the mediator.
 */
import type { MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';
import { elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** Children ScatterGatherMediatorFactory does not read. */
function childIssues(el: XmlElement): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const kids = elementChildren(el).map((c) => localName(c.name));
  for (const k of kids)
    if (k !== 'sequence' && k !== 'aggregation')
      issues.push({
        code: 'SCATTER_GATHER_CHILD_IGNORED',
        field: 'aggregation',
        severity: 'warning',
        message: `<${k}> directly in <scatter-gather> is ignored (as in MI); put mediators in a <sequence>.`,
      });
  if (!kids.includes('sequence'))
    issues.push({
      code: 'SCATTER_GATHER_NO_SEQUENCE',
      field: 'aggregation',
      message: "A 'sequence' element is required in a scatter-gather (as in MI).",
    });
  return issues;
}

/** The scatter-gather mediator (MI 4.4's ScatterGather). */
export const scatterGather = {
  kind: 'scatterGather',
  tag: 'scatter-gather',
  label: 'Scatter gather',
  group: 'Split & gather',
  icon: 'scatterGather',
  description:
    'Runs a copy of the message through each sequence, gathers what each gives into a JSON array or XML element (body or variable), then goes on.',
  fields: [
    {
      type: 'boolean',
      key: 'parallelExecution',
      attribute: 'parallel-execution',
      label: 'Parallel execution',
      default: 'true',
    },
    { type: 'enum', key: 'target', label: 'Result target', values: ['body', 'variable'] },
    { type: 'string', key: 'targetVariable', attribute: 'target-variable', label: 'Target variable' },
    {
      type: 'enum',
      key: 'resultContentType',
      attribute: 'result-content-type',
      label: 'Result content type',
      values: ['JSON', 'XML'],
    },
    {
      type: 'string',
      key: 'resultEnclosingElement',
      attribute: 'result-enclosing-element',
      label: 'Result enclosing element',
    },
    // MI 4.4's pre-release names: result-target ('body' or a variable name), content-type, root-element.
    {
      type: 'string',
      key: 'resultTarget',
      attribute: 'result-target',
      label: 'Result target (pre-release name)',
      help: "'body', or the name of the variable to put the result in.",
    },
    {
      type: 'enum',
      key: 'contentType',
      attribute: 'content-type',
      label: 'Content type (pre-release name)',
      values: ['JSON', 'XML'],
    },
    {
      type: 'string',
      key: 'rootElement',
      attribute: 'root-element',
      label: 'Root element (pre-release name)',
    },
    {
      type: 'child',
      key: 'aggregation',
      element: 'aggregation',
      label: 'Aggregation',
      fields: [
        { type: 'expression', key: 'expression', label: 'Expression' },
        { type: 'expression', key: 'condition', label: 'Condition' },
        { type: 'integer', key: 'timeout', label: 'Timeout (ms)' },
        {
          type: 'integer',
          key: 'minMessages',
          attribute: 'min-messages',
          label: 'Min messages',
          dynamic: true,
        },
        {
          type: 'integer',
          key: 'maxMessages',
          attribute: 'max-messages',
          label: 'Max messages',
          dynamic: true,
        },
      ],
    },
    ...COMMON_FIELDS,
  ],
  branches: [{ key: 'sequence', label: 'Sequence', element: 'sequence', repeated: true }],
  rules: (v, at) => {
    const issues: RuleIssue[] = [];
    const blank = (x: unknown) => typeof x !== 'string' || x.trim() === '';
    if (blank(v.target) && blank(v.resultTarget))
      issues.push({
        code: 'SCATTER_GATHER_NO_TARGET',
        field: 'target',
        message: "A scatter-gather needs 'target' (body or variable) (as in MI).",
      });
    const type = v.resultContentType ?? v.contentType;
    if (blank(type))
      issues.push({
        code: 'SCATTER_GATHER_NO_CONTENT_TYPE',
        field: 'resultContentType',
        message: "A scatter-gather needs 'result-content-type' (JSON or XML) (as in MI).",
      });
    if (v.target === 'variable' && blank(v.targetVariable))
      issues.push({
        code: 'SCATTER_GATHER_TARGET_VARIABLE',
        field: 'targetVariable',
        message: "'target-variable' is required when 'target' is 'variable' (as in MI).",
      });
    if (type === 'XML' && blank(v.resultEnclosingElement ?? v.rootElement))
      issues.push({
        code: 'SCATTER_GATHER_ENCLOSING_ELEMENT',
        field: 'resultEnclosingElement',
        message: "'result-enclosing-element' is required when 'result-content-type' is 'XML' (as in MI).",
      });
    const agg = v.aggregation as Readonly<Record<string, string | undefined>> | undefined;
    if (!agg)
      issues.push({
        code: 'SCATTER_GATHER_NO_AGGREGATION',
        field: 'aggregation',
        message: "The 'aggregation' element is required in a scatter-gather (as in MI).",
      });
    else if (agg.expression === undefined)
      issues.push({
        code: 'SCATTER_GATHER_NO_EXPRESSION',
        field: 'aggregation',
        message: "The aggregation's 'expression' attribute is required (as in MI).",
      });
    return at ? [...issues, ...childIssues(at.element)] : issues;
  },
  summary: (v) => {
    const variable = v.target === 'variable' ? v.targetVariable : v.target ? undefined : v.resultTarget;
    const n = variable !== undefined && variable !== 'body' ? `→ ${String(variable)}` : '→ body';
    return `scatter-gather ${String(v.resultContentType ?? v.contentType ?? '')} ${n}`;
  },
  template:
    '<scatter-gather parallel-execution="true" target="body" result-content-type="JSON">\n    <aggregation expression="${payload}"/>\n    <sequence/>\n    <sequence/>\n</scatter-gather>',
} as const satisfies MediatorDefinition<'scatterGather'>;
