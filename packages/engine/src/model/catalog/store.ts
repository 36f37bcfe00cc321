/*
 * <store [name="string"] messageStore="name | {expr}" [sequence="onStore sequence key"]
 *        [description] [trace] [statistics]/>
 *
 * MI: MessageStoreMediator, MessageStoreMediatorFactory/Serializer. `messageStore` names the
 * message store artifact the message goes into, or (`{…}`) an expression giving that name per
 * message; the factory refuses a store mediator without it. `sequence` is run on the message
 * before it is stored. The flow then continues (mediate returns true).
 */
import type { MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';

/** The store mediator: puts a copy of the message into a message store. */
export const store = {
  kind: 'store',
  tag: 'store',
  label: 'Store',
  group: 'Endpoints',
  icon: 'store',
  description:
    'Puts a copy of the message into a message store (after running the optional on-store sequence on it); the flow continues.',
  fields: [
    {
      type: 'messageStore',
      key: 'messageStore',
      label: 'Message store',
      required: true,
      dynamic: true,
      help: "The message store's name, or {expression} giving it per message.",
    },
    {
      type: 'sequence',
      key: 'sequence',
      label: 'On-store sequence',
      help: 'Runs on the message just before it is stored.',
    },
    { type: 'string', key: 'name', label: 'Name' },
    ...COMMON_FIELDS,
  ],
  summary: (v) => `store → ${short(String(v.messageStore ?? '?'))}`,
  template: '<store messageStore=""/>',
} as const satisfies MediatorDefinition<'store'>;
