/*
 * <respond/>   — sends the current message back to the client; ends the flow.
 */
import type { MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';

/** The respond mediator. */
export const respond = {
  kind: 'respond',
  tag: 'respond',
  label: 'Respond',
  group: 'Core',
  icon: 'respond',
  description: 'Sends the current message back to the client that sent the request. Ends the flow.',
  endsFlow: true,
  fields: [...COMMON_FIELDS],
  summary: () => 'back to client',
  template: '<respond/>',
} as const satisfies MediatorDefinition<'respond'>;
