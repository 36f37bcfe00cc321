/*
 * <rewrite [inProperty="name"] [outProperty="name"]>
 *    <rewriterule>
 *       [<condition> equal | match | and | or | not </condition>]
 *       <action [type="set|append|prepend|replace|remove|remove-query-param"]
 *               [fragment="protocol|user|host|port|path|query|ref|full"]
 *               (value="…" | xpath="expr") [regex="javaRegex"] [resolve="true|false"]/>+
 *    </rewriterule>*
 * </rewrite>
 *
 * Conditions: <equal|match [type="header|param|url|property"] [source="…"]
 * (value="…" | regex="…")/> (header by default; equal ignores case, match is a full match).
 * The rules are edited in the source view; `checkElement` reports what MI refuses.
 */
import type { MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';
import { readRewriteRules } from './rewrite-rules.js';

/** The URL rewrite mediator: rewrites the To address (or a property) fragment by fragment. */
export const rewrite = {
  kind: 'rewrite',
  tag: 'rewrite',
  label: 'URL Rewrite',
  group: 'Route',
  icon: 'rewrite',
  description:
    'Rewrites a URL (the To address, or inProperty) with rules of actions on its parts; the result goes to To, or to outProperty. Rules are edited in Source.',
  fields: [
    {
      type: 'string',
      key: 'inProperty',
      label: 'In property',
      help: 'The property holding the URL to rewrite; the To address when not set.',
    },
    {
      type: 'string',
      key: 'outProperty',
      label: 'Out property',
      help: 'The property that receives the result; the To address when not set.',
    },
    ...COMMON_FIELDS,
  ],
  checkElement: (el) => readRewriteRules(el).issues,
  summary: (v) => `rewrite ${v.inProperty ?? 'To'} → ${v.outProperty ?? 'To'}`,
  template:
    '<rewrite>\n    <rewriterule>\n        <action type="set" fragment="host" value="localhost"/>\n    </rewriterule>\n</rewrite>',
} as const satisfies MediatorDefinition<'rewrite'>;
