/*
 * <filter (xpath="expr" | source="expr" regex="javaRegex")>
 *    ( <then [sequence="ref"]>…</then> [<else [sequence="ref"]>…</else>] | mediator* )
 * </filter>
 */
import type { MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';

/** The filter mediator: if/else on an XPath or a regex match. */
export const filter = {
  kind: 'filter',
  tag: 'filter',
  label: 'Filter',
  group: 'Flow control',
  icon: 'filter',
  description: 'Runs Then when an XPath is true (or a source matches a regex as a whole), Else otherwise.',
  fields: [
    { type: 'expression', key: 'xpath', label: 'XPath' },
    { type: 'expression', key: 'source', label: 'Source' },
    { type: 'regex', key: 'regex', label: 'Regex' },
    ...COMMON_FIELDS,
  ],
  branches: [
    { key: 'then', label: 'Then', element: 'then', implicit: true },
    { key: 'else', label: 'Else', element: 'else' },
  ],
  rules: (v) => {
    const issues: RuleIssue[] = [];
    const blank = (s: unknown) => s === undefined || String(s).trim() === '';
    // An empty xpath is reported by the expression check; this is for a missing condition.
    if (v.xpath === undefined && (blank(v.source) || blank(v.regex))) {
      issues.push({
        code: 'FILTER_NO_CONDITION',
        field: 'xpath',
        message: 'A filter needs xpath, or both source and regex.',
      });
    }
    return issues;
  },
  summary: (v) =>
    v.xpath !== undefined
      ? `if ${short(String(v.xpath))}`
      : `if ${short(String(v.source ?? ''), 20)} ~ ${short(String(v.regex ?? ''), 20)}`,
  template: '<filter xpath="true()">\n    <then/>\n    <else/>\n</filter>',
} as const satisfies MediatorDefinition<'filter'>;
