/**
 * The conversions payloadFactory applies to an arg whose kind differs from the format's media
 * type (TemplateProcessor.prepareReplacementValue): XML into a JSON format, JSON into an XML
 * format, and the escapes MI applies on the way (escapeXml10, the JSON string escapes).
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';

/** StringEscapeUtils.escapeXml10: the five entities; characters XML 1.0 forbids are dropped. */
export function escapeXml10(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]/g, '')
    .replace(/[&<>"']/g, (c) =>
      c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
    );
}

/** The inside of a JSON string for `s` (what MI's escapeSpecialChars leaves once substituted). */
export function escapeJsonString(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** escapeXMLSpecialChars (escapeXmlChars="true"): control characters as JSON escapes. */
export function escapeControlChars(s: string): string {
  return s.replace(/[\b\f\n\r\t]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** Parses `xml` as one element, or undefined when it is not well-formed. */
function parseElement(xml: string): Element | undefined {
  let bad = false;
  try {
    const doc = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') bad = true;
      },
    }).parseFromString(xml, 'text/xml');
    return bad ? undefined : (doc.documentElement ?? undefined);
  } catch {
    return undefined;
  }
}

/** TemplateProcessor.isXML: ends with '>', at least 4 characters, and parses as XML. */
export function isXml(value: string): boolean {
  const t = value.trim();
  return t.length >= 4 && t.endsWith('>') && parseElement(t) !== undefined;
}

/** True for a value that starts like a JSON object or array (TemplateProcessor.isJson). */
export function looksLikeJson(value: string): boolean {
  const t = value.trim();
  return t.startsWith('{') || t.startsWith('[');
}

/** A text value as MI's JSON builder types it (autoPrimitive): numbers and booleans are not strings. */
function primitive(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  return text;
}

function elementJson(el: Element): unknown {
  const obj: Record<string, unknown> = {};
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i);
    if (a && a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
      obj[`@${a.localName ?? a.name}`] = primitive(a.value);
  }
  let text = '';
  let hasElements = false;
  for (let c: Node | null = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) {
      hasElements = true;
      const child = c as Element;
      const key = child.localName ?? child.nodeName;
      const value = elementJson(child);
      const prev = obj[key];
      if (prev === undefined) obj[key] = value;
      else obj[key] = Array.isArray(prev) ? [...(prev as unknown[]), value] : [prev, value];
    } else if (c.nodeType === 3 || c.nodeType === 4) text += (c as unknown as { data: string }).data;
  }
  if (!hasElements && Object.keys(obj).length === 0) return text === '' ? null : primitive(text);
  if (text.trim() !== '') obj.$ = primitive(text.trim());
  return obj;
}

/**
 * XML into JSON text as MI converts an XML arg for a JSON format: the value wrapped in
 * `<jsonObject>` and converted (JsonUtil.toJsonString), so `<a>1</a>` gives `{"a":1}`.
 * Undefined when the value is not XML after all.
 */
export function xmlToJsonText(xml: string): string | undefined {
  const root = parseElement(`<jsonObject>${xml}</jsonObject>`);
  return root ? JSON.stringify(elementJson(root)) : undefined;
}

function jsonElements(value: unknown, name: string): string {
  if (Array.isArray(value)) return value.map((v) => jsonElements(v, name)).join('');
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => jsonElements(v, k))
      .join('');
    return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
  }
  return value === null ? `<${name}/>` : `<${name}>${escapeXml10(String(value))}</${name}>`;
}

/**
 * JSON into XML as MI converts a JSON arg for an XML format (JsonUtil.toXml): an object's
 * members become elements, an array's items `<jsonElement>`s. Undefined when it does not parse.
 */
export function jsonToXmlText(json: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (Array.isArray(value)) return value.map((v) => jsonElements(v, 'jsonElement')).join('');
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => jsonElements(v, k))
      .join('');
  return escapeXml10(String(value));
}
