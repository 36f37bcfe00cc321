/*
 * <script language="js | graalJs | nashornJs | rhinoJs"
 *         [key="localEntryKey" [function="mediate"]]>
 *    <include key="localEntryKey"/>*
 *    [inline source, usually <![CDATA[ … ]]> (used when there is no key)]
 * </script>
 *
 * ScriptMediatorFactory: `language` is required; `function` only with `key` (the entry is
 * loaded, then `function(mc)` is called; default `mediate`); without `key` the element's own
 * text is evaluated with `mc` in scope; `<include>`s are loaded before a keyed script only.
 */
import { parseScript } from '../expressions/script-syntax.js';
import type { ListRow, MediatorDefinition, RuleIssue } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';

/**
 * The languages MI runs as JavaScript (ScriptMediatorConstants): `js` and `graalJs` on GraalJS,
 * `nashornJs` and `rhinoJs` on their engines. Mediate runs all four as modern JavaScript.
 */
export const SCRIPT_JS_LANGUAGES = ['js', 'graalJs', 'nashornJs', 'rhinoJs'] as const;

/** The script mediator: JavaScript with MI's `mc` object, isolated and time-limited. */
export const script = {
  kind: 'script',
  tag: 'script',
  label: 'Script',
  group: 'Transform',
  icon: 'script',
  description:
    "Runs JavaScript with MI's mc object (getPayloadJSON, setPayloadXML, getProperty, …), inline or from a local entry.",
  fields: [
    {
      type: 'string',
      key: 'language',
      label: 'Language',
      required: true,
      help: 'js (also graalJs, nashornJs, rhinoJs: run as modern JavaScript).',
    },
    { type: 'localEntry', key: 'key', label: 'Script key', help: 'A local entry holding the script.' },
    {
      type: 'string',
      key: 'function',
      label: 'Function',
      default: 'mediate',
      help: 'The function a keyed script calls with mc (only with a key).',
    },
    {
      type: 'list',
      key: 'includes',
      element: 'include',
      label: 'Includes',
      fields: [{ type: 'localEntry', key: 'key', label: 'Key', required: true }],
    },
    {
      type: 'body',
      key: 'source',
      label: 'Inline script',
      help: 'JavaScript run with mc in scope when there is no key; returning false stops the flow.',
    },
    ...COMMON_FIELDS,
  ],
  rules: (v) => {
    const issues: RuleIssue[] = [];
    const language = v.language === undefined ? undefined : String(v.language).trim();
    const javaScript =
      language !== undefined && (SCRIPT_JS_LANGUAGES as readonly string[]).includes(language);
    if (language !== undefined && !javaScript)
      issues.push({
        code: 'SCRIPT_LANGUAGE_UNSUPPORTED',
        field: 'language',
        message: `Script language '${language}' is not supported; Mediate runs JavaScript (${SCRIPT_JS_LANGUAGES.join(', ')}).`,
      });
    const key = v.key === undefined ? undefined : String(v.key).trim();
    if (key === undefined && v.function !== undefined)
      issues.push({
        code: 'SCRIPT_FUNCTION_WITHOUT_KEY',
        field: 'function',
        message: "A script's 'function' needs a 'key' (the local entry that defines it), as in MI.",
      });
    if (key?.startsWith('{'))
      issues.push({
        code: 'SCRIPT_DYNAMIC_KEY',
        field: 'key',
        message: `A script key computed per message (${key}) is not supported: scripts are compiled at deploy time.`,
      });
    if (key === undefined && ((v.includes ?? []) as readonly ListRow[]).length > 0)
      issues.push({
        code: 'SCRIPT_INCLUDE_IGNORED',
        field: 'includes',
        severity: 'warning',
        message: 'MI loads <include> scripts only for a keyed script; on an inline script they are ignored.',
      });
    if (javaScript && key === undefined && typeof v.source === 'string') {
      const { problem } = parseScript(v.source);
      if (problem)
        issues.push({ code: problem.code, field: 'source', message: `Inline script: ${problem.message}` });
    }
    return issues;
  },
  summary: (v) =>
    v.key !== undefined
      ? `${String(v.language ?? 'js')} ${short(String(v.key), 20)}.${String(v.function ?? 'mediate')}()`
      : `${String(v.language ?? 'js')} ${short(
          String(v.source ?? '')
            .trim()
            .replace(/\s+/g, ' '),
          28,
        )}`,
  template: "<script language=\"js\"><![CDATA[mc.setProperty('greeting', 'hello');]]></script>",
} as const satisfies MediatorDefinition<'script'>;
