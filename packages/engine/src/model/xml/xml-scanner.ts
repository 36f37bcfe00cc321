/**
 * The lossless scanner behind `parseXml`: reads well-formed XML 1.0 into a tree whose nodes keep
 * their source text, and throws `ScanError` at the offset of the first mistake.
 */
import { FORBIDDEN_CHAR, SPACE_AT } from './xml-chars.js';
import { XML_LIMITS, XmlCursor } from './xml-cursor.js';
import { ScanError } from './xml-positions.js';
import type { XmlAttribute, XmlDocument, XmlElement, XmlNode } from './xml-types.js';

export { XML_LIMITS } from './xml-cursor.js';

/** Reads a document: its prolog, root element (with attributes and children) and epilog. */
export class Scanner extends XmlCursor {
  document(): XmlDocument {
    const src = this.src;
    if (src.length > XML_LIMITS.document)
      throw new ScanError(
        'XML_TOO_LARGE',
        `The document has ${src.length} characters; the limit is ${XML_LIMITS.document}.`,
        0,
      );
    const bad = FORBIDDEN_CHAR.exec(src);
    if (bad) {
      const hex = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      throw new ScanError('XML_INVALID_CHARACTER', `Character U+${hex} is not allowed in XML.`, bad.index);
    }
    const bom = src.charCodeAt(0) === 0xfeff;
    this.i = bom ? 1 : 0;
    const prolog: XmlNode[] = [];
    for (;;) {
      if (this.i >= src.length) {
        throw new ScanError(
          'XML_NO_ROOT',
          'The document has no root element; expected one such as <sequence>.',
          this.i,
        );
      }
      const misc = this.misc(bom ? 1 : 0, 'before');
      if (misc) {
        prolog.push(misc);
        continue;
      }
      if (src.startsWith('<!DOCTYPE', this.i)) {
        prolog.push(this.doctype());
        continue;
      }
      if (src[this.i] === '<' && src[this.i + 1] !== '/' && src[this.i + 1] !== '!') break;
      throw this.strayText('before the root element');
    }
    const root = this.element(0);
    const epilog: XmlNode[] = [];
    while (this.i < src.length) {
      const misc = this.misc(bom ? 1 : 0, 'after');
      if (misc) {
        epilog.push(misc);
        continue;
      }
      if (src.startsWith('<!DOCTYPE', this.i)) {
        throw new ScanError(
          'XML_BAD_DOCTYPE',
          `<!DOCTYPE> must come before the root element <${root.name}>.`,
          this.i,
        );
      }
      if (src.startsWith('<![CDATA[', this.i)) {
        throw new ScanError(
          'XML_TEXT_OUTSIDE_ROOT',
          `A CDATA section is not allowed after the root element <${root.name}>.`,
          this.i,
        );
      }
      if (src.startsWith('</', this.i)) {
        const name = this.peekName(this.i + 2);
        throw new ScanError(
          'XML_JUNK_AFTER_ROOT',
          `Unexpected end tag </${name}> after the root element <${root.name}> was already closed; remove it.`,
          this.i,
        );
      }
      if (src[this.i] === '<') {
        const name = this.peekName(this.i + 1);
        throw new ScanError(
          'XML_MULTIPLE_ROOTS',
          `A second root element <${name}> follows <${root.name}>; a file holds one root (wrap several artifacts in <definitions>).`,
          this.i,
        );
      }
      throw this.strayText('after the root element');
    }
    return { bom, prolog, root, epilog };
  }

  /** White space, a comment or a processing instruction outside the root, or undefined. */
  private misc(docStart: number, where: 'before' | 'after'): XmlNode | undefined {
    const src = this.src;
    const start = this.i;
    SPACE_AT.lastIndex = start;
    SPACE_AT.exec(src);
    if (SPACE_AT.lastIndex > start) {
      this.i = SPACE_AT.lastIndex;
      const raw = src.slice(start, this.i);
      return { type: 'text', value: raw, raw, pos: this.pos(start) };
    }
    if (src.startsWith('<!--', start)) return this.comment();
    if (src.startsWith('<?', start)) {
      const pi = this.processingInstruction();
      if (pi.target.toLowerCase() === 'xml' && (start !== docStart || where === 'after')) {
        const lead =
          where === 'before'
            ? ` (${start - docStart} character(s) of white space or other content come first; remove them)`
            : '';
        throw new ScanError(
          'XML_DECL_NOT_AT_START',
          `The XML declaration <?xml …?> must be the very first thing in the file${lead}.`,
          start,
        );
      }
      return pi;
    }
    return undefined;
  }

