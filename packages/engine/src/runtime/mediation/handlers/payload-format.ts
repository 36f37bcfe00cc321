/**
 * A payloadFactory format, split once at deploy time into literal chunks and slots ($n args and
 * MI 4.4 `${…}` inline expressions), as RegexTemplateProcessor's pattern finds them. XML formats
 * are first brought to the text MI matches on: the format element with its whitespace-only text
 * dropped (removeIndentations) and the namespaces it uses declared on it, so unprefixed
 * elements are in the Synapse namespace unless the format resets it with xmlns="".
 */
import { DOMParser, XMLSerializer, type Element, type Node } from '@xmldom/xmldom';
import { PAYLOAD_PLACEHOLDERS } from '../../../model/catalog/payload-factory.js';
import { serializeNode } from '../../../model/xml/xml-serialize.js';
import type { XmlElement } from '../../../model/xml/xml-types.js';

/** A place in the format filled per message. */
export type FormatSlot =
  | { readonly kind: 'arg'; readonly n: number }
  | {
      readonly kind: 'inline';
      readonly source: string;
      readonly quoted: boolean;
      /** The expression reads the JSON payload itself (MI gives Gson primitives for those). */
      readonly readsPayload: boolean;
    };

/** A format split into `literals[0] slot[0] literals[1] … literals[n]`. */
export interface SplitFormat {
  readonly literals: readonly string[];
  readonly slots: readonly FormatSlot[];
}

const READS_PAYLOAD = /^\s*(payload\b|\$[.[])/;

/** Splits format text at its placeholders. */
export function splitFormat(text: string): SplitFormat {
  const literals: string[] = [];
  const slots: FormatSlot[] = [];
  let last = 0;
  for (const m of text.matchAll(PAYLOAD_PLACEHOLDERS)) {
    literals.push(text.slice(last, m.index));
    const inline = m[1] ?? m[2];
    if (inline !== undefined)
      slots.push({
        kind: 'inline',
        source: inline,
        quoted: m[1] !== undefined,
        readsPayload: READS_PAYLOAD.test(inline),
      });
    else slots.push({ kind: 'arg', n: Number(m[3]) });
    last = (m.index ?? 0) + m[0].length;
  }
  literals.push(text.slice(last));
  return { literals, slots };
}

function dropBlankText(node: Node): void {
  for (let c = node.firstChild; c;) {
    const next = c.nextSibling;
    if (c.nodeType === 3 && ((c as unknown as { data: string }).data ?? '').trim() === '')
      node.removeChild(c);
    else if (c.nodeType === 1) dropBlankText(c);
    c = next;
  }
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The text of an inline XML format element as MI sees it: parsed in the namespaces in scope
 * (`namespaces`, '' for the default), whitespace-only text removed, serialized with the
 * declarations it needs. Throws when it does not parse.
 */
export function xmlFormatText(
  element: XmlElement,
  namespaces: Readonly<Record<string, string>>,
  dropBlank = true,
): string {
  const decls = Object.entries(namespaces)
    .map(([p, uri]) => (p ? ` xmlns:${p}="${attr(uri)}"` : ` xmlns="${attr(uri)}"`))
    .join('');
  let problem: string | undefined;
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') problem ??= msg;
    },
  }).parseFromString(`<pfWrap${decls}>${serializeNode(element)}</pfWrap>`, 'text/xml');
  const root = doc.documentElement;
  let first: Element | undefined;
  for (let c = root?.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1) {
      first = c as Element;
      break;
    }
  if (problem || !first) throw new Error(`The inline XML is not well-formed: ${problem ?? 'no element'}`);
  if (dropBlank) dropBlankText(first);
  // Detached from the configuration, a reset of the default namespace on the root is redundant
  // (Axiom does not write it either); inner resets stay.
  if (first.getAttribute('xmlns') === '' && !first.namespaceURI) first.removeAttribute('xmlns');
  return new XMLSerializer().serializeToString(first);
}

/** The text of a format given as text (JSON, plain text or XML in CDATA): whitespace-only is none. */
export function textFormat(text: string): string {
  return text.trim() === '' ? '' : text;
}
