/**
 * A REST API: `<api name context version version-type>` with `<resource methods uri-template |
 * url-mapping>` children, each naming or holding its in/out/fault sequences. Served on the
 * HTTP(S) listener under its context.
 */
import { attribute, elementChildren, localName } from '../xml/xml-query.js';
import type { ApiResource } from './artifact-types.js';
import { defineArtifact, SYNAPSE_NS, XML_DECLARATION } from './define-artifact.js';

/** The methods a resource may list. */
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

export const api = defineArtifact({
  type: 'api',
  tag: 'api',
  folder: 'apis',
  cappType: 'synapse/api',
  label: 'API',
  plural: 'APIs',
  nameAttribute: 'name',
  fields: [
    {
      attribute: 'context',
      label: 'Context',
      type: 'text',
      required: true,
      check: (context) =>
        context !== undefined && !context.startsWith('/')
          ? {
              code: 'API_CONTEXT',
              message: `API context '${context}' must begin with '/'.`,
              field: 'context',
            }
          : undefined,
    },
    { attribute: 'version', label: 'Version', type: 'text' },
  ],
  lists: {
    kind: 'inline',
    owner: 'resource',
    each: true,
    elements: ['inSequence', 'outSequence', 'faultSequence'],
  },
  template: (name) =>
    `${XML_DECLARATION}<api name="${name}" context="/${name.toLowerCase()}" xmlns="${SYNAPSE_NS}">\n    <resource methods="GET POST" uri-template="/*">\n        <inSequence>\n        </inSequence>\n    </resource>\n</api>\n`,
  read: (root, lists) => {
    const resources: ApiResource[] = elementChildren(root)
      .filter((el) => localName(el.name) === 'resource')
      .map((el, n) => {
        const keyOf = (k: string) => lists.find((l) => l.key === `resource.${n}.${k}`)?.key;
        return {
          methods: (attribute(el, 'methods') ?? '').split(/\s+/).filter(Boolean),
          uriTemplate: attribute(el, 'uri-template'),
          urlMapping: attribute(el, 'url-mapping'),
          inSequence: attribute(el, 'inSequence'),
          outSequence: attribute(el, 'outSequence'),
          faultSequence: attribute(el, 'faultSequence'),
          listKeys: {
            inSequence: keyOf('inSequence'),
            outSequence: keyOf('outSequence'),
            faultSequence: keyOf('faultSequence'),
          },
        };
      });
    return {
      context: attribute(root, 'context'),
      version: attribute(root, 'version'),
      versionType: attribute(root, 'version-type'),
      resources,
    };
  },
  rules: (a, { emit, sequenceRef }) => {
    if (a.resources.length === 0)
      emit('error', 'API_NO_RESOURCE', `API '${a.name}' needs at least one <resource>.`);
    for (const [i, r] of a.resources.entries()) {
      for (const m of r.methods) {
        if (!HTTP_METHODS.includes(m))
          emit(
            'error',
            'ENUM_VALUE',
            `Resource #${i + 1} has method '${m}'; expected ${HTTP_METHODS.join(', ')}.`,
          );
      }
      if (new Set(r.methods).size !== r.methods.length)
        emit('error', 'API_METHODS', `Resource #${i + 1} lists a method twice.`);
      sequenceRef(r.inSequence, `Resource #${i + 1} inSequence`);
      sequenceRef(r.outSequence, `Resource #${i + 1} outSequence`);
      sequenceRef(r.faultSequence, `Resource #${i + 1} faultSequence`);
    }
  },
});
