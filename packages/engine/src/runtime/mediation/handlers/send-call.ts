/**
 * send and call: hand the message to an endpoint target compiled at deploy time.
 */
import type { MessageContext } from '../../message/message-context.js';
import type { EndpointTarget, MediatorCompiler, SequenceSlot } from '../mediation-types.js';

function requireTarget(target: EndpointTarget | undefined, what: string): EndpointTarget {
  if (!target) throw new Error(`${what} has no endpoint, and implicit To-address sends are not supported.`);
  return target;
}

export const compileSend: MediatorCompiler = (node, env) => {
  const target = env.endpoint(node, 'endpoint');
  const receiveName = node.values.receive !== undefined ? String(node.values.receive).trim() : undefined;
  let receive: SequenceSlot | undefined;
  let dynamicReceive: ((ctx: MessageContext) => SequenceSlot) | undefined;
  if (receiveName && /^\{.*\}$/s.test(receiveName)) {
    const expr = env.expression(receiveName.slice(1, -1), node);
    dynamicReceive = (ctx) => env.sequence(expr.string(ctx));
  } else if (receiveName) receive = env.sequence(receiveName);
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

export const compileCall: MediatorCompiler = (node, env) => {
  const target = env.endpoint(node, 'endpoint');
  return (ctx) => {
    // OUT_ONLY is compared with the string "true" (Synapse's "true".equals), not as a boolean.
    const outOnly = ctx.property('default', 'OUT_ONLY') === 'true';
    return requireTarget(target, '<call>')
      .call(ctx, outOnly)
      .then(() => true);
  };
};
