/*
 * <log [level="simple|headers|full|custom"] [category="INFO|TRACE|DEBUG|WARN|ERROR|FATAL"]
 *      [separator=", "] [logMessageID="true|false"] [logFullPayload="true|false"]>
 *    [<message>template with ${…}</message>]
 *    <property name="n" (value="literal" | expression="xpath | json-eval(…)") [scope]/>*
 *    <property name="n"><inlineXml/></property>
 * </log>
 */
import type { ListRow, MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS, LOG_PROPERTY_SCOPES } from './common-fields.js';

/** The log mediator: writes a line in MI's format to the log bus. */
export const log = {
  kind: 'log',
  tag: 'log',
  label: 'Log',
  group: 'Core',
  icon: 'log',
  description: 'Logs the message at a level (simple, headers, full, custom) with extra properties.',
  fields: [
    {
      type: 'enum',
      key: 'level',
      label: 'Level',
      values: ['simple', 'headers', 'full', 'custom'],
      default: 'simple',
    },
    {
      type: 'enum',
      key: 'category',
      label: 'Category',
      values: ['INFO', 'TRACE', 'DEBUG', 'WARN', 'ERROR', 'FATAL'],
      default: 'INFO',
      caseInsensitive: true,
    },
    {
      type: 'string',
      key: 'separator',
      label: 'Separator',
      default: ', ',
      help: 'A literal \\n or \\t is a newline or tab.',
    },
    { type: 'boolean', key: 'logMessageID', label: 'Log message ID' },
    { type: 'boolean', key: 'logFullPayload', label: 'Log full payload' },
    { type: 'text', key: 'message', element: 'message', label: 'Message template' },
    {
      type: 'list',
      key: 'properties',
      element: 'property',
      label: 'Properties',
      inlineXml: true,
      fields: [
        { type: 'string', key: 'name', label: 'Name', required: true },
        { type: 'string', key: 'value', label: 'Value', orExpression: 'expression' },
        { type: 'expression', key: 'expression', label: 'Expression' },
        { type: 'enum', key: 'scope', label: 'Scope', values: LOG_PROPERTY_SCOPES },
      ],
    },
    ...COMMON_FIELDS,
  ],
  rules: (v) =>
    ((v.properties ?? []) as readonly ListRow[]).flatMap((row, i) => {
      const has = [row.value !== undefined, row.expression !== undefined, row.inlineXml !== undefined].filter(
        Boolean,
      ).length;
      if (has === 1) return [];
      return [
        {
          code: has === 0 ? 'LOG_PROPERTY_NO_VALUE' : 'LOG_PROPERTY_TWO_VALUES',
          field: 'properties',
          message:
            has === 0
              ? `Log property #${i + 1} '${row.name ?? ''}' needs a value or an expression.`
              : `Log property #${i + 1} '${row.name ?? ''}' has both a value and an expression; keep one.`,
        },
      ];
    }),
  summary: (v) => {
    const level = (v.level as string | undefined) ?? 'simple';
    const n = ((v.properties ?? []) as readonly ListRow[]).length;
    return `log ${level}${n ? ` +${n} ${n === 1 ? 'property' : 'properties'}` : ''}`;
  },
  template: '<log level="full"/>',
} as const satisfies MediatorDefinition<'log'>;
