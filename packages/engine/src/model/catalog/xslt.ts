/*
 * <xslt key="entry | {expr}" [source="xpath"] [target="property"]
 *       [description] [trace] [statistics]>
 *    <property name="param" (value="literal" | expression="xpath | json-eval(…) | ${…}")/>*
 *    <feature name="uri" value="true|false"/>*
 *    <resource location="href in the stylesheet" key="entry"/>*
 * </xslt>
 *
 * MI: XSLTMediator, XSLTMediatorFactory/Serializer. `key` names the local entry holding the
 * stylesheet; `source` selects the node to transform (default: the SOAP body's first element),
 * which the result replaces; `target` puts the result in a property instead; each `<property>`
 * is a stylesheet parameter; `<resource>` maps an `xsl:import`/`xsl:include` href to an entry.
 */
import type { ListRow, MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';

/** `<feature name value>` rows (XSLTMediatorFactory and ValidateMediatorFactory: value true|false). */
export const FEATURE_LIST = {
  type: 'list',
  key: 'features',
  element: 'feature',
  label: 'Features',
  fields: [
    { type: 'string', key: 'name', label: 'Name', required: true },
    { type: 'boolean', key: 'value', label: 'Value', required: true },
  ],
} as const;

/** `<resource location key>` rows (ResourceMapFactory): an href resolved to a local entry. */
export const RESOURCE_LIST = {
  type: 'list',
  key: 'resources',
  element: 'resource',
  label: 'Resources',
  fields: [
    { type: 'string', key: 'location', label: 'Location', required: true },
    { type: 'localEntry', key: 'key', label: 'Local entry', required: true },
  ],
} as const;

/** The rule MediatorPropertyFactory applies to a `<property>` row: one of value, expression. */
export function propertyRowIssues(rows: readonly ListRow[], what: string): RuleIssue[] {
  return rows.flatMap((row, i) => {
    const has = Number(row.value !== undefined) + Number(row.expression !== undefined);
    if (has === 1) return [];
    return [
      {
        code: has === 0 ? 'XSLT_PARAMETER_NO_VALUE' : 'XSLT_PARAMETER_TWO_VALUES',
        field: 'properties',
        message:
          has === 0
            ? `${what} parameter #${i + 1} '${row.name ?? ''}' needs a value or an expression.`
            : `${what} parameter #${i + 1} '${row.name ?? ''}' has both a value and an expression; keep one.`,
      },
    ];
  });
}

/** The XSLT mediator: transforms the message (or a node of it) with a stylesheet. */
export const xslt = {
  kind: 'xslt',
  tag: 'xslt',
  label: 'XSLT',
  group: 'Transform',
  icon: 'xslt',
  description:
    'Transforms the body (or the node a source XPath selects) with an XSLT stylesheet from a local entry.',
  fields: [
    { type: 'localEntry', key: 'key', label: 'Stylesheet', required: true, dynamic: true },
    {
      type: 'expression',
      key: 'source',
      label: 'Source',
      help: "The node to transform; the result replaces it. Default: the body's first element.",
    },
    {
      type: 'string',
      key: 'target',
      label: 'Target property',
      help: 'Put the result in this property instead of the message.',
    },
    {
      type: 'list',
      key: 'properties',
      element: 'property',
      label: 'Parameters',
      fields: [
        { type: 'string', key: 'name', label: 'Name', required: true },
        { type: 'string', key: 'value', label: 'Value', orExpression: 'expression' },
        { type: 'expression', key: 'expression', label: 'Expression' },
      ],
    },
    FEATURE_LIST,
    RESOURCE_LIST,
    ...COMMON_FIELDS,
  ],
  rules: (v) => propertyRowIssues((v.properties ?? []) as readonly ListRow[], 'XSLT'),
  summary: (v) => `xslt ${short(String(v.key ?? '?'))}`,
  template: '<xslt key=""/>',
} as const satisfies MediatorDefinition<'xslt'>;
