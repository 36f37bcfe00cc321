/**
 * Bytes to text and back, honouring the declared encoding. Browser-safe (TextDecoder).
 */

const DECL = /^\uFEFF?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** The encoding named in an XML declaration, lower-cased, or undefined. */
export function declaredEncoding(head: string): string | undefined {
  return DECL.exec(head)?.[1]?.toLowerCase();
}

const SINGLE_BYTE = new Set(['iso-8859-1', 'latin1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii']);

/** Decodes a file's bytes: UTF-8 unless the declaration names a single-byte Latin encoding. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  return decodeXmlFile(bytes).text;
}

/** Bytes that are not UTF-8, where they start. */
export interface EncodingProblem {
  readonly code: 'XML_INVALID_UTF8';
  readonly message: string;
  /** 0-based byte offset of the first byte that is not part of a valid UTF-8 sequence. */
  readonly offset: number;
  /** 1-based line and column (in characters) of that byte. */
  readonly line: number;
  readonly column: number;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a file's bytes like {@link decodeXmlBytes}, and says where they are not UTF-8 instead
 * of replacing what cannot be read with U+FFFD, which would change the file on the next save.
 * `text` is then the lenient decoding, for display only.
 */
export function decodeXmlFile(bytes: Uint8Array): { text: string; problem?: EncodingProblem } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const enc = declaredEncoding(head);
  if (enc && SINGLE_BYTE.has(enc))
    return {
      text: new TextDecoder(enc === 'iso-8859-1' || enc === 'latin1' ? 'latin1' : 'windows-1252').decode(
        bytes,
      ),
    };
  try {
    return { text: STRICT_UTF8.decode(bytes) };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), problem: utf8Problem(bytes) };
  }
}

/** Where `bytes` stop being UTF-8 (called only once the strict decoder has refused them). */
export function utf8Problem(bytes: Uint8Array): EncodingProblem | undefined {
  const offset = firstInvalidUtf8(bytes);
  if (offset === -1) return undefined;
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const lastBreak = before.lastIndexOf('\n');
  const line = before.split('\n').length;
  const column = [...before.slice(lastBreak + 1)].length + 1;
  const shown = Array.from(bytes.subarray(offset, offset + 4), (b) =>
    b.toString(16).toUpperCase().padStart(2, '0'),
  );
  return {
    code: 'XML_INVALID_UTF8',
    message: `The bytes are not valid UTF-8 at byte offset ${offset} (${shown.join(' ')}); save the file as UTF-8, or declare its real encoding in <?xml … encoding="…"?>.`,
    offset,
    line,
    column,
  };
}

/**
 * The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0) return i;
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    const min = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const max = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Encodes text for writing. Latin-declared documents are written one byte per character (all
 * characters in them are below U+0100 when they were read that way); others as UTF-8.
 */
export function encodeXmlText(text: string, declaredFrom: string = text): Uint8Array {
  const enc = declaredEncoding(declaredFrom.slice(0, 200));
  if (enc && SINGLE_BYTE.has(enc) && !/[^\u0000-\u00ff]/.test(text)) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  return new TextEncoder().encode(text);
}
