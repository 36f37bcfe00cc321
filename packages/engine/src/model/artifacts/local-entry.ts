/**
 * A local entry: `<localEntry key="…">` holding a value (text or XML) or a `src` URL. Named by
 * `key`, not `name`; the studio edits it in the Source view.
 */
import { attribute } from '../xml/xml-query.js';
import { defineArtifact, SYNAPSE_NS, XML_DECLARATION } from './define-artifact.js';

export const localEntry = defineArtifact({
  type: 'localEntry',
  tag: 'localEntry',
  folder: 'local-entries',
  cappType: 'synapse/local-entry',
  label: 'Local entry',
  plural: 'Local entries',
  nameAttribute: 'key',
  registry: true,
  fields: [],
  template: (name) => `${XML_DECLARATION}<localEntry key="${name}" xmlns="${SYNAPSE_NS}">\n</localEntry>\n`,
  read: (root) => ({ src: attribute(root, 'src') }),
});
