/**
 * A sequence template (MI's TemplateMediatorFactory):
 *
 *   <template name="…" [onError="…"] xmlns="http://ws.apache.org/ns/synapse">
 *     <parameter name="…" [isMandatory="true|false"] [defaultValue="…"] [description="…"]/>*
 *     <sequence>mediators</sequence>
 *   </template>
 *
 * `call-template target="name"` runs its `<sequence>` with the parameters, read inside as
 * `$func:name`, `get-property('func', 'name')` and `${params.functionParams.name}`. A
 * `<template>` holding an `<endpoint>` is an endpoint template: not this type, kept verbatim as
 * `unsupported`.
 */
import { attribute, childElement, elementChildren, localName } from '../xml/xml-query.js';
import type { TemplateParameter } from './artifact-types.js';
import { defineArtifact, SYNAPSE_NS, XML_DECLARATION } from './define-artifact.js';

/** The `<parameter>` rows of a template root. */
function templateParameters(root: Parameters<typeof childElement>[0]): TemplateParameter[] {
  return elementChildren(root)
    .filter((c) => localName(c.name) === 'parameter')
    .map((p) => {
      const defaultValue = attribute(p, 'defaultValue');
      const description = attribute(p, 'description');
      return {
        name: attribute(p, 'name') ?? '',
        // TemplateMediatorFactory: Boolean.parseBoolean, so only `true` (any case) is mandatory.
        mandatory: (attribute(p, 'isMandatory') ?? '').toLowerCase() === 'true',
        ...(defaultValue !== undefined ? { defaultValue } : {}),
        ...(description !== undefined ? { description } : {}),
      };
    });
}

export const template = defineArtifact({
  type: 'template',
  tag: 'template',
  // Endpoint templates share the tag; only a template without an <endpoint> is a sequence one.
  accepts: (root) => childElement(root, 'endpoint') === undefined,
  folder: 'templates',
  cappType: 'synapse/sequenceTemplate',
  label: 'Sequence template',
  plural: 'Templates',
  nameAttribute: 'name',
  // SynapseConfiguration.addSequenceTemplate puts it in the local registry, beside sequences.
  registry: true,
  fields: [{ attribute: 'onError', label: 'On error', type: 'sequence' }],
  lists: { kind: 'body', key: 'sequence', label: 'Sequence', element: 'sequence' },
  template: (name) =>
    `${XML_DECLARATION}<template name="${name}" xmlns="${SYNAPSE_NS}">\n    <sequence>\n    </sequence>\n</template>\n`,
  read: (root) => ({ params: templateParameters(root), onError: attribute(root, 'onError') }),
  rules: (a, { emit }) => {
    const root = a.doc.root;
    if (!childElement(root, 'sequence'))
      emit(
        'error',
        'TEMPLATE_NO_SEQUENCE',
        `Sequence template '${a.name}' needs a <sequence> with its mediators.`,
      );
    const seen = new Set<string>();
    const rows = elementChildren(root).filter((c) => localName(c.name) === 'parameter');
    a.params.forEach((p, i) => {
      const el = rows[i];
      if (!p.name.trim())
        emit(
          'error',
          'TEMPLATE_PARAMETER_NAME',
          `Parameter #${i + 1} of template '${a.name}' needs a name.`,
          el,
          'name',
        );
      else if (seen.has(p.name))
        emit(
          'error',
          'TEMPLATE_PARAMETER_DUPLICATE',
          `Template '${a.name}' declares the parameter '${p.name}' twice.`,
          el,
          'name',
        );
      seen.add(p.name);
    });
  },
});
