/**
 * The project's local entries as the mediator compilers read them: a stylesheet, a schema, a
 * payload format or a script, resolved by key once per deploy.
 */
import type { Project } from '../../model/project/project.js';
import { elementChildren } from '../../model/xml/xml-query.js';
import { serializeNode } from '../../model/xml/xml-serialize.js';
import type { XmlElement } from '../../model/xml/xml-types.js';

/** A local entry's content. */
export interface LocalEntryContent {
  readonly key: string;
  /** The entry's element when it holds XML (an XSLT stylesheet, an XSD, a payload format). */
  readonly element?: XmlElement;
  /**
   * Its text: the element's XML as written when it holds one, otherwise its text and CDATA
   * (a script, a JSON schema, a JSON or text format).
   */
  readonly text: string;
  /** `xmlns` declarations of the `<localEntry>` element, which its content inherits. */
  readonly namespaces: Readonly<Record<string, string>>;
  /** The `src` URL when the entry points elsewhere (Mediate does not fetch it). */
  readonly src?: string;
}

/** The entry's own text and CDATA (a script, a JSON schema), without its <description>. */
function valueText(root: XmlElement): string {
  let out = '';
  for (const c of root.children) if (c.type === 'text' || c.type === 'cdata') out += c.value;
  return out;
}

/** Reads every local entry of a project, by key. */
export function localEntriesOf(project: Project): ReadonlyMap<string, LocalEntryContent> {
  const out = new Map<string, LocalEntryContent>();
  for (const a of project.artifacts) {
    if (a.type !== 'localEntry') continue;
    const root = a.doc.root;
    const namespaces: Record<string, string> = {};
    for (const at of root.attributes) {
      if (at.name === 'xmlns') namespaces[''] = at.value;
      else if (at.name.startsWith('xmlns:')) namespaces[at.name.slice(6)] = at.value;
    }
    // EntryFactory reads a <description> child as the entry's description, not its value.
    const element = elementChildren(root).find((e) => e.name !== 'description');
    out.set(a.name, {
      key: a.name,
      element,
      text: element ? serializeNode(element) : valueText(root),
      namespaces,
      src: a.src,
    });
  }
  return out;
}
