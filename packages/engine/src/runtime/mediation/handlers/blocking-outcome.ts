/**
 * What Synapse's BlockingMsgSender (behind `callout` and `call blocking="true"`) makes of an
 * HTTP answer. Its Axis2 client throws an AxisFault for a SOAP fault (whatever the status) and
 * for an error status (a `Transport error: 404 Error: Not Found`); a status listed in the
 * axis2 property NON_ERROR_HTTP_STATUS_CODES is an ordinary answer. On a fault the sender sets
 * ERROR_CODE, ERROR_MESSAGE, ERROR_DETAIL and HTTP_SC, makes the fault envelope the message
 * (when the answer had one) and hands the message to its fault handler.
 */
import { STATUS_CODES } from 'node:http';
import type { Element } from '@xmldom/xmldom';
import type { MessageContext } from '../../message/message-context.js';
import { SOAP11_NS, SOAP12_NS, mediaType } from '../../message/payload.js';
import { bodyElement } from '../../message/payload-write.js';
import { firstElement } from './source-node.js';

/** SynapseConstants.BLOCKING_SENDER_OPERATION_FAILED: an AxisFault whose code is not a number. */
export const BLOCKING_SENDER_FAILED = 401002;

/** A failed blocking exchange, as the AxisFault BlockingMsgSender catches. */
export interface BlockingFault {
  readonly status: number;
  readonly code: number;
  readonly message: string;
  readonly detail: string;
  /** True when the answer held a SOAP fault (its envelope becomes the message). */
  readonly soapFault: boolean;
}

/** The statuses NON_ERROR_HTTP_STATUS_CODES lists (comma separated), if any. */
function nonErrorStatuses(ctx: MessageContext): ReadonlySet<number> | undefined {
  const v = ctx.property('axis2', 'NON_ERROR_HTTP_STATUS_CODES');
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  return new Set(v.split(',').map((s) => Number.parseInt(s.trim(), 10)));
}

/** The text of the first child of `el` named `name` (any namespace). */
function childText(el: Element, name: string): string | undefined {
  for (let c = el.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1 && (c as Element).localName === name) return (c as Element).textContent ?? '';
  return undefined;
}

/** The SOAP Fault in the answer's body, if the answer is SOAP and holds one. */
function soapFaultOf(answer: MessageContext): Element | undefined {
  const type = mediaType(answer.payload.contentType);
  if ((type !== 'text/xml' && type !== 'application/soap+xml') || answer.payload.size === 0) return undefined;
  const doc = answer.envelope();
  const first = firstElement(bodyElement(doc));
  const ns = first?.namespaceURI;
  return first?.localName === 'Fault' && (ns === SOAP11_NS || ns === SOAP12_NS) ? first : undefined;
}

/** The fault code's local part as a number (AxisFault's code), else BLOCKING_SENDER_FAILED. */
function faultCode(fault: Element): number {
  // SOAP 1.1 <faultcode>soapenv:Server</faultcode>; SOAP 1.2 <Code><Value>…</Value></Code>.
  let code = childText(fault, 'faultcode');
  if (code === undefined)
    for (let c = fault.firstChild; c; c = c.nextSibling)
      if (c.nodeType === 1 && (c as Element).localName === 'Code') code = childText(c as Element, 'Value');
  const local = (code ?? '').trim().replace(/^.*:/, '');
  return /^-?\d+$/.test(local) ? Number(local) : BLOCKING_SENDER_FAILED;
}

/** The fault's reason: SOAP 1.1 `faultstring`, SOAP 1.2 `Reason/Text`. */
function faultReason(fault: Element): string {
  const s = childText(fault, 'faultstring');
  if (s !== undefined) return s.trim();
  for (let c = fault.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1 && (c as Element).localName === 'Reason')
      return (childText(c as Element, 'Text') ?? '').trim();
  return '';
}

/**
 * The fault of `answer` (the context `call` filled with the back end's answer), or undefined
 * when it is an ordinary answer.
 */
export function blockingFault(answer: MessageContext): BlockingFault | undefined {
  const status = Number(answer.property('axis2', 'HTTP_SC') ?? 0);
  const fault = soapFaultOf(answer);
  if (fault) {
    const detail = fault && (childText(fault, 'detail') ?? childText(fault, 'Detail'));
    return {
      status,
      code: faultCode(fault),
      message: faultReason(fault),
      detail: (detail ?? '').trim(),
      soapFault: true,
    };
  }
  if ((status >= 200 && status < 300) || nonErrorStatuses(answer)?.has(status)) return undefined;
  return {
    status,
    code: BLOCKING_SENDER_FAILED,
    message: `Transport error: ${status} Error: ${STATUS_CODES[status] ?? 'Unknown'}`,
    detail: '',
    soapFault: false,
  };
}

/**
 * Records a blocking fault on `ctx` as BlockingMsgSender does, and returns the error that sends
 * the message to its fault handler.
 */
export function raiseBlockingFault(ctx: MessageContext, f: BlockingFault): Error {
  ctx.setProperty('default', 'ERROR_CODE', f.code);
  ctx.setProperty('default', 'ERROR_MESSAGE', f.message);
  ctx.setProperty('default', 'ERROR_DETAIL', f.detail);
  ctx.setProperty('axis2', 'HTTP_SC', f.status);
  return new Error(f.message);
}
