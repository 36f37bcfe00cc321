/*
 * <makefault [version="soap11|soap12|pox"] [response="true|false"]>
 *    <code (value="prefix:name" | expression="xpath")/>          (not needed for pox)
 *    <reason (value="literal" | expression="xpath")/>            (not needed for pox)
 *    [<node>uri</node>]                                           (SOAP 1.2 and pox)
 *    [<role>uri</role>]
 *    [<detail [expression="xpath"]>text | inline XML</detail>]
 * </makefault>
 */
import type { ListRow, MediatorDefinition, RuleContext, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';
import { childElement } from '../xml/xml-query.js';

const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';

/** The fault codes FaultMediatorFactory accepts, by version (SOAP11Constants, SOAP12Constants). */
const CODES = {
  soap11: { ns: SOAP11_ENV, names: ['VersionMismatch', 'MustUnderstand', 'Client', 'Server'] },
  soap12: {
    ns: SOAP12_ENV,
    names: ['VersionMismatch', 'MustUnderstand', 'DataEncodingUnknown', 'Sender', 'Receiver'],
  },
} as const;

/**
 * True when `s` would not make a java.net.URI (FaultMediatorFactory: "Invalid URI specified").
 * An empty one is a valid (empty relative) URI, so `<role/>` deploys in MI.
 */
function badUri(s: string): boolean {
  return /[\s<>"{}|\\^`]/.test(s) || /^[^/?#]*:$/.test(s);
}

/** FaultMediatorFactory's checks of `<code value>`: a QName in the SOAP envelope namespace. */
function codeIssues(version: string, code: ListRow, at: RuleContext | undefined): RuleIssue[] {
  const value = code.value;
  if (value === undefined) return [];
  const colon = value.indexOf(':');
  if (colon === -1)
    return [
      {
        code: 'MAKEFAULT_CODE_QNAME',
        field: 'code',
        message: `The fault code '${value}' must be a QName, prefix:name (e.g. soap11Env:Server).`,
      },
    ];
  const prefix = value.slice(0, colon);
  const name = value.slice(colon + 1);
  const ns = at?.namespaceOf(prefix, childElement(at.element, 'code'));
  if (at && ns === undefined)
    return [
      {
        code: 'MAKEFAULT_CODE_PREFIX',
        field: 'code',
        message: `The fault code's prefix '${prefix}' is not declared (add xmlns:${prefix}="…" on <code> or above).`,
      },
    ];
  if (version !== 'soap11' && version !== 'soap12') return [];
  const allowed = CODES[version];
  if (at && ns !== allowed.ns)
    return [
      {
        code: 'MAKEFAULT_CODE_NAMESPACE',
        field: 'code',
        message: `A ${version} fault code must be in the namespace ${allowed.ns}; '${prefix}' is ${ns}.`,
      },
    ];
  if (!(allowed.names as readonly string[]).includes(name))
    return [
      {
        code: 'MAKEFAULT_CODE_VALUE',
        field: 'code',
        message: `'${name}' is not a ${version} fault code; use one of ${allowed.names.join(', ')}.`,
      },
    ];
  return [];
}

/** One of value/expression on `<code>` or `<reason>`, which SOAP faults need. */
function valueIssues(what: 'code' | 'reason', row: ListRow | undefined, pox: boolean): RuleIssue[] {
  const upper = what.toUpperCase();
  if (!row)
    return pox
      ? []
      : [
          {
            code: `MAKEFAULT_NO_${upper}`,
            field: what,
            message: `A SOAP fault needs a <${what} value="…"/> or <${what} expression="…"/> (only a pox fault may leave it out).`,
          },
        ];
  if (row.value === undefined && row.expression === undefined)
    return [
      {
        code: `MAKEFAULT_${upper}_NO_VALUE`,
        field: what,
        message: `<${what}> needs a value or an expression attribute.`,
      },
    ];
  return [];
}

/** The makefault mediator: turns the message into a SOAP 1.1, SOAP 1.2 or POX fault. */
export const makefault = {
  kind: 'makefault',
  tag: 'makefault',
  label: 'Fault',
  group: 'Transform',
  icon: 'fault',
  description:
    'Replaces the message with a SOAP 1.1, SOAP 1.2 or POX fault (code, reason, node, role, detail) and marks it a response.',
  fields: [
    {
      type: 'enum',
      key: 'version',
      label: 'Version',
      values: ['soap11', 'soap12', 'pox'],
      default: 'soap11',
    },
    {
      type: 'boolean',
      key: 'response',
      label: 'Mark as response',
      default: 'true',
      help: 'MI marks the fault a response unless response="false".',
    },
    {
      type: 'child',
      key: 'code',
      element: 'code',
      label: 'Code',
      fields: [
        { type: 'string', key: 'value', label: 'Value', orExpression: 'expression' },
        { type: 'expression', key: 'expression', label: 'Expression' },
      ],
    },
    {
      type: 'child',
      key: 'reason',
      element: 'reason',
      label: 'Reason',
      fields: [
        { type: 'string', key: 'value', label: 'Value', orExpression: 'expression' },
        { type: 'expression', key: 'expression', label: 'Expression' },
      ],
    },
    { type: 'text', key: 'node', element: 'node', label: 'Node (URI)' },
    { type: 'text', key: 'role', element: 'role', label: 'Role (URI)' },
    {
      type: 'child',
      key: 'detail',
      element: 'detail',
      label: 'Detail',
      withText: true,
      inlineXml: true,
      fields: [{ type: 'expression', key: 'expression', label: 'Expression' }],
    },
    ...COMMON_FIELDS,
  ],
  rules: (v, at) => {
    const version = String(v.version ?? 'soap11');
    const pox = version === 'pox';
    const issues: RuleIssue[] = [];
    // An unknown version is the enum check's (MI: "Invalid SOAP version"); nothing else follows.
    if (version !== 'soap11' && version !== 'soap12' && !pox) return issues;
    // Another spelling of a boolean passes the boolean check, but FaultMediatorFactory compares exactly.
    if (
      v.response !== undefined &&
      /^(true|false)$/i.test(String(v.response)) &&
      !/^(true|false)$/.test(String(v.response))
    )
      issues.push({
        code: 'MAKEFAULT_RESPONSE_VALUE',
        field: 'response',
        message: `response is '${String(v.response)}'; MI expects exactly 'true' or 'false'.`,
      });
    const code = v.code as ListRow | undefined;
    issues.push(
      ...valueIssues('code', code, pox),
      ...valueIssues('reason', v.reason as ListRow | undefined, pox),
    );
    if (code) issues.push(...codeIssues(version, code, at));
    if (v.node !== undefined) {
      if (v.version === undefined)
        issues.push({
          code: 'MAKEFAULT_NODE_NO_VERSION',
          field: 'node',
          message:
            'MI fails to deploy a makefault with <node> but no version; set version="soap12" (a node applies to SOAP 1.2).',
        });
      else if (version === 'soap11')
        issues.push({
          code: 'MAKEFAULT_NODE_SOAP11',
          field: 'node',
          severity: 'warning',
          message: 'A fault node does not apply to a SOAP 1.1 fault; MI ignores <node> here.',
        });
      else if (badUri(String(v.node)))
        issues.push({
          code: 'MAKEFAULT_NODE_URI',
          field: 'node',
          message: `The fault node '${String(v.node)}' is not a valid URI.`,
        });
    }
    if (v.role !== undefined && badUri(String(v.role)))
      issues.push({
        code: 'MAKEFAULT_ROLE_URI',
        field: 'role',
        message: `The fault role '${String(v.role)}' is not a valid URI.`,
      });
    return issues;
  },
  summary: (v) => {
    const code = v.code as ListRow | undefined;
    const reason = v.reason as ListRow | undefined;
    const what = reason?.value ?? (reason?.expression ? `{${reason.expression}}` : '');
    return `${String(v.version ?? 'soap11')} fault${code?.value ? ` ${code.value}` : ''}${what ? ` ${short(what)}` : ''}`;
  },
  template:
    '<makefault version="soap11">\n    <code xmlns:soap11Env="http://schemas.xmlsoap.org/soap/envelope/" value="soap11Env:Server"/>\n    <reason value="Error"/>\n</makefault>',
} as const satisfies MediatorDefinition<'makefault'>;
