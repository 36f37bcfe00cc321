/**
 * send and call: hand the message to an endpoint target compiled at deploy time.
 */
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, EndpointTarget, MediatorCompiler, SequenceSlot } from '../mediation-types.js';
import { blockingFault, raiseBlockingFault } from './blocking-outcome.js';
import { compileDynamic } from './dynamic.js';

/** How many To addresses one mediator keeps targets for. */
const TO_TARGETS_KEPT = 16;

/**
 * The target of a send or call without an endpoint: the message's To address, as Synapse's
 * `getEnvironment().send(null, ctx)` (CallMediator, SendMediator) hands it to Axis2, which fails
 * when the To is not an address it has a transport for ("cannot infer the transport
 * information"). A few recent addresses are kept.
 */
export function implicitTo(env: CompileEnv, what: string): (ctx: MessageContext) => EndpointTarget {
  const kept = new Map<string, EndpointTarget>();
  return (ctx) => {
    const to = ctx.to;
    if (!to) throw new Error(`${what} has no endpoint and the message has no To address.`);
    let target = kept.get(to);
    if (!target) {
      target = env.endpoint({ kind: 'address', uri: to }) as EndpointTarget;
      if (kept.size >= TO_TARGETS_KEPT) kept.delete(kept.keys().next().value as string);
      kept.set(to, target);
    }
    return target;
  };
}

export const compileSend: MediatorCompiler<'send'> = (node, env) => {
  const target = env.endpoint(node.values.endpoint);
  const toTarget = implicitTo(env, '<send>');
  const receiveName = node.values.receive && compileDynamic(node.values.receive, node, env);
  let receive: SequenceSlot | undefined;
  let dynamicReceive: ((ctx: MessageContext) => SequenceSlot) | undefined;
  if (typeof receiveName === 'string') {
    if (receiveName) receive = env.sequence(receiveName);
  } else if (receiveName) dynamicReceive = (ctx) => env.sequence(receiveName.string(ctx));
  return (ctx) => {
    // A bare <send/> on the response path returns the response to the client (the classic
    // outSequence of MI proxies): its implicit To is the client.
    if (!target && ctx.response) {
      ctx.responder?.respond(ctx);
      ctx.responded = Boolean(ctx.responder);
      return false;
    }
    (target ?? toTarget(ctx)).send(ctx, { receive: dynamicReceive ? dynamicReceive(ctx) : receive });
    return false;
  };
};

export const compileCall: MediatorCompiler<'call'> = (node, env) => {
  const target = env.endpoint(node.values.endpoint);
  const toTarget = implicitTo(env, '<call>');
  if (node.values.blocking) {
    // CallMediator.handleBlockingCall through BlockingMsgSender: the same exchange, but an error
    // status or a SOAP fault in the answer goes to the fault handler (with the fault envelope
    // as the message, ERROR_* and HTTP_SC set) instead of continuing the flow.
    return async (ctx) => {
      const outOnly = ctx.property('default', 'OUT_ONLY') === 'true';
      const request = ctx.payload;
      const headers = [...ctx.transportHeaders()].map((h) => [h.name, h.value] as const);
      await (target ?? toTarget(ctx)).call(ctx, outOnly);
      const fault = outOnly ? undefined : blockingFault(ctx);
      if (fault) {
        // A transport error carries no message: the request stays the message.
        if (!fault.soapFault) {
          ctx.payload = request;
          ctx.setTransportHeaders(headers);
        }
        throw raiseBlockingFault(ctx, fault);
      }
      return true;
    };
  }
  return (ctx) => {
    // OUT_ONLY is compared with the string "true" (Synapse's "true".equals), not as a boolean.
    const outOnly = ctx.property('default', 'OUT_ONLY') === 'true';
    return (target ?? toTarget(ctx)).call(ctx, outOnly).then(() => {
      // Only a call that waited for a response suspended the message (MI's continuation).
      if (!outOnly) ctx.resumedAfterCall = true;
      return true;
    });
  };
};
