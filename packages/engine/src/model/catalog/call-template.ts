/*
 * <call-template target="templateName" [onError="sequence"]>
 *    <with-param name="p" value="literal | {xpath} | {json-eval(…)} | {${…}} | {{xpath}}"/>*
 * </call-template>
 *
 * (InvokeMediatorFactory.) `{…}` values are evaluated in the caller's context as the template
 * is entered; `{{…}}` ones are kept as expressions and evaluated where the template reads them
 * (`$func:p`). The parameters the template declares, its mandatory ones and their defaults are
 * checked against the template by `validate-call-template.ts`.
 */
import type { ListRow, MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';

/** The call-template mediator: runs a sequence template with parameters. */
export const callTemplate = {
  kind: 'callTemplate',
  tag: 'call-template',
  label: 'Call template',
  group: 'Flow control',
  icon: 'sequence',
  description: 'Runs a sequence template, its parameters read inside as $func:name.',
  fields: [
    { type: 'template', key: 'target', label: 'Template', required: true },
    { type: 'sequence', key: 'onError', label: 'On error' },
    {
      type: 'list',
      key: 'params',
      element: 'with-param',
      label: 'Parameters',
      fields: [
        { type: 'string', key: 'name', label: 'Name', required: true },
        {
          type: 'string',
          key: 'value',
          label: 'Value',
          required: true,
          help: 'A literal, {xpath} (evaluated before the template runs) or {{xpath}} (evaluated inside it).',
        },
      ],
    },
    ...COMMON_FIELDS,
  ],
  rules: (v) => {
    const issues: RuleIssue[] = [];
    const seen = new Set<string>();
    for (const [i, row] of ((v.params ?? []) as readonly ListRow[]).entries()) {
      const name = row.name ?? '';
      if (name && seen.has(name))
        issues.push({
          severity: 'warning',
          code: 'CALL_TEMPLATE_PARAM_DUPLICATE',
          field: 'params',
          message: `Parameter #${i + 1} '${name}' is given twice; the template would see only the last one.`,
        });
      seen.add(name);
    }
    return issues;
  },
  summary: (v) => {
    const n = ((v.params ?? []) as readonly ListRow[]).length;
    return `call-template ${(v.target as string | undefined) ?? '?'}${n ? ` +${n} ${n === 1 ? 'param' : 'params'}` : ''}`;
  },
  template: '<call-template target=""/>',
} as const satisfies MediatorDefinition<'callTemplate'>;

/**
 * A `<with-param value>` as ValueFactory reads it: `{{…}}` (after trimming, longer than three
 * characters) is kept as an expression the template evaluates where it reads the parameter;
 * any other `{…}` is evaluated in the caller's context as the template is entered; the rest is
 * a literal.
 */
export type TemplateParamValue =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'onEntry' | 'deferred'; readonly source: string };

/** Reads a with-param value (see `TemplateParamValue`). */
export function templateParamValue(value: string): TemplateParamValue {
  const t = value.trim();
  if (t.length > 3 && t.startsWith('{{') && t.endsWith('}}'))
    return { kind: 'deferred', source: t.slice(2, -2) };
  if (value.startsWith('{') && value.endsWith('}')) return { kind: 'onEntry', source: value.slice(1, -1) };
  return { kind: 'literal', text: value };
}
