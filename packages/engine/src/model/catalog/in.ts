/*
 * <in> mediator* </in>   — runs its children for requests only.
 */
import type { MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';

/** The in mediator: a container that runs on the request path. */
export const inMediator = {
  kind: 'in',
  tag: 'in',
  label: 'In',
  group: 'Flow control',
  icon: 'in',
  description: 'Runs its mediators only for requests (messages that are not responses).',
  fields: [...COMMON_FIELDS],
  branches: [{ key: 'body', label: 'In' }],
  summary: () => 'requests',
  template: '<in/>',
} as const satisfies MediatorDefinition<'in'>;
