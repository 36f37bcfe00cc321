/**
 * Character classes and escaping rules of XML 1.0, shared by the parser and the builders.
 */

const nameStart =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\uD800-\\uDBFF\\uDC00-\\uDFFF';
const nameChar = nameStart + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040';

/** Matches an XML Name at a given position (use `lastIndex`). */
export const NAME_AT = new RegExp(`[${nameStart}][${nameChar}]*`, 'y');
/** A whole string that is an XML Name. */
export const NAME_ONLY = new RegExp(`^[${nameStart}][${nameChar}]*$`);
/** Characters that XML 1.0 forbids anywhere in a document. */
export const FORBIDDEN_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** XML white space at a position (use `lastIndex`). */
export const SPACE_AT = /[ \t\r\n]*/y;

/** The five entities every XML document may use without declaring them. */
export const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** True when `code` is a character XML 1.0 allows (for character references). */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Escapes text content so that it reads back as `value`. */
export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Escapes an attribute value for the given quote so that it reads back as `value`. */
export function escapeAttribute(value: string, quote: '"' | "'"): string {
  return value.replace(/[&<"'\n\r\t]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '\n':
        return '&#10;';
      case '\r':
        return '&#13;';
      case '\t':
        return '&#9;';
      default:
        return c === quote ? (c === '"' ? '&quot;' : '&apos;') : c;
    }
  });
}
