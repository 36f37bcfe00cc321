/**
 * iterate: splits the message by an expression into one message per match, each run through
 * the target (IterateMediator, Target).
 *
 * Each split message is a copy of the original (MessageHelper.cloneMessageContext) with the
 * correlation an aggregate reads: `aggregateCorelation` (and `aggregateCorelation.ID`) is the
 * original's message ID, `messageSequence[.ID]` is `i/n`. In parallel (MI's default) each split
 * message runs as its own flow with the fault path around it, as MI's executor runs each on its
 * own thread; sequential ones run one after another inside the original's flow, and an error
 * there is the original's (IterateMediator.copyFaultyIteratedMessage). The original then stops,
 * unless `continueParent="true"`; when it stops, its HTTP client gets no 202 (RESPONSE_WRITTEN =
 * SKIP): a split message, or the aggregate after them, answers it.
 */
import { isJsonPath } from '../../../model/catalog/iterate.js';
import { elementChildren, localName } from '../../../model/xml/xml-query.js';
import type { MessageContext } from '../../message/message-context.js';
import type { Payload } from '../../message/payload.js';
import type { MediatorCompiler } from '../mediation-types.js';
import {
  AGGREGATE_CORRELATION,
  compileTargetElement,
  continuing,
  EIP_SHARED_DATA_HOLDER,
  marked,
  MESSAGE_SEQUENCE,
  type SharedDataHolder,
} from './clone.js';
import { jsonPathOf } from './eip-paths.js';
import { splitPayloads, type IterateSplit } from './iterate-split.js';

export const compileIterate: MediatorCompiler<'iterate'> = (node, env) => {
  const v = node.values;
  const id = v.id;
  // IterateMediatorFactory: Boolean.valueOf for continueParent and preservePayload, sequential
  // only for exactly "true".
  const flag = (s: string | undefined) => s?.trim().toLowerCase() === 'true';
  const continueParent = flag(node.written.continueParent);
  const preserve = flag(node.written.preservePayload);
  const sequential = node.written.sequential === 'true';
  const exprText = node.written.expression ?? '';
  const expression = env.expression(exprText, node);
  const split: IterateSplit = isJsonPath(exprText)
    ? {
        kind: 'json',
        expression,
        expressionPath: jsonPathOf(exprText),
        attachPath: jsonPathOf(v.attachPath ?? 'json-eval($)'),
        attachText: v.attachPath ?? '$',
      }
    : {
        kind: 'xpath',
        expression,
        attach: env.expression(v.attachPath ?? '.', node),
        attachText: v.attachPath ?? '.',
      };
  const targetEl = elementChildren(node.element).find((c) => localName(c.name) === 'target');
  const target = compileTargetElement(targetEl, node.branches.target, v.target, env);
  const run = marked(target);
  // Parallel copies resumed by a call go on after the iterate, as in MI; sequential ones run to
  // the end of their target inside the original's flow (a deviation the README lists).
  const spawned = marked(continuing(target, env.restAfter(node)));
  const to = v.target?.to;
  const soapAction = v.target?.soapAction;
  const holderName = id !== undefined ? `${EIP_SHARED_DATA_HOLDER}.${id}` : EIP_SHARED_DATA_HOLDER;
  const sequenceName = id !== undefined ? `${MESSAGE_SEQUENCE}.${id}` : MESSAGE_SEQUENCE;

  /** getIteratedMessage: a copy of the original with split payload `i` of `n`. */
  const copyFor = (ctx: MessageContext, payload: Payload, i: number, n: number): MessageContext => {
    const c = ctx.copy(payload);
    c.setProperty('default', AGGREGATE_CORRELATION, ctx.messageId);
    if (id !== undefined) c.setProperty('default', `${AGGREGATE_CORRELATION}.${id}`, ctx.messageId);
    c.setProperty('default', sequenceName, `${i}/${n}`);
    // Target.mediate sets these on each message before it goes on.
    if (soapAction !== undefined) c.setProperty('transport', 'SOAPAction', soapAction);
    if (to !== undefined) c.to = to;
    return c;
  };

  /** copyFaultyIteratedMessage: the failed split message's properties become the original's. */
  const failedIn = (ctx: MessageContext, c: MessageContext, e: unknown): never => {
    for (const [k, value] of c.defaultProperties()) ctx.setProperty('default', k, value);
    throw e;
  };

  const inOrder = (ctx: MessageContext, parts: readonly Payload[]): void | Promise<void> => {
    const from = (i: number): void | Promise<void> => {
      for (; i < parts.length; i++) {
        const c = copyFor(ctx, parts[i] as Payload, i, parts.length);
        let r: boolean | Promise<boolean>;
        try {
          r = run(c);
        } catch (e) {
          return failedIn(ctx, c, e);
        }
        if (typeof r !== 'boolean') {
          const next = i + 1;
          return r.then(
            () => from(next),
            (e: unknown) => failedIn(ctx, c, e),
          );
        }
      }
      return undefined;
    };
    return from(0);
  };

  return (ctx) => {
    ctx.setProperty('default', holderName, { aggregationCompleted: false } satisfies SharedDataHolder);
    const parts = splitPayloads(ctx, split, preserve);
    let r: void | Promise<void> = undefined;
    if (sequential) r = inOrder(ctx, parts);
    else
      for (let i = 0; i < parts.length; i++)
        void env.spawn(copyFor(ctx, parts[i] as Payload, i, parts.length), spawned);
    // The original's client is answered by a split message, not with a 202 (RESPONSE_WRITTEN = SKIP).
    if (!continueParent) ctx.responsePending = true;
    return r ? r.then(() => continueParent) : continueParent;
  };
};
