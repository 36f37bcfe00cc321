/*
 * <sequence key="name"/>   — inside a flow: runs the named sequence.
 */
import type { MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';

/** The sequence reference mediator. */
export const sequenceRef = {
  kind: 'sequence',
  tag: 'sequence',
  label: 'Sequence',
  group: 'Flow control',
  icon: 'sequence',
  description: 'Runs another sequence by name, then continues here.',
  fields: [
    { type: 'sequence', key: 'key', label: 'Sequence', required: true, dynamic: true },
    ...COMMON_FIELDS,
  ],
  summary: (v) => `→ ${String(v.key ?? '?')}`,
  template: '<sequence key="main"/>',
} as const satisfies MediatorDefinition<'sequence'>;
