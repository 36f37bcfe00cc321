/*
 * <payloadFactory [media-type="xml|json|text"] [template-type="default|freemarker"]
 *                 [escapeXmlChars="true|false"]>
 *    <format [key="localEntryKey" | key="{expr}"]>inline XML element | JSON or text</format>
 *    [<args>
 *       <arg (value="literal" | expression="xpath | json-eval(…) | ${…}" [evaluator="xml|json"])
 *            [literal="true|false"]/>*
 *    </args>]
 * </payloadFactory>
 *
 * The format may use $1…$n (the args, in order) and MI 4.4's ${…} inline expressions.
 */
import type { ChildField, ListRow, MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';
import { checkExpression } from '../expressions/expression-check.js';

/** MI's RegexTemplateProcessor pattern: `"${…}"`, `${…}`, `$n`. */
export const PAYLOAD_PLACEHOLDERS = /"\$\{([^}]+)\}"|\$\{([^}]+)\}|\$(\d+)/g;

const FORMAT = {
  type: 'child',
  key: 'format',
  element: 'format',
  label: 'Format',
  withText: true,
  inlineXml: true,
  fields: [
    {
      type: 'localEntry',
      key: 'key',
      label: 'Format key',
      dynamic: true,
      help: 'A local entry holding the format, instead of an inline one.',
    },
  ],
} as const satisfies ChildField;

/** The expression an arg evaluates: `evaluator="json"` takes a bare JSONPath (PayloadFactoryMediatorFactory). */
export function argExpression(expression: string, evaluator: string | undefined): string {
  const t = expression.trim();
  if (evaluator === 'json' && !t.startsWith('json-eval(')) return `json-eval(${t})`;
  return t;
}

function argIssues(rows: readonly ListRow[]): RuleIssue[] {
  return rows.flatMap((row, i): RuleIssue[] => {
    const who = `payloadFactory arg #${i + 1}`;
    if (row.value === undefined && row.expression === undefined)
      return [
        { code: 'PAYLOAD_ARG_NO_VALUE', field: 'args', message: `${who} needs a value or an expression.` },
      ];
    if (row.value !== undefined && row.expression !== undefined)
      return [
        {
          code: 'PAYLOAD_ARG_TWO_VALUES',
          field: 'args',
          severity: 'warning',
          message: `${who} has both a value and an expression; MI takes the value.`,
        },
      ];
    if (row.value !== undefined) return [];
    if ((row.expression ?? '').trim() === '')
      return [{ code: 'EXPRESSION_SYNTAX', field: 'args', message: `${who}: the expression is empty.` }];
    const problem = checkExpression(argExpression(row.expression ?? '', row.evaluator));
    return problem ? [{ code: 'EXPRESSION_SYNTAX', field: 'args', message: `${who}: ${problem}` }] : [];
  });
}

/** Checks the `${…}` parts and `$n` numbers of an inline format. */
function formatIssues(format: string, argCount: number): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const m of format.matchAll(PAYLOAD_PLACEHOLDERS)) {
    const inline = m[1] ?? m[2];
    if (inline !== undefined) {
      const problem = checkExpression(`\${${inline}}`);
      if (problem)
        issues.push({
          code: 'EXPRESSION_SYNTAX',
          field: 'format',
          message: `payloadFactory format: \${${inline}}: ${problem}`,
        });
    } else {
      const n = Number(m[3]);
      if (n < 1 || n > argCount)
        issues.push({
          code: 'PAYLOAD_ARG_MISSING',
          field: 'format',
          severity: 'warning',
          message: `payloadFactory format uses $${m[3]} but there ${argCount === 1 ? 'is 1 arg' : `are ${argCount} args`}; MI stops substituting there and logs an error.`,
        });
    }
  }
  return issues;
}

/** The payloadFactory mediator: replaces the payload with a format filled from its args. */
export const payloadFactory = {
  kind: 'payloadFactory',
  tag: 'payloadFactory',
  label: 'Payload Factory',
  group: 'Transform',
  icon: 'payloadFactory',
  description: 'Replaces the payload with an XML, JSON or text format whose $1…$n are filled from args.',
  fields: [
    {
      type: 'enum',
      key: 'mediaType',
      attribute: 'media-type',
      label: 'Media type',
      values: ['xml', 'json', 'text'],
      default: 'xml',
    },
    {
      type: 'enum',
      key: 'templateType',
      attribute: 'template-type',
      label: 'Template type',
      values: ['DEFAULT', 'FREEMARKER'],
      caseInsensitive: true,
      default: 'DEFAULT',
    },
    {
      type: 'boolean',
      key: 'escapeXmlChars',
      label: 'Escape XML characters',
      help: 'JSON args from a JSON evaluator get their control characters escaped.',
    },
    FORMAT,
    {
      type: 'list',
      key: 'args',
      element: 'arg',
      wrapper: 'args',
      label: 'Args',
      fields: [
        { type: 'string', key: 'value', label: 'Value', orExpression: 'expression' },
        {
          type: 'string',
          key: 'expression',
          label: 'Expression',
          help: 'XPath (or json-eval(…), ${…}); a JSONPath when the evaluator is json.',
        },
        { type: 'enum', key: 'evaluator', label: 'Evaluator', values: ['xml', 'json'] },
        {
          type: 'boolean',
          key: 'literal',
          label: 'Literal',
          help: 'Insert the value as a string, unconverted.',
        },
      ],
    },
    ...COMMON_FIELDS,
  ],
  rules: (v) => {
    const issues: RuleIssue[] = [];
    const format = v.format as (ListRow & { text?: string }) | undefined;
    const args = (v.args ?? []) as readonly ListRow[];
    if (String(v.templateType ?? '').toUpperCase() === 'FREEMARKER')
      issues.push({
        code: 'PAYLOAD_TEMPLATE_UNSUPPORTED',
        field: 'templateType',
        message:
          'payloadFactory template-type="freemarker" is not supported by Mediate (no maintained JavaScript FreeMarker engine); use the default template type with $n args or ${…} expressions.',
      });
    if (!format)
      issues.push({
        code: 'PAYLOAD_NO_FORMAT',
        field: 'format',
        message: 'payloadFactory needs a <format>.',
      });
    else if (format.key === undefined) {
      const inline = format.inlineXml ?? format.text;
      if (inline === undefined)
        issues.push({
          code: 'PAYLOAD_NO_FORMAT',
          field: 'format',
          message: 'payloadFactory <format> is empty: give it inline content or a key.',
        });
      else issues.push(...formatIssues(inline, args.length));
    }
    issues.push(...argIssues(args));
    return issues;
  },
  summary: (v) => {
    const format = v.format as ListRow | undefined;
    const media = String(v.mediaType ?? 'xml');
    const from = format?.key !== undefined ? ` from ${short(format.key, 30)}` : '';
    const n = ((v.args ?? []) as readonly ListRow[]).length;
    return `${media}${from}${n ? ` (${n} ${n === 1 ? 'arg' : 'args'})` : ''}`;
  },
  template:
    '<payloadFactory media-type="json">\n    <format>{"message": "$1"}</format>\n    <args>\n        <arg expression="$ctx:message"/>\n    </args>\n</payloadFactory>',
} as const satisfies MediatorDefinition<'payloadFactory'>;
