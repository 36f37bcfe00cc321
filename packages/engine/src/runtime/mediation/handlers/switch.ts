/**
 * The switch mediator (SwitchMediator): the source's string value against each case's regex as
 * a whole, in order; the first match runs, else the default. Regexes and the source are
 * compiled here, once per deploy.
 */
import { javaRegex } from '../../../model/expressions/java-regex.js';
import { branchListsOf } from '../../../model/mediators/branch-lists.js';
import type { ReadScope } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import type { MediatorCompiler, Step } from '../mediation-types.js';

const VARIABLE_SCOPES: Readonly<Record<string, ReadScope>> = {
  ctx: 'default',
  axis2: 'axis2',
  trp: 'transport',
};

/**
 * For a source that is just a property variable (`$ctx:name`), a test of whether the property is
 * missing. SynapseXPath.stringValueOf gives null for it (the variable context answers null),
 * where a missing element or get-property(…) gives ""; SwitchMediator.mediate then runs the
 * default and tests no case.
 */
function nullWhen(source: string): ((ctx: MessageContext) => boolean) | undefined {
  const m = /^\s*\$(ctx|axis2|trp):([A-Za-z_][\w.-]*)\s*$/.exec(source);
  const scope = m ? VARIABLE_SCOPES[m[1] as string] : undefined;
  if (!m || !scope) return undefined;
  const name = m[2] as string;
  return (ctx) => {
    const v = ctx.property(scope, name);
    return v === undefined || v === null;
  };
}

export const compileSwitch: MediatorCompiler<'switch'> = (node, env) => {
  // Validation requires the source and every case's regex, and checks both.
  const source = env.expression(node.values.source ?? '', node);
  const isNull = nullWhen(node.values.source ?? '');
  const cases: { regex: RegExp; run: Step }[] = [];
  let otherwise: Step | undefined;
  for (const b of branchListsOf(node)) {
    const run = env.list(node.branches[b.key] ?? []);
    if (b.branch.key === 'default') otherwise = b.element ? run : undefined;
    else cases.push({ regex: javaRegex(b.values.regex ?? ''), run });
  }
  const fallback: Step = otherwise ?? (() => true);
  return (ctx) => {
    const text = isNull?.(ctx) ? undefined : source.string(ctx);
    if (text === undefined) return fallback(ctx);
    for (const c of cases) if (c.regex.test(text)) return c.run(ctx);
    return fallback(ctx);
  };
};
