/**
 * Flow-control mediators: in, out, filter, sequence references, respond, drop, loopback.
 */
import { javaRegex } from '../../../model/expressions/java-regex.js';
import type { MediatorNode } from '../../../model/mediators/mediator-types.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, MediatorCompiler, Step } from '../mediation-types.js';
import { compileDynamic } from './dynamic.js';

const body = (node: Pick<MediatorNode, 'branches'>, key: string, env: CompileEnv): Step =>
  env.list(node.branches[key] ?? []);

export const compileIn: MediatorCompiler<'in'> = (node, env) => {
  const run = body(node, 'body', env);
  return (ctx) => (ctx.response ? true : run(ctx));
};

export const compileOut: MediatorCompiler<'out'> = (node, env) => {
  const run = body(node, 'body', env);
  return (ctx) => (ctx.response ? run(ctx) : true);
};

export const compileFilter: MediatorCompiler<'filter'> = (node, env) => {
  const v = node.values;
  const then = body(node, 'then', env);
  const otherwise = (node.branches.else?.length ?? 0) > 0 ? body(node, 'else', env) : undefined;
  let test: (ctx: MessageContext) => boolean;
  if (v.xpath !== undefined && v.xpath.trim() !== '') {
    const expr = env.expression(v.xpath, node);
    test = (ctx) => expr.boolean(ctx);
  } else {
    // Validation requires both when there is no xpath.
    const source = env.expression(v.source ?? '', node);
    const regex = javaRegex(v.regex ?? '');
    test = (ctx) => regex.test(source.string(ctx));
  }
  return (ctx) => (test(ctx) ? then(ctx) : otherwise ? otherwise(ctx) : true);
};

export const compileSequenceRef: MediatorCompiler<'sequence'> = (node, env) => {
  const key = compileDynamic(node.values.key, node, env);
  if (typeof key !== 'string') {
    // A dynamic key names the sequence at run time: the one lookup a mediator asks for.
    const written = node.values.key.text;
    return (ctx) => {
      const name = key.string(ctx);
      const seq = env.sequence(name).current;
      if (!seq) throw new Error(`Sequence '${name}' (from key ${written}) does not exist.`);
      return seq.run(ctx);
    };
  }
  const slot = env.sequence(key);
  return (ctx) => {
    const seq = slot.current;
    if (!seq) throw new Error(`Sequence '${key}' does not exist.`);
    return seq.run(ctx);
  };
};

export const compileRespond: MediatorCompiler<'respond'> = (_node, env) => {
  let told = false;
  return (ctx) => {
    ctx.response = true;
    ctx.to = undefined;
    if (ctx.responder) ctx.responder.respond(ctx);
    else if (!told) {
      // Said once per deployed mediator: in a shared outflow sequence it would repeat per message.
      told = true;
      env.bus.emit({
        // Routine in shared outflow sequences (a back-end reply to an HTTP-originated send has no
        // client waiting), so it is a debug line, not a warning.
        kind: 'warning',
        level: 'DEBUG',
        category: 'RespondMediator',
        text: 'respond has no client to write to (this message did not come from a client); nothing was sent. (Said once.)',
        messageId: ctx.messageId,
      });
    }
    ctx.responded = true;
    return false;
  };
};

export const compileDrop: MediatorCompiler<'drop'> = () => (ctx) => {
  ctx.to = undefined;
  return false;
};

export const compileLoopback: MediatorCompiler<'loopback'> = () => (ctx) => {
  if (ctx.response) return false;
  ctx.response = true;
  ctx.to = undefined;
  const out = ctx.responsePath;
  if (out) return Promise.resolve(out(ctx)).then(() => false);
  ctx.responder?.respond(ctx);
  ctx.responded = Boolean(ctx.responder);
  return false;
};
