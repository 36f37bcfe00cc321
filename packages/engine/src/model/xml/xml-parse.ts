/**
 * A lossless, position-aware XML 1.0 reader.
 *
 * Why our own scanner: the tree must give back the input byte for byte (quotes, spacing, entity
 * spelling, `<a></a>` versus `<a/>`), which no maintained JS parser preserves, and its errors
 * must name the line and column of the actual mistake (an unescaped `&` in an attribute, say)
 * rather than where a generic parser finally gave up. A conformant parser (saxes) checks every
 * document afterwards, so anything this scanner lets through is still caught.
 */
import { SaxesParser } from 'saxes';
import { ScanError, lineStarts, locate } from './xml-positions.js';
import { Scanner } from './xml-scanner.js';
import type { XmlDocument, XmlSyntaxError } from './xml-types.js';

/** Result of reading a document: a tree, or the first error with its location. */
export type XmlParseResult = { ok: true; document: XmlDocument } | { ok: false; error: XmlSyntaxError };

/** Reads `text` into a lossless tree. Never throws. */
export function parseXml(text: string): XmlParseResult {
  const lines = lineStarts(text);
  try {
    const document = new Scanner(text, lines).document();
    const late = conformanceCheck(text);
    if (late) return { ok: false, error: late };
    return { ok: true, document };
  } catch (e) {
    if (e instanceof ScanError) {
      return { ok: false, error: { code: e.code, message: e.message, ...locate(lines, e.offset) } };
    }
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: { code: 'XML_INTERNAL', message: `Could not read the XML: ${message}`, line: 1, column: 1 },
    };
  }
}

/** Second opinion from a conformant parser, for rules the scanner does not check itself. */
function conformanceCheck(text: string): XmlSyntaxError | undefined {
  let first: XmlSyntaxError | undefined;
  const parser = new SaxesParser({ position: true });
  parser.on('error', (err) => {
    if (first) return;
    const detail = err.message.replace(/^\d+:\d+:\s*/, '');
    first = {
      code: 'XML_NOT_WELL_FORMED',
      message: `The XML is not well-formed: ${detail}`,
      line: parser.line,
      column: parser.column + 1,
    };
  });
  try {
    parser.write(text).close();
  } catch {
    // saxes reports through the error handler; a throw after that adds nothing.
  }
  return first;
}
