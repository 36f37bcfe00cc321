/**
 * Tokens of MI 4.4's Synapse expressions (the text inside `${…}`). The lexer is pulled by the
 * parser one token at a time, so the parser can take the raw text of a JSONPath filter.
 */

/** One token. `pos` is its offset in the expression text. */
export type Token =
  | { readonly type: 'num'; readonly value: number; readonly isDouble: boolean; readonly pos: number }
  | { readonly type: 'str'; readonly value: string; readonly pos: number }
  | { readonly type: 'ident'; readonly value: string; readonly pos: number }
  | { readonly type: 'op'; readonly value: string; readonly pos: number }
  | { readonly type: 'eof'; readonly value: ''; readonly pos: number };

// Longest first, so `==` wins over `=` and `..` over `.`.
const OPERATORS = [
  '..',
  '==',
  '!=',
  '>=',
  '<=',
  '&&',
  '||',
  '.',
  '[',
  ']',
  '(',
  ')',
  ',',
  '?',
  ':',
  '+',
  '-',
  '*',
  '/',
  '%',
  '>',
  '<',
  '!',
  '$',
  '@',
];

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);

/** A syntax error in a `${…}` expression, with the offset it was found at. */
export class SynapseSyntaxError extends Error {}

/** Reads tokens from the text of one expression. */
export class Lexer {
  private pos = 0;

  constructor(readonly text: string) {}

  /** The next token, consumed. */
  next(): Token {
    const t = this.text;
    while (this.pos < t.length && t.charCodeAt(this.pos) <= 0x20) this.pos++;
    const start = this.pos;
    if (start >= t.length) return { type: 'eof', value: '', pos: start };
    const c = t.charAt(start);
    if (isDigit(c)) return this.number(start);
    if (c === '"' || c === "'") return { type: 'str', value: this.string(c), pos: start };
    if (isIdentStart(c)) {
      while (this.pos < t.length && isIdentPart(t.charAt(this.pos))) this.pos++;
      return { type: 'ident', value: t.slice(start, this.pos), pos: start };
    }
    for (const op of OPERATORS) {
      if (t.startsWith(op, start)) {
        this.pos += op.length;
        return { type: 'op', value: op, pos: start };
      }
    }
    throw new SynapseSyntaxError(`unexpected character '${c}' at position ${start}`);
  }

  /** The next token, not consumed. */
  peek(): Token {
    const save = this.pos;
    const token = this.next();
    this.pos = save;
    return token;
  }

  /** The offset of the next unread character. */
  get offset(): number {
    return this.pos;
  }

  /** Goes back to an offset taken from `offset`. */
  reset(offset: number): void {
    this.pos = offset;
  }

  /**
   * Consumes raw text up to and including the `]` that closes a bracket whose body starts at the
   * current offset (quotes and nested brackets respected); returns the body without that `]`.
   */
  rawBracketBody(): string {
    const t = this.text;
    const start = this.pos;
    let depth = 0;
    let quote = '';
    for (let i = start; i < t.length; i++) {
      const c = t.charAt(i);
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === ']') {
        if (depth === 0) {
          this.pos = i + 1;
          return t.slice(start, i);
        }
        depth--;
      }
    }
    throw new SynapseSyntaxError(`unclosed '[' at position ${start - 1}`);
  }

  private number(start: number): Token {
    const t = this.text;
    let isDouble = false;
    while (this.pos < t.length && isDigit(t.charAt(this.pos))) this.pos++;
    if (t.charAt(this.pos) === '.' && isDigit(t.charAt(this.pos + 1))) {
      isDouble = true;
      this.pos++;
      while (this.pos < t.length && isDigit(t.charAt(this.pos))) this.pos++;
    }
    if ((t.charAt(this.pos) === 'e' || t.charAt(this.pos) === 'E') && /[-+\d]/.test(t.charAt(this.pos + 1))) {
      isDouble = true;
      this.pos += 2;
      while (this.pos < t.length && isDigit(t.charAt(this.pos))) this.pos++;
    }
    return { type: 'num', value: Number(t.slice(start, this.pos)), isDouble, pos: start };
  }

  private string(quote: string): string {
    const t = this.text;
    const start = this.pos;
    let out = '';
    this.pos++;
    while (this.pos < t.length) {
      const c = t.charAt(this.pos++);
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = t.charAt(this.pos++);
      if (e === 'u') {
        out += String.fromCharCode(Number.parseInt(t.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else out += ESCAPES[e] ?? e;
    }
    throw new SynapseSyntaxError(`unclosed string starting at position ${start}`);
  }
}
