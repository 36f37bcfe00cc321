/**
 * clone: each target gets its own copy of the message (CloneMediator, Target).
 *
 * Parallel targets (MI's default) start one after another on the event loop, each as its own
 * flow with the fault path around it, as MI's executor runs each copy on its own thread; the
 * original does not wait for them. Sequential targets run one at a time, each to the end of its
 * flow. The original then stops, unless `continueParent="true"`; when it stops, its HTTP client
 * gets no 202 (MI sets RESPONSE_WRITTEN to SKIP): a target answers it.
 */
import { branchListKey } from '../../../model/mediators/branch-lists.js';
import { readEndpoint } from '../../../model/mediators/endpoint-read.js';
import { elementChildren, localName } from '../../../model/xml/xml-query.js';
import type { MediatorNode } from '../../../model/mediators/mediator-types.js';
import type { XmlElement } from '../../../model/xml/xml-types.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, CompileNode, MediatorCompiler, Step } from '../mediation-types.js';

/** EIPConstants: the correlation properties a copy carries for an aggregate. */
export const MESSAGE_SEQUENCE = 'messageSequence';
export const AGGREGATE_CORRELATION = 'aggregateCorelation';
export const EIP_SHARED_DATA_HOLDER = 'EIP_SHARED_DATA_HOLDER';
const ERROR_ON_TARGET_EXECUTION = 'ERROR_ON_TARGET_EXECUTION';
const STOP_ON_FAILURE = 'STOP_TARGET_EXECUTION_ON_FAILURE';
const ITERATION_INDEX = 'CLONED_ITERATION_INDEX';

/** SharedDataHolder: set on the original, shared by its copies (an aggregate marks it done). */
export interface SharedDataHolder {
  aggregationCompleted: boolean;
}

/** One target, compiled: what it sets on the copy, then where the copy goes. */
interface CompiledTarget {
  readonly to?: string;
  readonly soapAction?: string;
  readonly run: Step;
}

/**
 * Target.mediate for one `<target>` element (clone's, iterate's): its inline sequence (`inline`,
 * the branch list read from it), else its `sequence` key, else its inline endpoint, else its
 * `endpoint` key. A target with none of them ends the copy's flow.
 */
export function compileTargetElement(
  el: XmlElement | undefined,
  inline: readonly MediatorNode[] | undefined,
  keys: { readonly sequence?: string; readonly endpoint?: string } | undefined,
  env: CompileEnv,
): Step {
  const hasSequence = el ? elementChildren(el).some((c) => localName(c.name) === 'sequence') : false;
  if (hasSequence) return env.list(inline ?? []);
  if (keys?.sequence !== undefined) {
    const slot = env.sequence(keys.sequence);
    return (ctx) => {
      const seq = slot.current;
      if (!seq) throw new Error(`Couldn't find the sequence named : ${slot.name}`);
      return seq.run(ctx);
    };
  }
  const epEl = el && elementChildren(el).find((c) => localName(c.name) === 'endpoint');
  const endpoint = epEl
    ? env.endpoint(readEndpoint(epEl))
    : keys?.endpoint !== undefined
      ? env.endpoint({ key: keys.endpoint })
      : undefined;
  if (endpoint)
    return (ctx) => {
      endpoint.send(ctx, {});
      return false;
    };
  // A target with nothing to go to: the copy ends here (validation warns).
  return () => false;
}

/** One clone target by index. */
function compileTarget(node: CompileNode<'clone'>, index: number, env: CompileEnv): Step {
  const el = elementChildren(node.element).filter((c) => localName(c.name) === 'target')[index];
  const inline = node.branches[branchListKey('target', index)];
  return compileTargetElement(el, inline, node.values.targets[index], env);
}

/**
 * A copy's flow, then, when a non-blocking `call` in it resumed the copy with a response, the
 * rest of the list after the clone or iterate: MI's copies carry a ReliantContinuationState on
 * their parent's continuation stack (CloneMediator, IterateMediator), so a copy that came back
 * from a call goes on after the splitting mediator (where an `aggregate` usually gathers it).
 * Only the list directly holding the clone or iterate is continued (see the README).
 */
export function continuing(run: Step, rest: () => Step | undefined): Step {
  const then = (ctx: MessageContext, ok: boolean): boolean | Promise<boolean> => {
    if (!ok || !ctx.resumedAfterCall) return ok;
    ctx.resumedAfterCall = false;
    const next = rest();
    return next ? next(ctx) : ok;
  };
  return (ctx) => {
    const r = run(ctx);
    return typeof r === 'boolean' ? then(ctx, r) : r.then((ok) => then(ctx, ok));
  };
}

