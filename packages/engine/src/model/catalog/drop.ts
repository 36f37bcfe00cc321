/*
 * <drop/>   — stops the flow; nothing is sent.
 */
import type { MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';

/** The drop mediator. */
export const drop = {
  kind: 'drop',
  tag: 'drop',
  label: 'Drop',
  group: 'Core',
  icon: 'drop',
  description: 'Stops the flow and sends nothing (an HTTP client gets 202 Accepted).',
  endsFlow: true,
  fields: [...COMMON_FIELDS],
  summary: () => 'stop here',
  template: '<drop/>',
} as const satisfies MediatorDefinition<'drop'>;
