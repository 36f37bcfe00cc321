/**
 * What MI's pass-through decides about an HTTP request when it arrives, read back through
 * GetPropertyFunction's MESSAGE_FORMAT and the axis2 `messageType` property.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** GetPropertyFunction's MESSAGE_FORMAT values Mediate can produce (MI never shows `get`). */
export type MessageFormat = 'pox' | 'soap11' | 'soap12';

/**
 * MESSAGE_FORMAT of a request with these headers (passthru ServerWorker.run and
 * processEntityEnclosingRequest): a request without an entity, or whose content type is neither
 * SOAP 1.1's `text/xml` nor SOAP 1.2's `application/soap+xml`, is doingREST, so `pox`; otherwise
 * HTTPTransportUtils.initializeMessageContext picks the SOAP version from the content type.
 */
export function requestFormat(headers: IncomingHttpHeaders): MessageFormat {
  const entity = headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;
  const type = headers['content-type'];
  if (!entity || type === undefined) return 'pox';
  // ServerWorker.isRest and HTTPTransportUtils.isRESTRequest test substrings, as here.
  if (type.includes('application/soap+xml')) return 'soap12';
  if (type.includes('text/xml')) return 'soap11';
  return 'pox';
}

/**
 * MESSAGE_FORMAT of a message MI builds outside HTTP (a WebSocket frame): never doingREST, and
 * a SOAP 1.1 envelope unless the payload is SOAP 1.2 (TransportUtils.createSOAPEnvelope).
 */
export function builtFormat(mediaType: string): MessageFormat {
  return mediaType === 'application/soap+xml' ? 'soap12' : 'soap11';
}

/**
 * The axis2 `messageType` the pass-through's builder selects for a Content-Type (ServerWorker:
 * TransportUtils.getContentType, the type before any `;`); handleRESTUrlPost makes a form post
 * or a request without a type `application/xml`.
 */
export function builderMessageType(contentType: string | undefined): string {
  const semi = contentType?.indexOf(';') ?? -1;
  const base = (semi === -1 ? contentType : contentType?.slice(0, semi))?.trim();
  return !base || base === 'application/x-www-form-urlencoded' ? 'application/xml' : base;
}