/** Marks a copy whose flow failed (Target.mediateMessage), then lets the fault path have it. */
export function marked(run: Step): Step {
  const mark = (ctx: MessageContext, e: unknown): never => {
    ctx.setProperty('default', ERROR_ON_TARGET_EXECUTION, true);
    throw e;
  };
  return (ctx) => {
    try {
      const r = run(ctx);
      return typeof r === 'boolean' ? r : r.catch((e: unknown) => mark(ctx, e));
    } catch (e) {
      return mark(ctx, e);
    }
  };
}

export const compileClone: MediatorCompiler<'clone'> = (node, env) => {
  const v = node.values;
  // CloneMediatorFactory: sequential only for exactly "true"; continueParent isTrueExplicitly.
  const sequential = node.written.sequential === 'true';
  const continueParent = v.continueParent;
  const id = v.id;
  const targets: CompiledTarget[] = v.targets.map((row, i) => ({
    to: row.to,
    soapAction: row.soapAction,
    // Parallel copies resumed by a call go on after the clone, as in MI; sequential ones run to
    // the end of their target inside the original's flow (a deviation the README lists).
    run: marked(
      sequential ? compileTarget(node, i, env) : continuing(compileTarget(node, i, env), env.restAfter(node)),
    ),
  }));
  const iterations = v.iterations;
  const countOf: ((ctx: MessageContext) => number) | undefined =
    iterations === undefined
      ? undefined
      : iterations.kind === 'literal'
        ? () => Number(iterations.text.trim())
        : (() => {
            const expr = env.expression(iterations.source, node);
            return (ctx: MessageContext) => {
              const n = Number.parseInt(expr.string(ctx).trim(), 10);
              if (!Number.isFinite(n))
                throw new Error('Error while parsing iterations number in clone mediator');
              return n;
            };
          })();

  /** MessageHelper.cloneMessageContext plus getClonedMessageContext's correlation. */
  const copyFor = (ctx: MessageContext, target: CompiledTarget, i: number, n: number): MessageContext => {
    const c = ctx.copy();
    c.setProperty('default', AGGREGATE_CORRELATION, ctx.messageId);
    if (id !== undefined) {
      c.setProperty('default', `${AGGREGATE_CORRELATION}.${id}`, ctx.messageId);
      c.setProperty('default', `${MESSAGE_SEQUENCE}.${id}`, `${i}/${n}`);
    } else c.setProperty('default', MESSAGE_SEQUENCE, `${i}/${n}`);
    if (target.soapAction !== undefined) c.setProperty('transport', 'SOAPAction', target.soapAction);
    if (target.to !== undefined) c.to = target.to;
    return c;
  };

  const runAll = (
    ctx: MessageContext,
    n: number,
    pick: (i: number) => CompiledTarget,
  ): void | Promise<void> => {
    const stopOnFailure = ctx.isTrue('default', STOP_ON_FAILURE);
    if (!sequential) {
      for (let i = 0; i < n; i++) {
        const t = pick(i);
        if (countOf) ctx.setProperty('default', ITERATION_INDEX, i + 1);
        void env.spawn(copyFor(ctx, t, i, n), t.run);
      }
      return undefined;
    }
    const from = (i: number): void | Promise<void> => {
      for (; i < n; i++) {
        const t = pick(i);
        if (countOf) ctx.setProperty('default', ITERATION_INDEX, i + 1);
        const c = copyFor(ctx, t, i, n);
        const failed = () => stopOnFailure && c.property('default', ERROR_ON_TARGET_EXECUTION) === true;
        const r = env.spawn(c, t.run);
        if (r) {
          const next = i + 1;
          return r.then(() => (failed() ? undefined : from(next)));
        }
        if (failed()) return undefined;
      }
      return undefined;
    };
    return from(0);
  };

  return (ctx) => {
    ctx.setProperty(
      'default',
      id !== undefined ? `${EIP_SHARED_DATA_HOLDER}.${id}` : EIP_SHARED_DATA_HOLDER,
      { aggregationCompleted: false } satisfies SharedDataHolder,
    );
    const first = targets[0];
    const r =
      countOf && first
        ? runAll(ctx, countOf(ctx), () => first)
        : runAll(ctx, targets.length, (i) => targets[i] as CompiledTarget);
    // The original's client is answered by a target, not with a 202 (RESPONSE_WRITTEN = SKIP).
    if (!continueParent) ctx.responsePending = true;
    return r ? r.then(() => continueParent) : continueParent;
  };
};
