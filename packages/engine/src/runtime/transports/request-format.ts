/**
 * How MI's pass-through classes an HTTP request when it arrives (passthru ServerWorker.run and
 * processEntityEnclosingRequest): a request without an entity, or whose content type is neither
 * SOAP 1.1's `text/xml` nor SOAP 1.2's `application/soap+xml`, is doingREST (`pox` for
 * GetPropertyFunction's MESSAGE_FORMAT); otherwise HTTPTransportUtils.initializeMessageContext
 * picks the SOAP version from the content type.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** MESSAGE_FORMAT of a request with these headers. */
export function requestFormat(headers: IncomingHttpHeaders): 'pox' | 'soap11' | 'soap12' {
  const entity = headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;
  const type = headers['content-type'];
  if (!entity || type === undefined) return 'pox';
  // ServerWorker.isRest and HTTPTransportUtils.isRESTRequest test substrings, as here.
  if (type.includes('application/soap+xml')) return 'soap12';
  if (type.includes('text/xml')) return 'soap11';
  return 'pox';
}
