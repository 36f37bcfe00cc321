/*
 * <validate [source="xpath | json-eval(…) | ${…}"] [cache-schema="true|false"]
 *           [json-source="true|false"] [description] [trace] [statistics]>
 *    <schema key="entry | {expr}"/>+
 *    <resource location="schemaLocation" key="entry"/>*
 *    <feature name="uri" value="true|false"/>*
 *    <on-fail>mediator+</on-fail>
 * </validate>
 *
 * MI: ValidateMediator, ValidateMediatorFactory/Serializer. An XML message (or the node `source`
 * selects; default: the body's first element) is checked against the XSD entries, a JSON one
 * (or `json-source="true"`, or the JSON `source` selects) against the JSON Schema entry. On a
 * failure ERROR_MESSAGE and ERROR_DETAIL are set and `on-fail` runs; the flow then goes on after
 * the validate mediator unless on-fail ends it.
 */
import type { MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';
import { FEATURE_LIST, RESOURCE_LIST } from './xslt.js';

/** The validate mediator: XSD or JSON Schema validation with an on-fail branch. */
export const validate = {
  kind: 'validate',
  tag: 'validate',
  label: 'Validate',
  group: 'Flow control',
  icon: 'validate',
  description:
    'Validates the message against XSD or JSON Schema local entries; runs On fail when it does not conform.',
  fields: [
    {
      type: 'expression',
      key: 'source',
      label: 'Source',
      help: "XPath for XML, json-eval(…) or ${…} for JSON. Default: the body's first element, or the whole JSON payload.",
    },
    {
      type: 'boolean',
      key: 'jsonSource',
      attribute: 'json-source',
      label: 'JSON source',
      default: 'false',
      help: 'Validate as JSON even when the payload is not JSON.',
    },
    {
      type: 'boolean',
      key: 'cacheSchema',
      attribute: 'cache-schema',
      label: 'Cache schema',
      default: 'true',
      help: 'Mediate compiles schemas once per deploy either way.',
    },
    {
      type: 'list',
      key: 'schemas',
      element: 'schema',
      label: 'Schemas',
      fields: [{ type: 'localEntry', key: 'key', label: 'Local entry', required: true, dynamic: true }],
    },
    RESOURCE_LIST,
    FEATURE_LIST,
    ...COMMON_FIELDS,
  ],
  branches: [{ key: 'onFail', label: 'On fail', element: 'on-fail' }],
  rules: (v, at) => {
    const issues: RuleIssue[] = [];
    // ValidateMediatorFactory: "No schema specified for the validate mediator".
    if (((v.schemas ?? []) as readonly unknown[]).length === 0)
      issues.push({
        code: 'VALIDATE_NO_SCHEMA',
        field: 'schemas',
        message: 'A validate mediator needs at least one <schema key="…"/>.',
      });
    // ValidateMediatorFactory: "A non-empty <on-fail> child element is required".
    if (at && (at.branchLengths.onFail ?? 0) === 0)
      issues.push({
        code: 'VALIDATE_ON_FAIL_EMPTY',
        message: 'A validate mediator needs an <on-fail> with at least one mediator.',
      });
    return issues;
  },
  summary: (v) => {
    const keys = ((v.schemas ?? []) as readonly { key?: string }[]).map((s) => s.key ?? '?');
    return `validate ${short(keys.join(', ')) || '?'}`;
  },
  template: '<validate>\n    <schema key=""/>\n    <on-fail>\n        <drop/>\n    </on-fail>\n</validate>',
} as const satisfies MediatorDefinition<'validate'>;
