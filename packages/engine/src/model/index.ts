/**
 * @mediate/engine — the browser-safe Synapse model: catalog, lossless XML, artifacts,
 * validation and edits. Node-only code lives in `@mediate/engine/runtime`.
 */
export * from './catalog/index.js';
export * from './diagnostics.js';
export * from './xml/xml-types.js';
export { parseXml, type XmlParseResult } from './xml/xml-parse.js';
export { serializeXml, serializeNode } from './xml/xml-serialize.js';
export {
  decodeXmlBytes,
  decodeXmlFile,
  encodeXmlText,
  declaredEncoding,
  firstInvalidUtf8,
  utf8Problem,
  type EncodingProblem,
} from './xml/xml-encoding.js';
export {
  attribute,
  childElement,
  childElements,
  elementChildren,
  localName,
  textContent,
} from './xml/xml-query.js';
export {
  buildElement,
  convertIndentUnit,
  detectLayout,
  emptyElement,
  indentBefore,
  indentOfPath,
  insertElement,
  reindent,
  removeElement,
  replaceElement,
  setAttribute,
  setText,
  textNode,
  type ElementSpec,
  type Layout,
} from './xml/xml-edit.js';
export * from './mediators/mediator-types.js';
export { readEndpoint, ENDPOINT_KINDS } from './mediators/endpoint-read.js';
export * from './artifacts/artifact-types.js';
export * from './artifacts/artifact-name.js';
export * from './artifacts/define-artifact.js';
export * from './artifacts/artifact-table.js';
export { INBOUND_PROTOCOLS } from './artifacts/inbound-endpoint.js';
export * from './artifacts/ws-inbound-parameters.js';
export * from './artifacts/http-inbound-parameters.js';
export { readArtifact, artifactName, nameAttribute } from './artifacts/artifact-read.js';
export {
  parseArtifact,
  serializeArtifact,
  definitionNames,
  type DefinitionsArtifact,
  type ParseArtifactResult,
} from './artifacts/artifact-parse.js';
export * from './project/project.js';
export * from './project/project-config.js';
export * from './project/project-ports.js';
export * from './expressions/expression-check.js';
export { validateProject } from './validate/validate-project.js';
export { BUILT_IN_SEQUENCES, SUPPORTED_SCHEMES } from './validate/validate-mediators.js';
export { EditError, chainTo, elementAt, prefixed, updateAt } from './edit/edit-context.js';
export * from './edit/mediator-edits.js';
export * from './edit/mediator-change.js';
export * from './events.js';
export { javaRegex } from './expressions/java-regex.js';
export { literalConversionProblem } from './expressions/java-conversions.js';
export * from './api-types.js';
export * from './edit/artifact-edits.js';
export * from './edit/artifact-keys.js';
export * from './edit/mediator-lookup.js';
export { EXAMPLE_FILES } from './project/example-project.js';
export * from './edit/rename-artifact.js';
export { renameConfigSequence, type ConfigRename } from './edit/rename-config.js';
export { renameReferences, type ReferencedType } from './edit/rename-references.js';
export * from './mediators/branch-lists.js';
export * from './edit/branch-edits.js';
