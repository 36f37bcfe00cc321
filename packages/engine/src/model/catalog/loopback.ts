/*
 * <loopback/>   — turns a request into a response and runs the out path; ends the flow.
 */
import type { MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';

/** The loopback mediator. */
export const loopback = {
  kind: 'loopback',
  tag: 'loopback',
  label: 'Loopback',
  group: 'Flow control',
  icon: 'loopback',
  description: 'Moves a request to the response path (the out sequence) without sending it.',
  endsFlow: true,
  fields: [...COMMON_FIELDS],
  summary: () => 'to response path',
  template: '<loopback/>',
} as const satisfies MediatorDefinition<'loopback'>;
