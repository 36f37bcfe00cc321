/**
 * A URI taken apart and put back together the way the rewrite mediator's URIFragments does it
 * with java.net.URI: `new URI(text)` gives the parts decoded (an opaque URI such as `mailto:x`
 * keeps only its scheme and fragment), and the seven-part constructor quotes each part again,
 * writes an authority only when there is a host, and refuses a relative path after a scheme.
 */

/** The parts of a URI; `undefined` is Java's null. */
export interface UriFragments {
  protocol?: string;
  user?: string;
  host?: string;
  /** -1 when absent. */
  port: number;
  path?: string;
  query?: string;
  ref?: string;
}

/** Characters java.net.URI(String) refuses anywhere, and a `%` not followed by two hex digits. */
const ILLEGAL = /[\s"<>\\^`{|}]|%(?![0-9a-fA-F]{2})/;

function decode(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** No parts at all (URIFragments() without an input URI). */
export function emptyFragments(): UriFragments {
  return { port: -1 };
}

/** Parses a URI like `new URI(text)`; throws on text java.net.URI refuses. */
export function parseUri(text: string): UriFragments {
  if (ILLEGAL.test(text)) throw new Error(`Malformed URI: ${text}`);
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(\/\/[^/?#]*)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(text);
  if (!m) throw new Error(`Malformed URI: ${text}`);
  const [, scheme, authority, path = '', query, ref] = m;
  const out: UriFragments = { port: -1 };
  if (scheme !== undefined) out.protocol = scheme;
  if (scheme !== undefined && authority === undefined && !path.startsWith('/')) {
    // Opaque (mailto:x): Java gives no path, query, host or user.
    if (ref !== undefined) out.ref = decode(ref);
    return out;
  }
  if (authority !== undefined) {
    const a = /^\/\/(?:([^@]*)@)?([^:@]*|\[[^\]]*\])(?::(\d*))?$/.exec(authority);
    if (a && a[2]) {
      if (a[1] !== undefined) out.user = decode(a[1]);
      out.host = a[2];
      if (a[3]) out.port = Number(a[3]);
    }
  }
  // URIFragments sets an empty path to null.
  if (path !== '') out.path = decode(path);
  if (query !== undefined) out.query = decode(query);
  if (ref !== undefined) out.ref = decode(ref);
  return out;
}

/** Characters each part keeps unquoted (RFC 2396 as java.net.URI applies it); the rest is %XX. */
const UNRESERVED = "A-Za-z0-9\\-_.!~*'()";
const KEEP = {
  user: new RegExp(`[^${UNRESERVED};:&=+$,]`, 'gu'),
  path: new RegExp(`[^${UNRESERVED};:@&=+$,/]`, 'gu'),
  uric: new RegExp(`[^${UNRESERVED};/?:@&=+$,\\[\\]]`, 'gu'),
};

const quote = (text: string, keep: RegExp) => text.replace(keep, (c) => encodeURIComponent(c));

/** The URI of the parts (`toURI().toASCIIString()`); throws where java.net.URI would. */
export function formatUri(f: UriFragments): string {
  let out = '';
  if (f.protocol !== undefined) out += `${f.protocol}:`;
  if (f.host !== undefined) {
    out += '//';
    if (f.user !== undefined) out += `${quote(f.user, KEEP.user)}@`;
    out += f.host.includes(':') && !f.host.startsWith('[') ? `[${f.host}]` : f.host;
    if (f.port !== -1) out += `:${f.port}`;
  }
  if (f.path !== undefined) {
    if (f.protocol !== undefined && f.path !== '' && !f.path.startsWith('/'))
      throw new Error(`Relative path in absolute URI: ${f.protocol}:${f.path}`);
    out += quote(f.path, KEEP.path);
  }
  if (f.query !== undefined) out += `?${quote(f.query, KEEP.uric)}`;
  if (f.ref !== undefined) out += `#${quote(f.ref, KEEP.uric)}`;
  return out;
}
