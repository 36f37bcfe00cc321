/**
 * A message payload held as it arrived (MI's pass-through): the raw frame or body and its
 * content type. Text, JSON and the SOAP envelope DOM are built only when something asks.
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
const TEXT_WRAPPER_NS = 'http://ws.apache.org/commons/ns/payload';
/** The line MI logs for an empty default envelope. */
export const EMPTY_ENVELOPE = `<?xml version='1.0' encoding='utf-8'?><soapenv:Envelope xmlns:soapenv="${SOAP11_NS}"><soapenv:Body/></soapenv:Envelope>`;

/** The base media type, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string {
  if (!contentType) return '';
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/** True for the JSON media types MI builds as JSON. */
export function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json';
}

/** True for the XML media types MI builds into the envelope. */
export function isXmlType(type: string): boolean {
  return (
    type === 'application/xml' ||
    type === 'text/xml' ||
    type === 'application/soap+xml' ||
    type.endsWith('+xml')
  );
}

const serializer = new XMLSerializer();

function escapeXmlText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** JSON as MI's envelope shows it: `<jsonObject>` with one element per key. */
function jsonToXml(value: unknown, name: string): string {
  if (Array.isArray(value)) return value.map((v) => jsonToXml(v, name)).join('');
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => jsonToXml(v, /^[A-Za-z_][\w.-]*$/.test(k) ? k : `_${k.replace(/[^\w.-]/g, '_')}`))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${value === null ? '' : escapeXmlText(String(value))}</${name}>`;
}

/** A payload: immutable raw content, with derived views memoized. */
export class Payload {
  private textCache: string | undefined;
  private jsonCache: unknown;
  private jsonDone = false;
  private envelopeCache: Document | undefined;

  /**
   * @param raw the frame or body as received (a string or bytes); undefined for none.
   * @param contentType as negotiated or declared; undefined when unknown (pass-through).
   * @param binary true for a binary WebSocket frame.
   */
  constructor(
    readonly raw: string | Buffer | undefined,
    readonly contentType: string | undefined,
    readonly binary = false,
  ) {}

  /** An empty payload (the default envelope). */
  static empty(): Payload {
    return new Payload(undefined, undefined);
  }

  /**
   * An independent copy (a clone target's message): the raw content is shared (it is never
   * changed), views already built are copied (the envelope DOM deeply, the JSON by structured
   * clone), views not built stay unbuilt. A change to either side's views never shows in the
   * other.
   */
  copy(): Payload {
    const p = new Payload(this.raw, this.contentType, this.binary);
    p.textCache = this.textCache;
    if (this.jsonDone) {
      p.jsonDone = true;
      p.jsonCache = this.jsonCache === undefined ? undefined : structuredClone(this.jsonCache);
    }
    if (this.envelopeCache) p.envelopeCache = this.envelopeCache.cloneNode(true) as Document;
    return p;
  }

  /** Size in bytes (or characters for strings), cheap. */
  get size(): number {
    return this.raw === undefined ? 0 : this.raw.length;
  }

  /** The payload as text (UTF-8). */
  text(): string {
    if (this.textCache === undefined) {
      this.textCache =
        this.raw === undefined ? '' : typeof this.raw === 'string' ? this.raw : this.raw.toString('utf8');
    }
    return this.textCache;
  }

  /**
   * The first `max` characters of the text, decoding no more than needed (for log previews of
   * large frames). A multi-byte character cut at the end shows as U+FFFD.
   */
  textPrefix(max: number): string {
    if (this.raw === undefined) return '';
    if (typeof this.raw === 'string') return this.raw.length > max ? this.raw.slice(0, max) : this.raw;
    if (this.textCache !== undefined)
      return this.textCache.length > max ? this.textCache.slice(0, max) : this.textCache;
    return this.raw.toString('utf8', 0, Math.min(this.raw.length, max));
  }

  /** The parsed JSON, or undefined when the content type is not JSON or it does not parse. */
  json(): unknown {
    if (!this.jsonDone) {
      this.jsonDone = true;
      if (isJsonType(mediaType(this.contentType)) && this.size > 0) {
        try {
          this.jsonCache = JSON.parse(this.text());
        } catch {
          this.jsonCache = undefined;
        }
      }
    }
    return this.jsonCache;
  }

  /** True when the payload is JSON by content type. */
  isJson(): boolean {
    return isJsonType(mediaType(this.contentType));
  }

  /** The SOAP 1.1 envelope Synapse would hold for this payload (built once). */
  envelope(): Document {
    if (!this.envelopeCache) this.envelopeCache = this.buildEnvelope();
    return this.envelopeCache;
  }

  private buildEnvelope(): Document {
    const type = mediaType(this.contentType);
    const parser = new DOMParser({ onError: () => undefined });
    const text = this.size > 0 ? this.text() : '';
    if (text && (type === 'text/xml' || type === 'application/soap+xml')) {
      const doc = parser.parseFromString(text, 'text/xml');
      const root = doc.documentElement;
      if (
        root &&
        root.localName === 'Envelope' &&
        (root.namespaceURI === SOAP11_NS || root.namespaceURI === SOAP12_NS)
      )
        return doc;
    }
    let body = '';
    if (text) {
      if (isXmlType(type)) body = text.replace(/^\s*<\?xml[^>]*\?>/, '');
      else if (isJsonType(type)) {
        const json = this.json();
        body =
          json === undefined
            ? ''
            : Array.isArray(json)
              ? `<jsonArray>${jsonToXml(json, 'jsonElement')}</jsonArray>`
              : jsonToXml(json, 'jsonObject');
      } else if (type === 'text/plain')
        body = `<text xmlns="${TEXT_WRAPPER_NS}">${escapeXmlText(text)}</text>`;
    }
    const xml = `<soapenv:Envelope xmlns:soapenv="${SOAP11_NS}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
    const doc = parser.parseFromString(xml, 'text/xml');
    return doc.documentElement ? doc : parser.parseFromString(EMPTY_ENVELOPE, 'text/xml');
  }

  /**
   * The payload after `messageType` is set in axis2 scope: what MI's formatter for that type
   * writes. SOAP types get the envelope; other XML types the first child of the body
   * (ApplicationXMLFormatter); `text/plain` the text wrapper's text (PlainTextFormatter). A
   * change within a family, a pass-through payload, other text, and XML to JSON only relabel.
   */
  withMessageType(type: string): Payload {
    const from = mediaType(this.contentType);
    const to = mediaType(type);
    const built = isXmlType(from) || isJsonType(from) || from === 'text/plain';
    const relabel = () => new Payload(this.raw, type, this.binary);
    if (this.binary || this.size === 0 || from === to || !built) return relabel();
    const soap = (t: string) => t === 'text/xml' || t === 'application/soap+xml';
    if (soap(to)) {
      if (soap(from)) return relabel();
      const root = this.envelope().documentElement;
      return new Payload(root ? serializer.serializeToString(root) : '', type);
    }
    const first = this.firstBodyElement();
    if (isXmlType(to)) return new Payload(first ? serializer.serializeToString(first) : '', type);
    if (to === 'text/plain' && first?.namespaceURI === TEXT_WRAPPER_NS && first.localName === 'text')
      return new Payload(first.textContent ?? '', type);
    return relabel();
  }

  /** The first element inside the SOAP body, if any. */
  private firstBodyElement(): Element | undefined {
    const root = this.envelope().documentElement;
    for (let c = root?.firstChild; c; c = c.nextSibling) {
      const el = c as Element;
      if (el.nodeType !== 1 || el.localName !== 'Body') continue;
      for (let b = el.firstChild; b; b = b.nextSibling) if (b.nodeType === 1) return b as Element;
    }
    return undefined;
  }

  /** The envelope as MI's log prints it. */
  envelopeText(): string {
    if (this.envelopeCache === undefined && this.size === 0) return EMPTY_ENVELOPE;
    const root = this.envelope().documentElement;
    if (!root) return EMPTY_ENVELOPE;
    const xml = serializer
      .serializeToString(root)
      .replace(/<soapenv:Body><\/soapenv:Body>/, '<soapenv:Body/>');
    return `<?xml version='1.0' encoding='utf-8'?>${xml}`;
  }
}
