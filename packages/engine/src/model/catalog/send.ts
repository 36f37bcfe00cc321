/*
 * <send [receive="seqName" | receive="{xpath}"] [buildmessage="true"]> [<endpoint …/>] </send>
 */
import type { EndpointValue, MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';

/** Describes an endpoint value in a few words. */
export function endpointSummary(ep: EndpointValue | undefined): string {
  if (!ep) return 'To address';
  if (ep.key) return ep.key;
  return ep.uri ?? ep.kind ?? 'endpoint';
}

/** The send mediator: sends the message to an endpoint; always ends the flow. */
export const send = {
  kind: 'send',
  tag: 'send',
  label: 'Send',
  group: 'Endpoints',
  icon: 'send',
  description: 'Sends the message to an endpoint (ws, wss, http, https). Ends the flow.',
  endsFlow: true,
  fields: [
    { type: 'sequence', key: 'receive', label: 'Receiving sequence', dynamic: true },
    { type: 'boolean', key: 'buildmessage', label: 'Build message' },
    { type: 'endpointChild', key: 'endpoint', label: 'Endpoint' },
    ...COMMON_FIELDS,
  ],
  summary: (v) => `send → ${endpointSummary(v.endpoint as EndpointValue | undefined)}`,
  template:
    '<send>\n    <endpoint>\n        <address uri="ws://localhost:8082/websocket"/>\n    </endpoint>\n</send>',
} as const satisfies MediatorDefinition<'send'>;
