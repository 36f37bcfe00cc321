/**
 * Inline XML in a mediator's configuration (makefault's `<detail>`, enrich's inline source), read
 * as MI's factories read it: in the namespace context where it stands, so an unprefixed element
 * is in the Synapse namespace unless it resets it with `xmlns=""`, and a prefix declared on the
 * artifact's root is known. Parsed once, at deploy time.
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';

function escapeAttr(s: string): string {
  return s.replace(/[&<"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));
}

/**
 * Parses serialized elements (as written in the configuration) under the declarations `ns`
 * (prefix to URI, '' for the default). Throws with the parser's message when not well-formed.
 */
export function parseInlineXml(xml: string, ns: Readonly<Record<string, string>>): Element[] {
  const decls = Object.entries(ns)
    .map(([p, uri]) => ` ${p ? `xmlns:${p}` : 'xmlns'}="${escapeAttr(uri)}"`)
    .join('');
  let problem: string | undefined;
  let root: Element | null = null;
  try {
    root = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') problem ??= msg;
      },
    }).parseFromString(`<inline${decls}>${xml}</inline>`, 'text/xml').documentElement;
  } catch (e) {
    problem ??= e instanceof Error ? e.message : String(e);
  }
  if (problem || !root) throw new Error(`The inline XML is not well-formed: ${problem ?? 'no element'}`);
  const out: Element[] = [];
  for (let c: Node | null = root.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1) out.push(c as Element);
  return out;
}

/** Escapes text for element content. */
export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
