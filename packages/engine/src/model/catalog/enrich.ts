/*
 * <enrich>
 *    <source [clone="true|false"] [type="custom|envelope|body|property|inline|variable"]
 *            [xpath="xpath | json-eval(JSONPath)"] [property="name"] [key="localEntry"]>
 *       [inline XML element | JSON text]                        (type="inline")
 *    </source>
 *    <target [action="replace|child|sibling|remove"]
 *            [type="custom|envelope|body|property|key|variable"]
 *            [xpath="xpath | json-eval(JSONPath)"] [property="name"]/>
 * </enrich>
 *
 * `property` names the variable for type="variable" (a Mediate extension: MI 4.4's factory
 * refuses that type, so it is a warning).
 */
import type { ListRow, MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';

const SOURCE_TYPES = ['custom', 'envelope', 'body', 'property', 'inline', 'variable'] as const;
const TARGET_TYPES = ['custom', 'envelope', 'body', 'property', 'key', 'variable'] as const;

const isJsonPath = (x: string | undefined) => x !== undefined && x.trim().startsWith('json-eval(');

/** EnrichMediatorFactory's checks (validateTypeCombination, populateSource, populateTarget). */
function enrichIssues(source: ListRow | undefined, target: ListRow | undefined): RuleIssue[] {
  const issue = (code: string, field: string, message: string, severity?: 'warning'): RuleIssue => ({
    code,
    field,
    message,
    ...(severity ? { severity } : {}),
  });
  const out: RuleIssue[] = [];
  if (!source) out.push(issue('ENRICH_NO_SOURCE', 'source', 'An enrich needs a <source> element.'));
  if (!target) out.push(issue('ENRICH_NO_TARGET', 'target', 'An enrich needs a <target> element.'));
  if (!source || !target) return out;
  const s = source.type ?? 'custom';
  const t = target.type ?? 'custom';
  const action = target.action ?? 'replace';
  // Unknown types and actions are reported by the enum checks; the combinations need known ones.
  if (!(SOURCE_TYPES as readonly string[]).includes(s) || !(TARGET_TYPES as readonly string[]).includes(t))
    return out;
  const wrong =
    (s === 'envelope' && (t === 'custom' || t === 'envelope' || t === 'body')) ||
    (s === 'body' && (t === 'envelope' || t === 'body')) ||
    (s === 'custom' && t === 'envelope');
  if (wrong)
    out.push(
      issue(
        'ENRICH_TYPE_COMBINATION',
        'target',
        `A source of type ${s} cannot enrich a target of type ${t} (MI: "Wrong combination of source and target type").`,
      ),
    );
  if (action === 'remove') {
    if (s !== 'custom')
      out.push(
        issue(
          'ENRICH_REMOVE_SOURCE',
          'source',
          'action="remove" takes what to remove from a source of type custom (a JSONPath).',
        ),
      );
    if (t !== 'body' && t !== 'property')
      out.push(
        issue(
          'ENRICH_REMOVE_TARGET',
          'target',
          `action="remove" works on a target of type body or property, not ${t}.`,
        ),
      );
  }
  if (t === 'envelope' && action !== 'replace' && action !== 'remove')
    out.push(issue('ENRICH_ENVELOPE_ACTION', 'target', 'A target of type envelope can only be replaced.'));
  if (t === 'key') {
    if (s === 'body')
      out.push(issue('ENRICH_KEY_SOURCE', 'source', 'A body cannot be the new name of a key.'));
    if (action !== 'replace')
      out.push(
        issue('ENRICH_KEY_ACTION', 'target', 'Only the replace action is supported for the target type key.'),
      );
    if (target.xpath === undefined)
      out.push(
        issue(
          'ENRICH_TARGET_XPATH',
          'target',
          "A target of type key needs an xpath (json-eval of the key's path).",
        ),
      );
  }
  if (s === 'custom' && source.xpath === undefined)
    out.push(issue('ENRICH_SOURCE_XPATH', 'source', 'A source of type custom needs an xpath.'));
  if ((s === 'property' || s === 'variable') && source.property === undefined)
    out.push(
      issue(
        'ENRICH_SOURCE_PROPERTY',
        'source',
        `A source of type ${s} needs a property attribute naming it.`,
      ),
    );
  if (
    s === 'inline' &&
    source.inlineXml === undefined &&
    source.text === undefined &&
    source.key === undefined
  )
    out.push(issue('ENRICH_SOURCE_INLINE', 'source', 'An inline source needs XML, JSON text or a key.'));
  if (t === 'custom' && target.xpath === undefined)
    out.push(issue('ENRICH_TARGET_XPATH', 'target', 'A target of type custom needs an xpath.'));
  if (t === 'custom' && action === 'replace' && isJsonPath(target.xpath)) {
    const path = (target.xpath ?? '').trim().slice(10, -1).trim();
    if (path === '$' || path === '$.')
      out.push(
        issue(
          'ENRICH_ROOT_REPLACE',
          'target',
          'Replacing the root path of a custom target is not supported; use type="body" action="replace".',
        ),
      );
  }
  if ((t === 'property' || t === 'variable') && target.property === undefined)
    out.push(
      issue(
        'ENRICH_TARGET_PROPERTY',
        'target',
        `A target of type ${t} needs a property attribute naming it.`,
      ),
    );
  if (s === 'variable' || t === 'variable')
    out.push(
      issue(
        'ENRICH_VARIABLE_NOT_MI',
        s === 'variable' ? 'source' : 'target',
        'type="variable" is a Mediate extension: MI 4.4 does not deploy an enrich with it.',
        'warning',
      ),
    );
  return out;
}

/** The enrich mediator: copies a part of the message (or a property, or inline content) into another. */
export const enrich = {
  kind: 'enrich',
  tag: 'enrich',
  label: 'Enrich',
  group: 'Transform',
  icon: 'enrich',
  description:
    'Copies a source (an XPath or JSONPath, the body, the envelope, a property or inline content) into a target: replace it, add a child or a sibling.',
  fields: [
    {
      type: 'child',
      key: 'source',
      element: 'source',
      label: 'Source',
      withText: true,
      inlineXml: true,
      fields: [
        { type: 'enum', key: 'type', label: 'Type', values: SOURCE_TYPES, default: 'custom' },
        { type: 'boolean', key: 'clone', label: 'Clone', default: 'true' },
        { type: 'expression', key: 'xpath', label: 'XPath / JSONPath' },
        { type: 'string', key: 'property', label: 'Property' },
        { type: 'localEntry', key: 'key', label: 'Inline key' },
      ],
    },
    {
      type: 'child',
      key: 'target',
      element: 'target',
      label: 'Target',
      fields: [
        { type: 'enum', key: 'type', label: 'Type', values: TARGET_TYPES, default: 'custom' },
        {
          type: 'enum',
          key: 'action',
          label: 'Action',
          values: ['replace', 'child', 'sibling', 'remove'],
          default: 'replace',
        },
        { type: 'expression', key: 'xpath', label: 'XPath / JSONPath' },
        { type: 'string', key: 'property', label: 'Property' },
      ],
    },
    ...COMMON_FIELDS,
  ],
  rules: (v) => enrichIssues(v.source as ListRow | undefined, v.target as ListRow | undefined),
  summary: (v) => {
    const s = (v.source ?? {}) as ListRow;
    const t = (v.target ?? {}) as ListRow;
    const side = (r: ListRow) =>
      r.type === 'custom' || r.type === undefined
        ? short(r.xpath ?? '?', 24)
        : r.type === 'property' || r.type === 'variable'
          ? `${r.type} ${r.property ?? '?'}`
          : r.type;
    return `${side(s)} → ${t.action && t.action !== 'replace' ? `${t.action} of ` : ''}${side(t)}`;
  },
  template:
    '<enrich>\n    <source type="body" clone="true"/>\n    <target type="property" property="original"/>\n</enrich>',
} as const satisfies MediatorDefinition<'enrich'>;
