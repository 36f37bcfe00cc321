/**
 * Stylesheets compiled at deploy time for the xslt and fastXSLT mediators.
 *
 * Library: xslt-processor (pure JavaScript, LGPL-3.0, no native build or download at install;
 * XSLT 1.0 with much of 2.0/3.0). MI runs Saxon (XSLT 2.0/3.0); the Saxon builds on npm
 * (saxon-js, saxonjs-he) ship under Saxonica's proprietary licence as obfuscated code, and the
 * libxslt bindings need a native build, so neither fits.
 *
 * Each stylesheet is parsed once and its `select`/`test` expressions parsed into one XPath
 * parser whose cache every message's transformer shares, so a message parses only its payload.
 *
 * The library is loaded when a deployment first has a stylesheet, not when the runtime starts:
 * a runtime without one keeps its heap (and every full collection) about 1 MiB smaller. It is
 * CommonJS, so it loads synchronously here.
 */
import { createRequire } from 'node:module';
import type * as XsltProcessor from 'xslt-processor';
import type { XDocument, XmlParser, XNode, XPath } from 'xslt-processor';
import type { XmlElement, XmlNode } from '../../../model/xml/xml-types.js';
import type { LocalEntryContent } from '../../deploy/local-entries.js';
import { entryXml } from './entry-xml.js';

export const XSLT_NS = 'http://www.w3.org/1999/XSL/Transform';

/** XSLT 3.0's elements (a 1.0 stylesheet naming any other `xsl:` element fails to run). */
const XSLT_ELEMENTS = new Set(
  (
    'accept accumulator accumulator-rule analyze-string apply-imports apply-templates assert attribute ' +
    'attribute-set break call-template catch character-map choose comment context-item copy copy-of ' +
    'decimal-format document element evaluate expose fallback for-each for-each-group fork function ' +
    'global-context-item if import import-schema include iterate key map map-entry matching-substring ' +
    'merge merge-action merge-key merge-source message mode namespace namespace-alias next-iteration ' +
    'next-match non-matching-substring number on-completion on-empty on-non-empty otherwise output ' +
    'output-character override package param perform-sort preserve-space processing-instruction ' +
    'result-document sequence sort source-document strip-space stylesheet template text transform try ' +
    'use-package value-of variable when where-populated with-param'
  ).split(' '),
);

/** A stylesheet ready to run. */
export interface CompiledStylesheet {
  /** `xsl:output method="text"`: the result is text, not XML. */
  readonly textOutput: boolean;
  /** Transforms `xml` with string parameters; resolves to the serialized result. */
  transform(xml: string, params: readonly { name: string; value: string }[]): Promise<string>;
}

/** A problem found while compiling, with where in the entry it is. */
export class StylesheetError extends Error {}

type XsltLibrary = typeof XsltProcessor;
const requireCjs = createRequire(import.meta.url);
let library: { readonly mod: XsltLibrary; readonly parser: XmlParser } | undefined;

/** Whether xslt-processor has been loaded in this process (it is only for stylesheets). */
export function xsltLibraryLoaded(): boolean {
  return library !== undefined;
}

/** xslt-processor, loaded (and patched, see below) on first use. */
function xsltLibrary(): { readonly mod: XsltLibrary; readonly parser: XmlParser } {
  if (library) return library;
  const mod = requireCjs('xslt-processor') as XsltLibrary;
  // xslt-processor 5.1.2 gives nodes a `_getTextContent` that recurses through `this` of a child
  // that lacks it, so the string value of an element two levels deep (`value-of select="."`)
  // throws. A method on the prototype is found first and is used instead.
  (mod.XNode.prototype as unknown as { _getTextContent: () => string })._getTextContent = function (
    this: XNode,
  ) {
    return stringValue(this);
  };
  library = { mod, parser: new mod.XmlParser() };
  return library;
}

/** The string value of a node: its text and CDATA, descendants included. */
function stringValue(node: XNode): string {
  if (node.nodeType === 2 || node.nodeType === 3 || node.nodeType === 4) return node.nodeValue ?? '';
  let out = '';
  for (const c of node.childNodes ?? [])
    if (c.nodeType === 1 || c.nodeType === 3 || c.nodeType === 4) out += stringValue(c);
  return out;
}

function nsDeclarations(el: XmlElement, inherited: ReadonlyMap<string, string>): Map<string, string> {
  let out: Map<string, string> | undefined;
  for (const a of el.attributes) {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
      out ??= new Map(inherited);
      out.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
    }
  }
  return out ?? (inherited as Map<string, string>);
}

