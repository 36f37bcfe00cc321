/**
 * Base64 and URL encodings as Synapse's functions do them (`base64Encode`, `url-encode`, and the
 * `${}` functions `base64encode`, `urlEncode`, `urlDecode`), with Java charset names.
 */
import { javaTrim } from './java-text.js';

/** A Java charset name as a Node encoding; throws for one Node cannot encode. */
export function charsetEncoding(charset: string): BufferEncoding {
  switch (charset.toLowerCase()) {
    case 'utf-8':
    case 'utf8':
      return 'utf8';
    case 'iso-8859-1':
    case 'iso8859_1':
    case 'latin1':
      return 'latin1';
    case 'us-ascii':
    case 'ascii':
      return 'ascii';
    case 'utf-16le':
      return 'utf16le';
    default:
      throw new Error(`Unsupported charset '${charset}'`);
  }
}

/** `base64Encode(value[, charset])`. */
export function base64Encode(value: string, charset = 'UTF-8'): string {
  return Buffer.from(value, charsetEncoding(charset)).toString('base64');
}

/** `base64Decode(value[, charset])`; Synapse trims the decoded text (Java `trim`). */
export function base64Decode(value: string, charset = 'UTF-8'): string {
  return javaTrim(Buffer.from(value, 'base64').toString(charsetEncoding(charset)));
}

function asciiTable(chars: string): boolean[] {
  const t: boolean[] = new Array<boolean>(128).fill(false);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    t[c] =
      (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || chars.includes(ch);
  }
  return t;
}

// commons-httpclient URIUtil.encodePathQuery keeps the URI's unreserved and reserved characters.
const PATH_QUERY_SAFE = asciiTable("-_.!~*'();/?:@&=+$,[]");
// java.net.URLEncoder keeps only these (space becomes '+').
const FORM_SAFE = asciiTable('-_.*');

function percentEncode(
  value: string,
  safe: readonly boolean[],
  charset: string,
  spaceAsPlus: boolean,
): string {
  const encoding = charsetEncoding(charset);
  let out = '';
  let i = 0;
  while (i < value.length) {
    const code = value.charCodeAt(i);
    if (code < 128 && safe[code]) {
      out += value.charAt(i++);
      continue;
    }
    if (spaceAsPlus && code === 0x20) {
      out += '+';
      i++;
      continue;
    }
    // Encode the whole run of unsafe characters at once so surrogate pairs stay together.
    let j = i + 1;
    while (j < value.length) {
      const c = value.charCodeAt(j);
      if ((c < 128 && safe[c]) || (spaceAsPlus && c === 0x20)) break;
      j++;
    }
    for (const byte of Buffer.from(value.slice(i, j), encoding)) {
      out += `%${byte < 16 ? '0' : ''}${byte.toString(16).toUpperCase()}`;
    }
    i = j;
  }
  return out;
}

/** XPath `url-encode(value[, charset])` (URIUtil.encodePathQuery: space is `%20`). */
export function urlEncodePathQuery(value: string, charset = 'UTF-8'): string {
  return percentEncode(value, PATH_QUERY_SAFE, charset, false);
}

/** `${urlEncode(value[, charset])}` (java.net.URLEncoder: space is `+`). */
export function urlEncodeForm(value: string, charset = 'UTF-8'): string {
  return percentEncode(value, FORM_SAFE, charset, true);
}

/** `${urlDecode(value[, charset])}` (java.net.URLDecoder: `+` is a space). */
export function urlDecodeForm(value: string, charset = 'UTF-8'): string {
  const encoding = charsetEncoding(charset);
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value.charAt(i);
    if (c === '+') {
      out += ' ';
      i++;
    } else if (c === '%') {
      const bytes: number[] = [];
      while (value.charAt(i) === '%') {
        const byte = Number.parseInt(value.slice(i + 1, i + 3), 16);
        if (Number.isNaN(byte) || i + 3 > value.length) throw new Error(`Bad escape in '${value}'`);
        bytes.push(byte);
        i += 3;
      }
      out += Buffer.from(bytes).toString(encoding);
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
