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
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const enc = declaredEncoding(head);
  if (enc && SINGLE_BYTE.has(enc))
    return new TextDecoder(enc === 'iso-8859-1' || enc === 'latin1' ? 'latin1' : 'windows-1252').decode(
      bytes,
    );
  return new TextDecoder('utf-8').decode(bytes);
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
