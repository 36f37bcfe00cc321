/**
 * An inbound endpoint: `<inboundEndpoint name protocol="ws|wss|http|https" sequence onError
 * suspend>` with `<parameters><parameter name>value</parameter>…</parameters>` (the lists in
 * `ws-inbound-parameters.ts` and `http-inbound-parameters.ts`). Other protocols and custom
 * `class` endpoints are kept but cannot run.
 */
import { attribute, childElement, elementChildren, localName, textContent } from '../xml/xml-query.js';
import type { InboundParameter } from './artifact-types.js';
import { defineArtifact, SYNAPSE_NS, XML_DECLARATION, type ParameterDefinition } from './define-artifact.js';
import { HTTP_INBOUND_PARAMETERS } from './http-inbound-parameters.js';
import { WS_INBOUND_PARAMETERS } from './ws-inbound-parameters.js';

/** Protocols the runtime serves. */
export const INBOUND_PROTOCOLS = ['ws', 'wss', 'http', 'https'] as const;

/**
 * Every parameter an inbound endpoint may have: the WebSocket ones (for ws and wss unless they
 * say otherwise) and the HTTP ones, each offered and checked for its protocols only.
 */
const INBOUND_PARAMETERS: readonly ParameterDefinition[] = [
  ...WS_INBOUND_PARAMETERS.map((p): ParameterDefinition =>
    'protocols' in p ? p : { ...p, protocols: ['ws', 'wss'] },
  ),
  ...HTTP_INBOUND_PARAMETERS,
];

/** The error sequence of an inbound endpoint that names none. */
export const INBOUND_ON_ERROR_DEFAULT = 'fault';

export const inboundEndpoint = defineArtifact({
  type: 'inboundEndpoint',
  tag: 'inboundEndpoint',
  folder: 'inbound-endpoints',
  cappType: 'synapse/inbound-endpoint',
  label: 'Inbound endpoint',
  plural: 'Inbound endpoints',
  nameAttribute: 'name',
  fields: [
    {
      attribute: 'protocol',
      label: 'Protocol',
      type: 'text',
      check: (protocol, a) =>
        a.className !== undefined
          ? {
              code: 'INBOUND_CLASS_UNSUPPORTED',
              message: `Custom inbound class '${a.className}' cannot run in Mediate; use protocol="ws", "wss", "http" or "https".`,
            }
          : protocol === undefined
            ? {
                code: 'REQUIRED_FIELD',
                message: `Inbound endpoint '${a.name}' needs a protocol.`,
                field: 'protocol',
              }
            : !(INBOUND_PROTOCOLS as readonly string[]).includes(protocol)
              ? {
                  code: 'INBOUND_PROTOCOL_UNSUPPORTED',
                  message: `Inbound protocol '${protocol}' is not supported; use ws, wss, http or https.`,
                  field: 'protocol',
                }
              : undefined,
    },
    { attribute: 'sequence', label: 'Sequence', type: 'sequence', required: true },
    { attribute: 'onError', label: 'On error', type: 'sequence', default: INBOUND_ON_ERROR_DEFAULT },
    { attribute: 'suspend', label: 'Suspend', type: 'text', default: 'false' },
  ],
  parameters: { wrapper: 'parameters', known: INBOUND_PARAMETERS },
  template: (name, { port }) =>
    `${XML_DECLARATION}<inboundEndpoint name="${name}" protocol="ws" suspend="false" xmlns="${SYNAPSE_NS}">\n    <parameters>\n        <parameter name="inbound.ws.port">${port}</parameter>\n    </parameters>\n</inboundEndpoint>\n`,
  read: (root) => {
    const params = childElement(root, 'parameters');
    const parameters: InboundParameter[] = params
      ? elementChildren(params)
          .filter((p) => localName(p.name) === 'parameter')
          .map((p) => {
            const key = attribute(p, 'key');
            const inner = elementChildren(p)[0];
            const value = inner ? '' : textContent(p).trim();
            return { name: attribute(p, 'name') ?? '', value, ...(key ? { key } : {}) };
          })
      : [];
    return {
      protocol: attribute(root, 'protocol'),
      className: attribute(root, 'class'),
      sequence: attribute(root, 'sequence'),
      onError: attribute(root, 'onError'),
      suspend: (attribute(root, 'suspend') ?? 'false').toLowerCase() === 'true',
      parameters,
    };
  },
});