/** Checks `xsl:` element names and parses every `select`/`test` into `xpath`'s cache. */
function precheck(key: string, root: XmlElement, inherited: Record<string, string>, xpath: XPath): void {
  const version = root.attributes.find((a) => a.name === 'version')?.value ?? '1.0';
  const xpathVersion = version === '3.0' ? '3.1' : version === '2.0' ? '2.0' : '1.0';
  const strict = version === '1.0';
  const walk = (el: XmlElement, ns: ReadonlyMap<string, string>) => {
    const scope = nsDeclarations(el, ns);
    const colon = el.name.indexOf(':');
    const prefix = colon === -1 ? '' : el.name.slice(0, colon);
    const local = el.name.slice(colon + 1);
    if (scope.get(prefix) === XSLT_NS) {
      const where = `Local entry '${key}'${el.pos ? `, line ${el.pos.line}` : ''}`;
      if (strict && !XSLT_ELEMENTS.has(local))
        throw new StylesheetError(`${where}: <${el.name}> is not an XSLT element.`);
      for (const a of el.attributes) {
        if (a.name !== 'select' && a.name !== 'test') continue;
        try {
          xpath.xPathParse(a.value, undefined, xpathVersion as '1.0');
        } catch (e) {
          throw new StylesheetError(`${where}: <${el.name} ${a.name}="${a.value}">: ${(e as Error).message}`);
        }
      }
    }
    for (const c of el.children as readonly XmlNode[]) if (c.type === 'element') walk(c, scope);
  };
  walk(root, new Map(Object.entries(inherited)));
}

/** The stylesheet root's `xsl:output method`, if any. */
function outputMethod(root: XmlElement): string | undefined {
  for (const c of root.children) {
    if (c.type !== 'element' || !/(^|:)output$/.test(c.name)) continue;
    return c.attributes.find((a) => a.name === 'method')?.value;
  }
  return undefined;
}

/**
 * Compiles a local entry holding a stylesheet. `resources` maps an `xsl:import`/`xsl:include`
 * href to the entry holding it (MI's `<resource location key>`); nothing is fetched from the
 * network or the file system. Throws a `StylesheetError` for an entry that is not a stylesheet.
 */
export function compileStylesheet(
  entry: LocalEntryContent,
  resources: ReadonlyMap<string, LocalEntryContent>,
): CompiledStylesheet {
  const root = entry.element;
  const text = entryXml(entry);
  if (!root || text === undefined)
    throw new StylesheetError(
      `Local entry '${entry.key}' holds no XML stylesheet${entry.src ? ` (it points to ${entry.src}, which Mediate does not fetch)` : ''}.`,
    );
  const rootNs = nsDeclarations(root, new Map(Object.entries(entry.namespaces)));
  const colon = root.name.indexOf(':');
  const local = root.name.slice(colon + 1);
  const isXsl = rootNs.get(colon === -1 ? '' : root.name.slice(0, colon)) === XSLT_NS;
  if (!isXsl || (local !== 'stylesheet' && local !== 'transform'))
    throw new StylesheetError(`Local entry '${entry.key}' holds <${root.name}>, not an <xsl:stylesheet>.`);
  const { mod, parser } = xsltLibrary();
  const xpath = new mod.XPath();
  precheck(entry.key, root, entry.namespaces, xpath);
  let stylesheet: XDocument;
  try {
    stylesheet = parser.xmlParse(text);
  } catch (e) {
    throw new StylesheetError(`Local entry '${entry.key}': ${(e as Error).message}`);
  }
  const imported = new Map<string, string>();
  for (const [href, e] of resources) {
    const xml = entryXml(e);
    if (xml !== undefined) imported.set(href, xml);
  }
  const fetchFunction = (href: string): Promise<string> => {
    const xml = imported.get(href);
    return xml !== undefined
      ? Promise.resolve(xml)
      : Promise.reject(
          new Error(`No <resource location="${href}" key="…"/> names a local entry for '${href}'.`),
        );
  };
  const textOutput = outputMethod(root) === 'text';
  return {
    textOutput,
    transform: (xml, params) => {
      // Text output is the characters themselves; XML output is escaped markup.
      const xslt = new mod.Xslt({
        cData: true,
        escape: !textOutput,
        selfClosingTags: true,
        parameters: [...params],
        fetchFunction,
      });
      // The shared parser keeps every expression parsed once per deployment.
      xslt.xPath = xpath;
      return xslt.xsltProcess(parser.xmlParse(xml), stylesheet);
    },
  };
}
