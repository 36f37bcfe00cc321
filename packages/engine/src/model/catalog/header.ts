/*
 * <header [name="prefix:local | To | From | Action | FaultTo | ReplyTo | RelatesTo | HttpName"]
 *         [action="set|remove"] [scope="default|transport"] [type="OM"]
 *         (value="literal" | expression="xpath | json-eval(…) | ${…}")/>
 * <header [scope="default"]><inline:headerBlock xmlns:inline="…">…</inline:headerBlock>+</header>
 *
 * scope="default" (or none) works on SOAP header blocks, named by a QName whose prefix is
 * declared in scope; scope="transport" on transport (HTTP) headers, named as written.
 */
import type { MediatorDefinition, RuleContext, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';

/** The headers HeaderMediator maps to addressing properties when named without a prefix. */
export const WELL_KNOWN_HEADERS = ['To', 'From', 'Action', 'FaultTo', 'ReplyTo', 'RelatesTo'] as const;

const WHEN_REMOVED = { field: 'action', value: 'remove' } as const;

/** HeaderMediatorFactory's checks of a default-scope name. */
function nameIssues(name: string, where: RuleContext | undefined): RuleIssue[] {
  const colon = name.indexOf(':');
  if (colon === -1) {
    if ((WELL_KNOWN_HEADERS as readonly string[]).includes(name)) return [];
    return [
      {
        code: 'HEADER_NAME_UNQUALIFIED',
        field: 'name',
        message: `Invalid SOAP header '${name}': SOAP headers must be namespace qualified (prefix:name with the prefix declared), unless the name is one of ${WELL_KNOWN_HEADERS.join(', ')}; use scope="transport" for an HTTP header.`,
      },
    ];
  }
  const prefix = name.slice(0, colon);
  if (!where || where.namespaceOf(prefix) !== undefined) return [];
  return [
    {
      code: 'HEADER_PREFIX_UNDECLARED',
      field: 'name',
      message: `Header name '${name}': the namespace prefix '${prefix}' is not declared (add xmlns:${prefix}="…" on the header or an enclosing element).`,
    },
  ];
}

/** The header mediator: sets or removes a SOAP header block or a transport header. */
export const header = {
  kind: 'header',
  tag: 'header',
  label: 'Header',
  group: 'Transform',
  icon: 'header',
  description: 'Sets or removes a SOAP header block (a namespaced name) or a transport (HTTP) header.',
  fields: [
    {
      type: 'string',
      key: 'name',
      label: 'Name',
      help: 'prefix:name for a SOAP header; the HTTP name for transport.',
    },
    { type: 'enum', key: 'action', label: 'Action', values: ['set', 'remove'], default: 'set' },
    { type: 'enum', key: 'scope', label: 'Scope', values: ['default', 'transport'], default: 'default' },
    {
      type: 'string',
      key: 'value',
      label: 'Value',
      orExpression: 'expression',
      inactiveWhen: WHEN_REMOVED,
    },
    { type: 'expression', key: 'expression', label: 'Expression', inactiveWhen: WHEN_REMOVED },
    {
      type: 'string',
      key: 'type',
      label: 'Value type',
      help: 'OM: the value is XML, added inside the header block.',
      inactiveWhen: WHEN_REMOVED,
    },
    { type: 'xml', key: 'inlineXml', label: 'Inline header block', inactiveWhen: WHEN_REMOVED },
    ...COMMON_FIELDS,
  ],
  rules: (v, where) => {
    const issues: RuleIssue[] = [];
    const name = v.name === undefined ? undefined : String(v.name);
    const transport = v.scope === 'transport';
    // Another scope is reported as ENUM_VALUE; the name cannot be judged without knowing it.
    if (v.scope !== undefined && v.scope !== 'default' && !transport) return issues;
    if (name === undefined || name.trim() === '') {
      if (v.inlineXml === undefined || transport || v.action === 'remove')
        issues.push({
          code: 'HEADER_NO_NAME',
          field: 'name',
          message: transport
            ? 'A transport header needs a name.'
            : v.action === 'remove'
              ? 'Removing a header needs its name.'
              : 'A header needs a name, or inline XML header blocks.',
        });
      return issues;
    }
    if (!transport) issues.push(...nameIssues(name, where));
    if (v.action !== 'remove' && v.value === undefined && v.expression === undefined)
      issues.push({
        code: 'HEADER_NO_VALUE',
        field: 'value',
        message: `Header '${name}' needs a value or an expression (or action="remove").`,
      });
    if (v.inlineXml !== undefined)
      issues.push({
        code: 'HEADER_INLINE_WITH_NAME',
        field: 'inlineXml',
        severity: 'warning',
        message: 'MI ignores inline XML on a header that has a name; the inline blocks are not added.',
      });
    return issues;
  },
  summary: (v) => {
    const name = v.name !== undefined ? String(v.name) : '<xml>';
    const scope = v.scope === 'transport' ? ' (transport)' : '';
    if (v.action === 'remove') return `remove ${name}${scope}`;
    const rhs =
      v.value !== undefined ? String(v.value) : v.expression !== undefined ? `{${String(v.expression)}}` : '';
    return `${name}${rhs ? ` = ${short(rhs)}` : ''}${scope}`;
  },
  template: '<header name="X-Header" scope="transport" value="value"/>',
} as const satisfies MediatorDefinition<'header'>;
