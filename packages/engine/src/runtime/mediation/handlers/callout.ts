/**
 * callout (Synapse's CalloutMediator): a blocking SOAP call. A copy of the message carries the
 * source to serviceURL, the endpoint named by endpointKey, the inline endpoint or the message's
 * To address (the endpoint targets `call` uses, with their connection pools); the flow waits,
 * and the answer replaces the target. A failed call (unreachable, an error status, a SOAP
 * fault) goes to the fault handler with ERROR_CODE and ERROR_MESSAGE, as BlockingMsgSender does.
 */
import { childElement } from '../../../model/xml/xml-query.js';
import type { MessageContext } from '../../message/message-context.js';
import type { EndpointTarget, MediatorCompiler } from '../mediation-types.js';
import { blockingFault, BLOCKING_SENDER_FAILED, raiseBlockingFault } from './blocking-outcome.js';
import {
  applyAnswer,
  isSoap12,
  requestPayload,
  type CalloutSource,
  type CalloutTarget,
} from './callout-message.js';
import { entryXml } from './entry-xml.js';
import { implicitTo } from './send-call.js';

/** The SOAPAction a request carries: the callout's action, else the message's own. */
function soapAction(ctx: MessageContext, action: string | undefined): string {
  if (action !== undefined) return action;
  const v = ctx.property('transport', 'SOAPAction');
  return typeof v === 'string' ? v.replace(/^"(.*)"$/, '$1') : '';
}

/** The copy of the message that is sent: the request payload, POSTed, with only SOAPAction. */
function requestContext(ctx: MessageContext, source: CalloutSource, action: string): MessageContext {
  const out = ctx.copy();
  out.payload = requestPayload(ctx, source, action);
  out.setProperty('axis2', 'HTTP_METHOD', 'POST');
  out.setProperty('axis2', 'NO_ENTITY_BODY', undefined);
  out.setProperty('axis2', 'REST_URL_POSTFIX', undefined);
  // BlockingMsgSenderUtils.fillMessageContext copies the transport headers (an Authorization
  // set in transport scope goes along); the SOAPAction is the callout's, and SOAP 1.2 carries
  // it in its content type instead.
  const headers: [string, string][] = [];
  for (const h of ctx.transportHeaders())
    if (h.name.toLowerCase() !== 'soapaction') headers.push([h.name, h.value]);
  if (!isSoap12(ctx) && !out.payload.isJson()) headers.push(['SOAPAction', `"${action}"`]);
  out.setTransportHeaders(headers);
  return out;
}

export const compileCallout: MediatorCompiler<'callout'> = (node, env) => {
  const v = node.values;
  // CalloutMediatorFactory and init(): serviceURL, else endpointKey, else the inline endpoint,
  // else the To address (DefaultEndpoint).
  const fixed: EndpointTarget | undefined =
    v.serviceURL !== undefined
      ? env.endpoint({ kind: 'address', uri: v.serviceURL })
      : v.endpointKey !== undefined
        ? env.endpoint({ key: v.endpointKey })
        : env.endpoint(v.endpoint);
  const toTarget = implicitTo(env, '<callout>');

  const sourceEl = childElement(node.element, 'source');
  const s = v.source;
  let source: CalloutSource = { kind: 'envelope' };
  if (s && s.type !== 'envelope') {
    if (s.xpath !== undefined) source = { kind: 'xpath', expr: env.expression(s.xpath, node, sourceEl) };
    else if (s.key !== undefined) {
      const entry = env.localEntry(s.key);
      const xml = entry ? entryXml(entry) : undefined;
      source = { kind: 'key', key: s.key, ...(xml !== undefined ? { entry: xml } : {}) };
    } else throw new Error("A 'xpath' or 'key' attribute is required for the Callout 'source'");
  }
  const targetEl = childElement(node.element, 'target');
  const t = v.target;
  let target: CalloutTarget = { kind: 'envelope' };
  if (t) {
    if (t.xpath !== undefined) target = { kind: 'xpath', expr: env.expression(t.xpath, node, targetEl) };
    else if (t.key !== undefined) target = { kind: 'key', key: t.key };
    else throw new Error("A 'xpath' or 'key' attribute is required for the Callout 'target'");
  }
  const where = v.serviceURL ?? v.endpointKey ?? 'the To address';
  const failure = `Error invoking service : ${where}${v.action !== undefined ? ` with action : ${v.action}` : ''}`;

  return async (ctx) => {
    const action = soapAction(ctx, v.action);
    const out = requestContext(ctx, source, action);
    const outOnly = ctx.property('default', 'OUT_ONLY') === 'true';
    const pending = ctx.responsePending;
    // While the callout waits, a failure the fault sequence does not answer gets 502, not 202.
    ctx.responsePending = true;
    try {
      await (fixed ?? toTarget(ctx)).call(out, outOnly);
    } catch (err) {
      // BlockingMsgSender: the AxisFault's message, with its operation-failed code.
      const message = `${failure}: ${(err as Error).message}`;
      ctx.setProperty('default', 'ERROR_CODE', BLOCKING_SENDER_FAILED);
      ctx.setProperty('default', 'ERROR_MESSAGE', message);
      ctx.setProperty('default', 'ERROR_DETAIL', (err as Error).stack ?? message);
      throw new Error(message, { cause: err });
    }
    if (outOnly) {
      ctx.responsePending = pending;
      return true;
    }
    const fault = blockingFault(out);
    if (fault) {
      // The fault envelope is what the fault handler sees (BlockingMsgSender.send).
      if (fault.soapFault) ctx.payload = out.payload;
      throw raiseBlockingFault(ctx, fault);
    }
    ctx.responsePending = pending;
    applyAnswer(ctx, out, target);
    ctx.setProperty('axis2', 'HTTP_SC', out.property('axis2', 'HTTP_SC'));
    return true;
  };
};
