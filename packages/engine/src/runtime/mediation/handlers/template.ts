/**
 * Message templates (`<message>` of the log mediator): text with `${…}` expressions, each
 * compiled once.
 */
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, NodePlace } from '../mediation-types.js';

/** Compiles a template into a function producing the substituted text. */
export function compileTemplate(
  text: string,
  node: NodePlace,
  env: CompileEnv,
): (ctx: MessageContext) => string {
  const parts: (string | ((ctx: MessageContext) => string))[] = [];
  let last = 0;
  // InlineExpressionUtil's `\$\{(.+?)}`: non-greedy, at least one character, one line.
  for (const m of text.matchAll(/\$\{(.+?)\}/g)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const expr = env.expression(m[0], node);
    parts.push((ctx) => expr.string(ctx));
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  if (parts.every((p) => typeof p === 'string')) {
    const fixed = parts.join('');
    return () => fixed;
  }
  return (ctx) => parts.map((p) => (typeof p === 'string' ? p : p(ctx))).join('');
}
