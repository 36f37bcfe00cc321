/*
 * <property name="N" [action="set|remove"] (value="v" | expression="…" | <childXml/>)
 *           [scope="default|transport|axis2|axis2-client|operation|registry|system|trace|analytics"]
 *           [type="STRING|BOOLEAN|INTEGER|LONG|SHORT|FLOAT|DOUBLE|OM|JSON"]
 *           [pattern="regex" [group="n"]]/>
 */
import type { MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, PROPERTY_SCOPES, PROPERTY_TYPES, short } from './common-fields.js';
import { removedValueIssues, typedValueIssues, WHEN_REMOVED } from './typed-value.js';

/** The property mediator: sets or removes a property in a scope. */
export const property = {
  kind: 'property',
  tag: 'property',
  label: 'Property',
  group: 'Core',
  icon: 'property',
  description: 'Sets or removes a message property in a scope (default, axis2, transport, operation, …).',
  fields: [
    { type: 'string', key: 'name', label: 'Name', required: true, dynamic: true },
    { type: 'enum', key: 'action', label: 'Action', values: ['set', 'remove'], default: 'set' },
    {
      type: 'string',
      key: 'value',
      label: 'Value',
      orExpression: 'expression',
      inactiveWhen: WHEN_REMOVED,
    },
    { type: 'expression', key: 'expression', label: 'Expression', inactiveWhen: WHEN_REMOVED },
    { type: 'enum', key: 'scope', label: 'Scope', values: PROPERTY_SCOPES, default: 'default' },
    {
      type: 'enum',
      key: 'type',
      label: 'Type',
      values: PROPERTY_TYPES,
      default: 'STRING',
      inactiveWhen: WHEN_REMOVED,
    },
    {
      type: 'regex',
      key: 'pattern',
      label: 'Pattern',
      help: 'The whole value must match; group picks a capture.',
      inactiveWhen: WHEN_REMOVED,
    },
    { type: 'integer', key: 'group', label: 'Group', inactiveWhen: WHEN_REMOVED },
    { type: 'xml', key: 'inlineXml', label: 'Inline XML value', inactiveWhen: WHEN_REMOVED },
    ...COMMON_FIELDS,
  ],
  rules: (v) => {
    const issues: RuleIssue[] = [];
    const given = [v.value, v.expression, v.inlineXml].filter((x) => x !== undefined).length;
    if (v.action !== 'remove') {
      if (given === 0) {
        issues.push({
          code: 'PROPERTY_NO_VALUE',
          field: 'value',
          message: `Property '${String(v.name ?? '')}' needs a value, an expression or inline XML (or action="remove").`,
        });
      } else if (given > 1) {
        issues.push({
          code: 'PROPERTY_TWO_VALUES',
          field: 'value',
          message: `Property '${String(v.name ?? '')}' has more than one of value, expression and inline XML; keep one.`,
        });
      }
    }
    const who = `Property '${String(v.name ?? '')}'`;
    issues.push(...typedValueIssues(who, v, 'PROPERTY_VALUE_TYPE'));
    issues.push(...removedValueIssues(who, v, 'PROPERTY_REMOVE_IGNORES'));
    // WebsocketConstants.CONTENT_TYPE is `websocket.accept.contenType` (sic); MI never reads the
    // corrected spelling the docs print, so it must not quietly work here either.
    if (v.name === 'websocket.accept.contentType')
      issues.push({
        code: 'PROPERTY_MI_IGNORES',
        field: 'name',
        severity: 'warning',
        message:
          "MI reads the back-end content type only as 'websocket.accept.contenType' (its own spelling); 'websocket.accept.contentType' is ignored, as in MI.",
      });
    // PropertyMediator writes scope="registry" into the governance registry as a resource
    // property; Mediate has no registry, and a write that silently went nowhere would lose data.
    if (v.scope === 'registry')
      issues.push({
        code: 'PROPERTY_REGISTRY_SCOPE',
        field: 'scope',
        message: `${who}: scope="registry" writes to MI's registry, which Mediate does not have; keep the value in a local entry or use another scope.`,
      });
    if (v.group !== undefined && v.pattern === undefined && v.action !== 'remove') {
      issues.push({
        code: 'PROPERTY_GROUP_WITHOUT_PATTERN',
        field: 'group',
        message: 'group needs a pattern.',
      });
    }
    return issues;
  },
  summary: (v) => {
    const name = String(v.name ?? '?');
    if (v.action === 'remove') return `remove ${name}`;
    const rhs =
      v.value !== undefined
        ? String(v.value)
        : v.expression !== undefined
          ? `{${String(v.expression)}}`
          : '<xml>';
    const scope = v.scope && v.scope !== 'default' ? ` (${String(v.scope)})` : '';
    return `${name} = ${short(rhs)}${scope}`;
  },
  template: '<property name="name" value="value"/>',
} as const satisfies MediatorDefinition<'property'>;
