/**
 * The public entry for reading and writing one artifact file.
 */
import type { Diagnostic } from '../diagnostics.js';
import { escapeAttribute } from '../xml/xml-chars.js';
import { indentBefore, reindent } from '../xml/xml-edit.js';
import { parseXml } from '../xml/xml-parse.js';
import { attribute, localName } from '../xml/xml-query.js';
import { serializeXml } from '../xml/xml-serialize.js';
import type { XmlDocument, XmlElement, XmlNode } from '../xml/xml-types.js';
import { artifactName, readArtifact } from './artifact-read.js';
import type { Artifact } from './artifact-types.js';

export { SYNAPSE_NS } from './define-artifact.js';

/** A multi-artifact `<definitions>` file, read as the artifacts it holds. */
export interface DefinitionsArtifact {
  readonly type: 'definitions';
  readonly name: string;
  readonly doc: XmlDocument;
  /** Each child artifact as a standalone document (what an import writes). */
  readonly artifacts: readonly Artifact[];
  readonly file?: string;
}

export interface ParseArtifactResult {
  readonly artifact?: Artifact | DefinitionsArtifact;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses one artifact file. Never throws: malformed XML gives an `error` diagnostic with its
 * line and column and no artifact.
 */
export function parseArtifact(xml: string, file = '<input>'): ParseArtifactResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    const { code, message, line, column } = parsed.error;
    return { diagnostics: [{ severity: 'error', code, message, artifact: file, line, column }] };
  }
  const doc = parsed.document;
  if (localName(doc.root.name) === 'definitions') {
    return { artifact: readDefinitions(doc, file), diagnostics: [] };
  }
  return { artifact: readArtifact(doc, file === '<input>' ? undefined : file), diagnostics: [] };
}

/** The text of an artifact: the input byte for byte where nothing was edited. */
export function serializeArtifact(artifact: Artifact | DefinitionsArtifact): string {
  return serializeXml(artifact.doc);
}

function readDefinitions(doc: XmlDocument, file: string): DefinitionsArtifact {
  const root = doc.root;
  const artifacts: Artifact[] = [];
  for (const child of root.children) {
    if (child.type !== 'element') continue;
    artifacts.push(readArtifact(standalone(root, child)));
  }
  return {
    type: 'definitions',
    name: attribute(root, 'name') ?? file,
    doc,
    artifacts,
    ...(file !== '<input>' ? { file } : {}),
  };
}

/**
 * A child of `<definitions>` as its own document, at column 0, with the namespace declarations
 * it inherited (default and prefixed) copied onto it.
 */
function standalone(parent: XmlElement, child: XmlElement): XmlDocument {
  const indent = indentBefore(parent, child) ?? '';
  let root = reindent(child, indent, '');
  const inherited = parent.attributes
    .filter(
      (a) => (a.name === 'xmlns' || a.name.startsWith('xmlns:')) && attribute(child, a.name) === undefined,
    )
    .map((a) => ({
      name: a.name,
      value: a.value,
      lead: ' ',
      eq: '=',
      quote: '"' as const,
      raw: escapeAttribute(a.value, '"'),
    }));
  if (inherited.length) root = { ...root, attributes: [...inherited, ...root.attributes] };
  const decl: XmlNode = { type: 'pi', target: 'xml', raw: 'xml version="1.0" encoding="UTF-8"' };
  const nl: XmlNode = { type: 'text', value: '\n', raw: '\n' };
  return { bom: false, prolog: [decl, nl], root, epilog: [nl] };
}

/** Names of the artifacts in a definitions file, for messages. */
export function definitionNames(defs: DefinitionsArtifact): string[] {
  return defs.artifacts.map((a) => `${localName(a.doc.root.name)}:${artifactName(a.doc.root)}`);
}
