/**
 * The HTTP status of a fault response, as the pass-through decides it
 * (PassThroughTransportUtils.determineHttpStatusCode): 500 when the body holds a SOAP Fault or
 * the message is a processing fault (a POX fault), unless FAULTS_AS_HTTP_200 is true; HTTP_SC,
 * when set, wins over both (the caller checks it first). Only messages makefault touched are
 * looked at, so no other response pays for a parse.
 */
import type { MessageContext } from './message-context.js';
import { SOAP11_NS, SOAP12_NS, type Payload } from './payload.js';

/** True when the first element of the payload's SOAP body is a SOAP Fault. */
function bodyHasFault(p: Payload): boolean {
  const root = p.envelope().documentElement;
  for (let c = root?.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1 || (c as unknown as { localName: string }).localName !== 'Body') continue;
    for (let b = c.firstChild; b; b = b.nextSibling) {
      if (b.nodeType !== 1) continue;
      const el = b as unknown as { localName: string; namespaceURI: string | null };
      return el.localName === 'Fault' && (el.namespaceURI === SOAP11_NS || el.namespaceURI === SOAP12_NS);
    }
  }
  return false;
}

/** 500 for a fault response, else undefined (the caller's default applies). */
export function faultStatus(ctx: MessageContext): number | undefined {
  if (!ctx.madeFault) return undefined;
  const as200 = ctx.property('axis2', 'FAULTS_AS_HTTP_200');
  if (as200 !== undefined && String(as200).toUpperCase() === 'TRUE') return undefined;
  if (ctx.madeFault === 'pox' || bodyHasFault(ctx.payload)) return 500;
  return undefined;
}
