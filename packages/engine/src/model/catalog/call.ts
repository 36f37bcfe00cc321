/*
 * <call [blocking="true|false"] [initAxis2ClientOptions] [axis2xml] [repository]>
 *    [<source type="…" contentType="…"/>] [<target type="…"/>] <endpoint …/>
 * </call>
 */
import type { EndpointValue, MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS } from './common-fields.js';
import { endpointSummary } from './send.js';

/** The call mediator: calls an endpoint and continues the flow with the response. */
export const call = {
  kind: 'call',
  tag: 'call',
  label: 'Call',
  group: 'Endpoints',
  icon: 'call',
  description:
    'Calls an endpoint and continues with its response (or goes on at once when OUT_ONLY is "true").',
  fields: [
    { type: 'boolean', key: 'blocking', label: 'Blocking', default: 'false' },
    { type: 'boolean', key: 'initAxis2ClientOptions', label: 'Init Axis2 client options' },
    { type: 'string', key: 'axis2xml', label: 'axis2.xml path' },
    { type: 'string', key: 'repository', label: 'Repository path' },
    {
      type: 'child',
      key: 'source',
      element: 'source',
      label: 'Source',
      withText: true,
      fields: [
        {
          type: 'enum',
          key: 'type',
          label: 'Type',
          values: ['body', 'property', 'inline', 'custom', 'envelope'],
        },
        { type: 'string', key: 'contentType', label: 'Content type' },
      ],
    },
    {
      type: 'child',
      key: 'target',
      element: 'target',
      label: 'Target',
      withText: true,
      fields: [{ type: 'enum', key: 'type', label: 'Type', values: ['body', 'property', 'variable'] }],
    },
    // CallMediator: without an endpoint the message goes to its To address (as a bare <send/>).
    { type: 'endpointChild', key: 'endpoint', label: 'Endpoint' },
    ...COMMON_FIELDS,
  ],
  summary: (v) => `call → ${endpointSummary(v.endpoint as EndpointValue | undefined)}`,
  template:
    '<call>\n    <endpoint>\n        <address uri="http://localhost:8080/"/>\n    </endpoint>\n</call>',
} as const satisfies MediatorDefinition<'call'>;