  private strayText(where: string): ScanError {
    const text = this.src.slice(this.i).split(/[<\n]/)[0] ?? '';
    const shown = text.length > 30 ? `${text.slice(0, 30)}…` : text;
    return new ScanError('XML_TEXT_OUTSIDE_ROOT', `Text "${shown}" is not allowed ${where}.`, this.i);
  }

  private doctype(): XmlNode {
    const start = this.i;
    if (this.hasDoctype) throw new ScanError('XML_BAD_DOCTYPE', 'Only one <!DOCTYPE> is allowed.', start);
    this.hasDoctype = true;
    let j = start + 9;
    let bracket = false;
    let quote = '';
    for (; j < this.src.length; j++) {
      const c = this.src[j];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '[') bracket = true;
      else if (c === ']') bracket = false;
      else if (c === '>' && !bracket) break;
    }
    if (j >= this.src.length) throw new ScanError('XML_BAD_DOCTYPE', '<!DOCTYPE is never closed.', start);
    this.i = j + 1;
    return { type: 'doctype', raw: this.src.slice(start + 9, j), pos: this.pos(start) };
  }

  private element(depth: number): XmlElement {
    const src = this.src;
    const start = this.i;
    if (depth > XML_LIMITS.depth)
      throw new ScanError(
        'XML_TOO_DEEP',
        `Elements are nested more than ${XML_LIMITS.depth} levels deep.`,
        start,
      );
    this.i++;
    const name = this.name("an element name after '<'");
    const attributes: XmlAttribute[] = [];
    // Names seen in this start tag, for the duplicate check: a list scan while the tag is short
    // (most are), a set once it is long, so a tag with 100,000 attributes reads in linear time.
    let names: Set<string> | undefined;
    let openTail: string;
    let selfClosing: boolean;
    for (;;) {
      const lead = this.space();
      if (src[this.i] === '>') {
        this.i++;
        openTail = lead;
        selfClosing = false;
        break;
      }
      if (src.startsWith('/>', this.i)) {
        this.i += 2;
        openTail = lead;
        selfClosing = true;
        break;
      }
      if (this.i >= src.length)
        throw new ScanError('XML_UNCLOSED_TAG', `The start tag <${name} is never closed with '>'.`, start);
      if (!lead) {
        throw new ScanError(
          'XML_BAD_ATTRIBUTE',
          `Expected white space, '>' or '/>' in <${name}>, found '${src[this.i]}'.`,
          this.i,
        );
      }
      if (attributes.length === XML_LIMITS.attributes)
        throw new ScanError(
          'XML_TOO_MANY_ATTRIBUTES',
          `<${name}> has more than ${XML_LIMITS.attributes} attributes.`,
          this.i,
        );
      const attribute = this.attribute(name, lead, attributes, names);
      attributes.push(attribute);
      if (names) names.add(attribute.name);
      else if (attributes.length >= 16) names = new Set(attributes.map((a) => a.name));
    }
    const pos = this.pos(start);
    if (selfClosing) return { type: 'element', name, attributes, children: [], selfClosing, openTail, pos };
    const children: XmlNode[] = [];
    for (;;) {
      const at = this.i;
      if (at >= src.length) {
        throw new ScanError(
          'XML_UNCLOSED_ELEMENT',
          `<${name}> opened at line ${pos.line}, column ${pos.column} is never closed.`,
          at,
        );
      }
      if (src[at] !== '<') {
        children.push(this.text());
      } else if (src.startsWith('</', at)) {
        this.i += 2;
        const closing = this.peekName(this.i);
        if (closing !== name) {
          throw new ScanError(
            'XML_MISMATCHED_TAG',
            `End tag </${closing}> does not match <${name}> opened at line ${pos.line}, column ${pos.column}.`,
            at,
          );
        }
        this.i += closing.length;
        this.space();
        if (src[this.i] !== '>')
          throw new ScanError('XML_BAD_END_TAG', `Expected '>' to close </${name}.`, this.i);
        this.i++;
        return {
          type: 'element',
          name,
          attributes,
          children,
          selfClosing,
          openTail,
          closeRaw: src.slice(at, this.i),
          pos,
        };
      } else if (src.startsWith('<!--', at)) {
        children.push(this.comment());
      } else if (src.startsWith('<![CDATA[', at)) {
        const end = src.indexOf(']]>', at + 9);
        if (end === -1)
          throw new ScanError('XML_UNCLOSED_CDATA', 'This CDATA section is never closed with ]]>.', at);
        this.checkLength('A CDATA section', at, end - at - 9);
        children.push({ type: 'cdata', value: src.slice(at + 9, end), pos: this.pos(at) });
        this.i = end + 3;
      } else if (src.startsWith('<?', at)) {
        const pi = this.processingInstruction();
        if (pi.target.toLowerCase() === 'xml') {
          throw new ScanError(
            'XML_DECL_NOT_AT_START',
            'The XML declaration <?xml …?> must be the very first thing in the file.',
            at,
          );
        }
        children.push(pi);
      } else if (src[at + 1] === '!') {
        throw new ScanError(
          'XML_BAD_MARKUP',
          "Unexpected '<!' here: expected a comment <!-- … --> or <![CDATA[ … ]]>.",
          at,
        );
      } else {
        children.push(this.element(depth + 1));
      }
    }
  }

  private attribute(
    element: string,
    lead: string,
    seen: readonly XmlAttribute[],
    seenNames: ReadonlySet<string> | undefined,
  ): XmlAttribute {
    const src = this.src;
    const start = this.i;
    const name = this.name(`an attribute name or '>' in <${element}>`);
    if (seenNames ? seenNames.has(name) : seen.some((a) => a.name === name)) {
      throw new ScanError(
        'XML_DUPLICATE_ATTRIBUTE',
        `Attribute '${name}' appears twice in <${element}>.`,
        start,
      );
    }
    const eqStart = this.i;
    this.space();
    if (src[this.i] !== '=') {
      throw new ScanError(
        'XML_BAD_ATTRIBUTE',
        `Attribute '${name}' of <${element}> has no value; write ${name}="…".`,
        this.i,
      );
    }
    this.i++;
    this.space();
    const eq = src.slice(eqStart, this.i);
    const quote = src[this.i];
    if (quote !== '"' && quote !== "'") {
      throw new ScanError(
        'XML_UNQUOTED_ATTRIBUTE',
        `The value of attribute '${name}' in <${element}> must be in quotes.`,
        this.i,
      );
    }
    const end = src.indexOf(quote, this.i + 1);
    if (end === -1)
      throw new ScanError(
        'XML_UNCLOSED_ATTRIBUTE',
        `The value of attribute '${name}' is never closed.`,
        this.i,
      );
    this.checkLength(`The value of attribute '${name}'`, this.i, end - this.i - 1);
    const raw = src.slice(this.i + 1, end);
    const lt = raw.indexOf('<');
    if (lt !== -1) {
      throw new ScanError(
        'XML_LT_IN_ATTRIBUTE',
        `'<' is not allowed in the value of attribute '${name}'; write &lt; instead.`,
        this.i + 1 + lt,
      );
    }
    const where = `attribute '${name}' of <${element}>`;
    this.decode(raw, this.i + 1, where); // reports a bad reference at its exact offset
    // XML's attribute-value normalization: line ends become \n, then literal white space a space.
    const value = this.decode(raw.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' '), this.i + 1, where);
    this.i = end + 1;
    return { name, value, lead, eq, quote, raw };
  }
}
