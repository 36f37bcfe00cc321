/**
 * A proxy service: `<proxy name transports startOnLoad>` with a `<target>` that names or holds
 * its in/out/fault sequences and its endpoint, and optional `<parameter>` rows. Served on the
 * HTTP(S) listener at `/services/<name>`.
 */
import { readEndpoint } from '../mediators/endpoint-read.js';
import { attribute, childElement, elementChildren, localName, textContent } from '../xml/xml-query.js';
import { defineArtifact, SYNAPSE_NS, XML_DECLARATION } from './define-artifact.js';
import type { ProxyTarget } from './artifact-types.js';

/** Transports a proxy may name that Mediate serves (or, for ws/wss/local, accepts quietly). */
const KNOWN_TRANSPORTS = ['http', 'https', 'ws', 'wss', 'local'];

export const proxy = defineArtifact({
  type: 'proxy',
  tag: 'proxy',
  folder: 'proxy-services',
  cappType: 'synapse/proxy-service',
  label: 'Proxy service',
  plural: 'Proxy services',
  nameAttribute: 'name',
  fields: [
    { attribute: 'transports', label: 'Transports', type: 'text' },
    { attribute: 'startOnLoad', label: 'Start on load', type: 'text', default: 'true' },
    { attribute: 'inSequence', at: ['target'], label: 'In sequence', type: 'sequence' },
    { attribute: 'outSequence', at: ['target'], label: 'Out sequence', type: 'sequence' },
    { attribute: 'faultSequence', at: ['target'], label: 'Fault sequence', type: 'sequence' },
    { attribute: 'endpoint', at: ['target'], label: 'Endpoint', type: 'endpoint' },
    { attribute: 'statistics', label: 'Statistics', type: 'text' },
    { attribute: 'trace', label: 'Trace', type: 'text' },
  ],
  lists: {
    kind: 'inline',
    owner: 'target',
    elements: ['inSequence', 'outSequence', 'faultSequence'],
    addable: true,
  },
  parameters: {},
  // Sequences by reference, as in the seed; the form adds inline ones on request.
  template: (name) =>
    `${XML_DECLARATION}<proxy name="${name}" transports="http,https" startOnLoad="true" xmlns="${SYNAPSE_NS}">\n    <target/>\n</proxy>\n`,
  read: (root, lists) => {
    const kids = elementChildren(root);
    const targetEl = childElement(root, 'target');
    let target: ProxyTarget | undefined;
    if (targetEl) {
      const ep = childElement(targetEl, 'endpoint');
      const has = (k: string) => lists.some((l) => l.key === k);
      target = {
        inSequence: attribute(targetEl, 'inSequence'),
        outSequence: attribute(targetEl, 'outSequence'),
        faultSequence: attribute(targetEl, 'faultSequence'),
        endpointKey: attribute(targetEl, 'endpoint'),
        endpoint: ep ? readEndpoint(ep) : undefined,
        hasInline: {
          inSequence: has('inSequence'),
          outSequence: has('outSequence'),
          faultSequence: has('faultSequence'),
        },
      };
    }
    const transports = (attribute(root, 'transports') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((t) => t.toLowerCase());
    return {
      transports: transports.includes('all') ? [] : transports,
      startOnLoad: (attribute(root, 'startOnLoad') ?? 'true').toLowerCase() !== 'false',
      target,
      parameters: kids
        .filter((c) => localName(c.name) === 'parameter')
        .map((p) => ({ name: attribute(p, 'name') ?? '', value: textContent(p).trim() })),
    };
  },
  rules: (a, { emit, checkEndpoint }) => {
    const targetEl = childElement(a.doc.root, 'target');
    const t = a.target;
    if (!t || !targetEl) {
      emit('error', 'PROXY_NO_TARGET', `Proxy '${a.name}' needs a <target>.`);
      return;
    }
    const hasIn = t.inSequence !== undefined || t.hasInline.inSequence;
    const hasEndpoint = t.endpointKey !== undefined || t.endpoint !== undefined;
    if (!hasIn && !hasEndpoint) {
      emit(
        'error',
        'PROXY_TARGET_EMPTY',
        'Target of the proxy service must declare either an inSequence or endpoint or both.',
        targetEl,
      );
    }
    if (t.endpoint) checkEndpoint(t.endpoint, targetEl);
    for (const tr of a.transports) {
      if (!KNOWN_TRANSPORTS.includes(tr)) {
        emit(
          'warning',
          'PROXY_TRANSPORT',
          `Transport '${tr}' is not served by Mediate; the proxy listens on http and https.`,
        );
      }
    }
  },
});
