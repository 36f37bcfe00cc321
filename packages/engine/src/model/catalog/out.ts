/*
 * <out> mediator* </out>   — runs its children for responses only.
 */
import type { MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';

/** The out mediator: a container that runs on the response path. */
export const outMediator = {
  kind: 'out',
  tag: 'out',
  label: 'Out',
  group: 'Flow control',
  icon: 'out',
  description: 'Runs its mediators only for responses.',
  fields: [...COMMON_FIELDS],
  branches: [{ key: 'body', label: 'Out' }],
  summary: () => 'responses',
  template: '<out/>',
} as const satisfies MediatorDefinition<'out'>;
