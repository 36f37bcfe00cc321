/**
 * XSD schemas compiled at deploy time for the validate mediator.
 *
 * Library: libxml2-wasm (MIT; libxml2 compiled to WebAssembly and shipped in the npm package, so
 * nothing is built or downloaded at install). A schema's `xs:include`/`xs:import` locations are
 * resolved only from the mediator's `<resource location key>` rows and the other schema entries,
 * through an in-memory input provider that is filled only while a schema compiles (compiling is
 * synchronous), so no file or URL is ever read.
 *
 * The library (an ES module that instantiates WebAssembly) is loaded by {@link loadXsdLibrary}
 * before a deployment with a validate mediator compiles, not when the runtime starts: a runtime
 * without one keeps its heap (and every full collection) about 2.4 MiB smaller.
 */
import type * as Libxml2 from 'libxml2-wasm';
import type { XmlBufferInputProvider, XmlDocument, XsdValidator } from 'libxml2-wasm';
import type { LocalEntryContent } from '../../deploy/local-entries.js';
import { entryXml } from './entry-xml.js';

/** Where in-memory schemas live while one compiles. */
const BASE = 'mediate-entry:///';
const encoder = new TextEncoder();
let provider: XmlBufferInputProvider | undefined;
let library: typeof Libxml2 | undefined;

/** Loads libxml2-wasm (once); a deployment awaits it before compiling validate mediators. */
export async function loadXsdLibrary(): Promise<void> {
  library ??= await import('libxml2-wasm');
}

/** Whether libxml2-wasm has been loaded in this process (it is only for validate mediators). */
export function xsdLibraryLoaded(): boolean {
  return library !== undefined;
}

function xsdLibrary(): typeof Libxml2 {
  if (!library) throw new Error('The XSD library was not loaded before a schema compiled (loadXsdLibrary).');
  return library;
}

function inputs(): XmlBufferInputProvider {
  if (!provider) {
    const lib = xsdLibrary();
    provider = new lib.XmlBufferInputProvider({});
    lib.xmlRegisterInputProvider(provider);
  }
  return provider;
}

/** A compiled set of XSD schemas (MI: SchemaFactory.newSchema over every `<schema key>`). */
export interface CompiledXsd {
  /** The problems of `xml` against the schemas, one message each; empty when it is valid. */
  validate(xml: string): string[];
}

const urlOf = (key: string) => BASE + encodeURIComponent(key);

/** The XSD entry's text, or a reason it is not one. */
function schemaText(entry: LocalEntryContent): string {
  const xml = entryXml(entry);
  if (xml === undefined || !entry.element || !/(^|:)schema$/.test(entry.element.name))
    throw new Error(`Local entry '${entry.key}' holds no XML schema (<xs:schema>).`);
  return xml;
}

/**
 * Compiles the schemas. Several become one through a schema that includes (no target
 * namespace) or imports (by target namespace) each of them. Throws libxml2's message for a
 * schema that does not compile.
 */
export function compileXsd(
  entries: readonly LocalEntryContent[],
  resources: ReadonlyMap<string, LocalEntryContent>,
): CompiledXsd {
  const files = new Map<string, string>();
  for (const [location, e] of resources) {
    const xml = entryXml(e);
    if (xml === undefined) continue;
    files.set(location, xml);
    files.set(BASE + location, xml);
  }
  const texts = entries.map((e) => schemaText(e));
  entries.forEach((e, i) => files.set(urlOf(e.key), texts[i] as string));
  let main: string;
  let mainUrl: string;
  if (entries.length === 1) {
    main = texts[0] as string;
    mainUrl = urlOf((entries[0] as LocalEntryContent).key);
  } else {
    const parts = entries.map((e) => {
      const tns = e.element?.attributes.find((a) => a.name === 'targetNamespace')?.value;
      const loc = urlOf(e.key).replace(/"/g, '&quot;');
      return tns
        ? `<xs:import namespace="${tns.replace(/"/g, '&quot;')}" schemaLocation="${loc}"/>`
        : `<xs:include schemaLocation="${loc}"/>`;
    });
    main = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${parts.join('')}</xs:schema>`;
    mainUrl = `${BASE}combined.xsd`;
  }
  const { XmlDocument, XsdValidator, XmlValidateError } = xsdLibrary();
  const p = inputs();
  for (const [name, xml] of files) p.addBuffer(name, encoder.encode(xml));
  let doc: XmlDocument | undefined;
  let validator: XsdValidator;
  try {
    doc = XmlDocument.fromString(main, { url: mainUrl });
    validator = XsdValidator.fromDoc(doc);
  } catch (e) {
    throw new Error(`The schema does not compile: ${(e as Error).message.trim()}`);
  } finally {
    doc?.dispose();
    for (const name of files.keys()) p.removeBuffer(name);
  }
  return {
    validate: (xml) => {
      let instance: XmlDocument;
      try {
        instance = XmlDocument.fromString(xml);
      } catch (e) {
        return [(e as Error).message.trim()];
      }
      try {
        validator.validate(instance);
        return [];
      } catch (e) {
        if (e instanceof XmlValidateError) return e.details.map((d) => d.message.trim());
        throw e;
      } finally {
        instance.dispose();
      }
    },
  };
}
