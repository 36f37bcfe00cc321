/*
 * <switch source="expr" [description="…"]>
 *    <case regex="javaRegex">mediator*</case>*
 *    [<default>mediator*</default>]
 * </switch>
 *
 * `source` is an XPath, json-eval(JSONPath) or ${…}; its string value is matched against each
 * case's regex as a whole (Matcher.matches), in order; only the first matching case runs, else
 * the default (SwitchMediator.mediate). MI reads only the first <default> (SwitchMediatorFactory).
 */
import { elementChildren, localName } from '../xml/xml-query.js';
import type { ElementIssue, MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';

/** The switch mediator: runs the first case whose regex matches the source as a whole. */
export const switchMediator = {
  kind: 'switch',
  tag: 'switch',
  label: 'Switch',
  group: 'Route',
  icon: 'switch',
  description: 'Evaluates Source and runs the first case whose regex matches the whole value, else Default.',
  fields: [
    {
      type: 'expression',
      key: 'source',
      label: 'Source',
      required: true,
      help: 'XPath, json-eval(JSONPath) or ${…}; its string value is matched against each case.',
    },
    ...COMMON_FIELDS,
  ],
  branches: [
    {
      key: 'case',
      label: 'Case',
      element: 'case',
      repeated: true,
      fields: [
        {
          type: 'regex',
          key: 'regex',
          label: 'Regex',
          required: true,
          help: 'A Java regular expression that must match the whole source value.',
        },
      ],
    },
    { key: 'default', label: 'Default', element: 'default' },
  ],
  checkElement: (el) => {
    // SwitchMediatorFactory reads only <case> and the first <default>; say so for the rest.
    const issues: ElementIssue[] = [];
    let defaults = 0;
    for (const c of elementChildren(el)) {
      const name = localName(c.name);
      if (name === 'default' && ++defaults > 1)
        issues.push({
          code: 'SWITCH_DEFAULT_REPEATED',
          severity: 'warning',
          message: 'Only the first <default> of a switch runs; this one is ignored (as in MI).',
          at: c,
        });
      else if (name !== 'case' && name !== 'default' && name !== 'description')
        issues.push({
          code: 'SWITCH_CHILD_IGNORED',
          severity: 'warning',
          message: `<${name}> directly inside <switch> never runs (as in MI); put it in a <case> or the <default>.`,
          at: c,
        });
    }
    return issues;
  },
  summary: (v) => `switch ${short(String(v.source ?? ''))}`,
  template:
    '<switch source="get-property(\'To\')">\n    <case regex=".*">\n    </case>\n    <default/>\n</switch>',
} as const satisfies MediatorDefinition<'switch'>;
