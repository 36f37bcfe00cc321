/**
 * A local entry's XML as a standalone document: the entry element's text with the namespace
 * declarations it inherits from `<localEntry>` added to its root. MI reads an inline entry as a
 * child of `<localEntry xmlns="http://ws.apache.org/ns/synapse">`, so unprefixed names in it
 * (a stylesheet's literal result elements) are in the Synapse namespace unless reset.
 */
import type { LocalEntryContent } from '../../deploy/local-entries.js';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The entry's XML with inherited declarations, or undefined when it holds no element. */
export function entryXml(entry: LocalEntryContent): string | undefined {
  const el = entry.element;
  if (!el) return undefined;
  const declared = new Set(
    el.attributes.filter((a) => a.name === 'xmlns' || a.name.startsWith('xmlns:')).map((a) => a.name),
  );
  let extra = '';
  for (const [prefix, uri] of Object.entries(entry.namespaces)) {
    const name = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
    if (!declared.has(name)) extra += ` ${name}="${escapeAttr(uri)}"`;
  }
  if (!extra) return entry.text;
  // The root's start tag is `<name` followed by whitespace, `/` or `>`.
  const at = entry.text.indexOf('<') + 1 + el.name.length;
  return entry.text.slice(0, at) + extra + entry.text.slice(at);
}
