/**
 * A named endpoint: `<endpoint name="…">` holding one `<address uri>` (or `<http>`, …), which
 * send and call mediators and proxies use by key.
 */
import { readEndpoint } from '../mediators/endpoint-read.js';
import { defineArtifact, SYNAPSE_NS, XML_DECLARATION } from './define-artifact.js';

export const endpoint = defineArtifact({
  type: 'endpoint',
  tag: 'endpoint',
  folder: 'endpoints',
  cappType: 'synapse/endpoint',
  label: 'Endpoint',
  plural: 'Endpoints',
  nameAttribute: 'name',
  registry: true,
  fields: [{ attribute: 'uri', at: ['address'], label: 'Address URI', type: 'text' }],
  template: (name) =>
    `${XML_DECLARATION}<endpoint name="${name}" xmlns="${SYNAPSE_NS}">\n    <address uri="ws://localhost:8082/websocket"/>\n</endpoint>\n`,
  read: (root) => ({ endpoint: readEndpoint(root) }),
  rules: (a, check) => check.checkEndpoint(a.endpoint, a.doc.root),
});
