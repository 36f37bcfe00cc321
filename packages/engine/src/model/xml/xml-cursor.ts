/**
 * The reading position of the XML scanner and what every part of it reads: names, white space,
 * comments, processing instructions, text, and the limits that bound them. `Scanner` adds the
 * document and its elements.
 */
import { NAME_AT, SPACE_AT } from './xml-chars.js';
import { decodeReferences } from './xml-references.js';
import { ScanError, locate } from './xml-positions.js';
import type { XmlNode, XmlPosition } from './xml-types.js';

/**
 * Limits of what the reader takes, so a hostile or broken file costs bounded time and memory and
 * says what is wrong. No real Synapse file comes near them (the 400 files of the conformance
 * corpus: depth 21, 14 attributes, 160 KB at most).
 */
export const XML_LIMITS = {
  /** Elements nested inside one another. */
  depth: 500,
  /** Attributes of one element. */
  attributes: 1000,
  /** Characters of one attribute value, text run, CDATA section or comment. */
  text: 4 * 1024 * 1024,
  /** Characters of a whole document. */
  document: 16 * 1024 * 1024,
} as const;

/** A position in the source text, and the readers of the small parts of XML. */
export class XmlCursor {
  protected i = 0;
  /** A DOCTYPE was read: its entities are kept as written (see decodeReferences). */
  protected hasDoctype = false;

  constructor(
    protected readonly src: string,
    protected readonly lines: readonly number[],
  ) {}

  protected pos(offset: number): XmlPosition {
    return { ...locate(this.lines, offset), offset };
  }

  protected peekName(at: number): string {
    NAME_AT.lastIndex = at;
    return NAME_AT.exec(this.src)?.[0] ?? '';
  }

  protected name(what: string): string {
    NAME_AT.lastIndex = this.i;
    const m = NAME_AT.exec(this.src);
    if (!m) {
      const found = this.src[this.i] === undefined ? 'the end of the file' : `'${this.src[this.i]}'`;
      throw new ScanError('XML_BAD_NAME', `Expected ${what}, found ${found}.`, this.i);
    }
    this.i = NAME_AT.lastIndex;
    return m[0];
  }

  protected space(): string {
    SPACE_AT.lastIndex = this.i;
    SPACE_AT.exec(this.src);
    const s = this.src.slice(this.i, SPACE_AT.lastIndex);
    this.i = SPACE_AT.lastIndex;
    return s;
  }

  protected comment(): XmlNode {
    const start = this.i;
    const end = this.src.indexOf('-->', start + 4);
    if (end === -1)
      throw new ScanError('XML_UNCLOSED_COMMENT', 'This comment is never closed with -->.', start);
    this.checkLength('A comment', start, end - start - 4);
    const value = this.src.slice(start + 4, end);
    const dashes = value.indexOf('--');
    if (dashes !== -1 || value.endsWith('-')) {
      throw new ScanError(
        'XML_BAD_COMMENT',
        "A comment may not contain '--'.",
        dashes === -1 ? end - 1 : start + 4 + dashes,
      );
    }
    this.i = end + 3;
    return { type: 'comment', value, pos: this.pos(start) };
  }

  protected processingInstruction(): XmlNode & { type: 'pi' } {
    const start = this.i;
    this.i += 2;
    const target = this.name('a processing instruction name after <?');
    const end = this.src.indexOf('?>', this.i);
    if (end === -1) throw new ScanError('XML_UNCLOSED_PI', `<?${target} is never closed with ?>.`, start);
    this.i = end + 2;
    return { type: 'pi', target, raw: this.src.slice(start + 2, end), pos: this.pos(start) };
  }

  protected text(): XmlNode {
    const start = this.i;
    let end = this.src.indexOf('<', start);
    if (end === -1) end = this.src.length;
    this.checkLength('A text', start, end - start);
    const raw = this.src.slice(start, end);
    const bad = raw.indexOf(']]>');
    if (bad !== -1)
      throw new ScanError('XML_BAD_TEXT', "']]>' is not allowed in text; write ]]&gt; instead.", start + bad);
    this.i = end;
    let value = this.decode(raw, start, 'text');
    // XML's end-of-line handling: \r\n and lone \r read as \n.
    if (raw.includes('\r')) value = this.decode(raw.replace(/\r\n?/g, '\n'), start, 'text');
    return { type: 'text', raw, value, pos: this.pos(start) };
  }

  /** Refuses a value longer than the text limit, at its start. */
  protected checkLength(what: string, at: number, length: number): void {
    if (length > XML_LIMITS.text)
      throw new ScanError(
        'XML_TEXT_TOO_LONG',
        `${what} has ${length} characters; the limit is ${XML_LIMITS.text}.`,
        at,
      );
  }

  /** Resolves references in `raw` (see decodeReferences); DTD entities are kept as written. */
  protected decode(raw: string, offset: number, where: string): string {
    return decodeReferences(raw, offset, where, this.hasDoctype);
  }
}
