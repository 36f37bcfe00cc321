/**
 * A named sequence: `<sequence name="…" onError="…">` whose children (after an optional
 * `<description>`) are its mediators. Other artifacts and mediators call it by name.
 */
import { attribute, childElement, textContent } from '../xml/xml-query.js';
import { defineArtifact, SYNAPSE_NS, XML_DECLARATION } from './define-artifact.js';

export const sequence = defineArtifact({
  type: 'sequence',
  tag: 'sequence',
  folder: 'sequences',
  cappType: 'synapse/sequence',
  label: 'Sequence',
  plural: 'Sequences',
  nameAttribute: 'name',
  registry: true,
  fields: [{ attribute: 'onError', label: 'On error', type: 'sequence' }],
  lists: { kind: 'body', key: 'sequence', label: 'Sequence', skip: ['description'] },
  template: (name) => `${XML_DECLARATION}<sequence name="${name}" xmlns="${SYNAPSE_NS}">\n</sequence>\n`,
  read: (root) => {
    const desc = childElement(root, 'description');
    return {
      onError: attribute(root, 'onError'),
      description: desc ? textContent(desc).trim() : undefined,
    };
  },
});
