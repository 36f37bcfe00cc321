/**
 * Entity and character references in text and attribute values.
 */
import { PREDEFINED_ENTITIES, isXmlChar } from './xml-chars.js';
import { ScanError } from './xml-positions.js';

/**
 * Resolves the predefined entities and character references in `raw`, which starts at `offset`
 * of the source. A stray `&` or an unknown entity throws a ScanError at its own offset; with
 * `keepUnknown` (the document has a DTD, which we do not expand) unknown entities stay as written.
 */
export function decodeReferences(raw: string, offset: number, where: string, keepUnknown: boolean): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&<\s"']*)(;?)/g, (whole, ref: string, semi: string, at: number) => {
    const fail = (msg: string): never => {
      throw new ScanError('XML_BAD_REFERENCE', msg, offset + at);
    };
    if (!semi || ref === '') return fail(`Unescaped '&' in ${where}; write &amp; instead.`);
    if (ref.startsWith('#')) {
      const code = /^#x[0-9a-fA-F]+$/.test(ref)
        ? parseInt(ref.slice(2), 16)
        : /^#[0-9]+$/.test(ref)
          ? parseInt(ref.slice(1), 10)
          : NaN;
      if (!isXmlChar(code)) return fail(`'&${ref};' in ${where} is not a valid character reference.`);
      return String.fromCodePoint(code);
    }
    const known = PREDEFINED_ENTITIES[ref];
    if (known !== undefined) return known;
    if (keepUnknown) return whole;
    return fail(`Unknown entity '&${ref};' in ${where}; if '&' is meant literally, write &amp;.`);
  });
}
