/*
 * <variable name="x" (value="v" | expression="…") [type="STRING|BOOLEAN|INTEGER|LONG|DOUBLE|JSON|XML|OM"]
 *           [action="set|remove"]/>   (MI 4.4)
 */
import type { MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';
import { removedValueIssues, typedValueIssues, WHEN_REMOVED } from './typed-value.js';

/** The variable mediator (MI 4.4), read as `${vars.x}`. */
export const variable = {
  kind: 'variable',
  tag: 'variable',
  label: 'Variable',
  group: 'Core',
  icon: 'variable',
  description: 'Sets or removes a variable, read later as ${vars.name}.',
  fields: [
    { type: 'string', key: 'name', label: 'Name', required: true },
    { type: 'enum', key: 'action', label: 'Action', values: ['set', 'remove'], default: 'set' },
    {
      type: 'string',
      key: 'value',
      label: 'Value',
      orExpression: 'expression',
      inactiveWhen: WHEN_REMOVED,
    },
    { type: 'expression', key: 'expression', label: 'Expression', inactiveWhen: WHEN_REMOVED },
    {
      type: 'enum',
      key: 'type',
      label: 'Type',
      // OM is not one of MI 4.4's VARIABLE_DATA_TYPES, but its factory takes it and real projects
      // write it (the property mediator's name for XML): read as XML, with a warning.
      values: ['STRING', 'BOOLEAN', 'INTEGER', 'LONG', 'DOUBLE', 'JSON', 'XML', 'OM'],
      default: 'STRING',
      inactiveWhen: WHEN_REMOVED,
    },
    ...COMMON_FIELDS,
  ],
  rules: (v) => {
    const who = `Variable '${String(v.name ?? '')}'`;
    const issues: RuleIssue[] = [...removedValueIssues(who, v, 'VARIABLE_REMOVE_IGNORES')];
    if (v.action === 'remove') return issues;
    issues.push(...typedValueIssues(who, v, 'VARIABLE_VALUE_TYPE'));
    if (v.type === 'OM') {
      issues.push({
        code: 'VARIABLE_TYPE_OM',
        severity: 'warning',
        field: 'type',
        message: `${who}: type OM is read as XML (MI 4.4's variable types are STRING, BOOLEAN, INTEGER, LONG, DOUBLE, JSON and XML; OM is the property mediator's name for XML).`,
      });
    }
    const given = [v.value, v.expression].filter((x) => x !== undefined).length;
    if (given !== 1) {
      issues.push({
        code: given === 0 ? 'VARIABLE_NO_VALUE' : 'VARIABLE_TWO_VALUES',
        field: 'value',
        message: `Variable '${String(v.name ?? '')}' needs exactly one of value and expression.`,
      });
    }
    return issues;
  },
  summary: (v) =>
    `${String(v.name ?? '?')} = ${short(v.value !== undefined ? String(v.value) : `{${String(v.expression ?? '')}}`)}`,
  template: '<variable name="name" value="value"/>',
} as const satisfies MediatorDefinition<'variable'>;
