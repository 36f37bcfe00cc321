/**
 * Rules shared by the property and variable mediators: a literal value must convert to the
 * declared type as the runtime converts it at deploy time, and with `action="remove"` the value,
 * expression and type are ignored (PropertyMediator and VariableMediator only remove).
 */
import { isPlainBoolean, literalConversionProblem } from '../expressions/java-conversions.js';
import type { InactiveWhen, MediatorValues, RuleIssue } from './catalog-types.js';

/** The condition under which a set-only field means nothing. */
export const WHEN_REMOVED: InactiveWhen = { field: 'action', value: 'remove' };

/**
 * Issues of a literal `value` against `type`: an error when Java refuses it (deploy would fail),
 * a warning for a BOOLEAN MI reads as false without a complaint (`ture`).
 */
export function typedValueIssues(who: string, v: MediatorValues, code: string): RuleIssue[] {
  if (v.action === 'remove' || typeof v.value !== 'string' || typeof v.type !== 'string') return [];
  const type = v.type.toUpperCase();
  if (type === 'BOOLEAN') {
    return isPlainBoolean(v.value)
      ? []
      : [
          {
            code,
            field: 'value',
            severity: 'warning',
            message: `${who} has type BOOLEAN, but '${v.value}' is not true or false; MI reads it as false.`,
          },
        ];
  }
  const problem = literalConversionProblem(v.value, type);
  return problem ? [{ code, field: 'value', message: `${who} has type ${type}, but ${problem}` }] : [];
}

/** A warning for hand-written XML that gives a removed property or variable a value or type. */
export function removedValueIssues(who: string, v: MediatorValues, code: string): RuleIssue[] {
  if (v.action !== 'remove') return [];
  const given = (['value', 'expression', 'type'] as const).filter((k) => v[k] !== undefined);
  if (!given.length) return [];
  return [
    {
      code,
      field: given[0],
      severity: 'warning',
      message: `${who} is removed (action="remove"), so its ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} ignored; delete ${given.length > 1 ? 'them' : 'it'}.`,
    },
  ];
}
