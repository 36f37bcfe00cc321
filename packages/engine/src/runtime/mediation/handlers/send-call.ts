/**
 * send and call: hand the message to an endpoint target compiled at deploy time.
 */
import type { MessageContext } from '../../message/message-context.js';
import type { EndpointTarget, MediatorCompiler, SequenceSlot } from '../mediation-types.js';
import { compileDynamic } from './dynamic.js';

function requireTarget(target: EndpointTarget | undefined, what: string): EndpointTarget {
  if (!target) throw new Error(`${what} has no endpoint, and implicit To-address sends are not supported.`);
  return target;
}

export const compileSend: MediatorCompiler<'send'> = (node, env) => {
  const target = env.endpoint(node.values.endpoint);
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
    requireTarget(target, '<send>').send(ctx, { receive: dynamicReceive ? dynamicReceive(ctx) : receive });
    return false;
  };
};

export const compileCall: MediatorCompiler<'call'> = (node, env) => {
  const target = env.endpoint(node.values.endpoint);
  return (ctx) => {
    // OUT_ONLY is compared with the string "true" (Synapse's "true".equals), not as a boolean.
    const outOnly = ctx.property('default', 'OUT_ONLY') === 'true';
    return requireTarget(target, '<call>')
      .call(ctx, outOnly)
      .then(() => true);
  };
};
