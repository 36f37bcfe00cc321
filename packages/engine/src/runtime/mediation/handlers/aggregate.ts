/**
 * aggregate: gathers messages that belong together into one (AggregateMediator, Aggregate).
 *
 * Messages are grouped by their correlation: the `correlateOn` expression (MI keys every
 * message it matches by the expression's text, so they form one group), else the
 * `aggregateCorelation[.ID]` property an iterate or clone set (the original's message ID). A
 * message with neither goes on past the aggregate. A group completes when all `i/n` parts of
 * its first message's `messageSequence[.ID]` have arrived, or `min` or `max` messages have, or
 * `timeout` seconds after its first message; then onComplete runs once with the gathered
 * message and the group is forgotten. A part arriving after that finds the group's shared
 * holder marked completed and is dropped (AggregateMediator.isAggregationCompleted). Held parts
 * end their own flow here. Open groups and their timers are released when the deployment is
 * retired.
 */
import { elementChildren, localName } from '../../../model/xml/xml-query.js';
import type { XmlElement } from '../../../model/xml/xml-types.js';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, MediatorCompiler, Step } from '../mediation-types.js';
import { aggregatedMessage, type MergeSpec } from './aggregate-merge.js';
import {
  AGGREGATE_CORRELATION,
  EIP_SHARED_DATA_HOLDER,
  MESSAGE_SEQUENCE,
  type SharedDataHolder,
} from './clone.js';

/** One open group of messages (MI's Aggregate). */
interface Gather {
  readonly key: string;
  parts: MessageContext[];
  readonly min: number;
  readonly max: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  done: boolean;
}

/**
 * How many groups are open, and how many of their timeout timers are pending, across all
 * deployed aggregates (read by the leak test: the timers are unref'd, so Node does not list them).
 */
export const openGathers = { count: 0, timers: 0 };

/** A message count (`min`, `max`): a number, or `{expression}` evaluated on the first message. */
function countValue(
  text: string | undefined,
  which: string,
  env: CompileEnv,
  place: Parameters<CompileEnv['expression']>[1],
  at: XmlElement | undefined,
): (ctx: MessageContext) => number {
  if (text === undefined) return () => -1;
  const t = text.trim();
  const parse = (s: string): number => {
    const n = Number(s.trim());
    // Double.parseDouble(…).intValue(); a value that is no number fails the message, as in MI.
    if (s.trim() === '' || !Number.isFinite(n)) throw new Error(`Invalid messageCount ${which}: '${s}'`);
    return Math.trunc(n);
  };
  if (t.startsWith('{') && t.endsWith('}')) {
    const expr = env.expression(t.slice(1, -1), place, at);
    return (ctx) => parse(expr.string(ctx));
  }
  const n = parse(t);
  return () => n;
}

/** The onComplete flow: its sequence key, else its mediators, else a drop; none without onComplete. */
function onCompleteStep(
  node: Parameters<MediatorCompiler<'aggregate'>>[0],
  env: CompileEnv,
  el: XmlElement | undefined,
): Step {
  const key = node.values.onComplete?.sequence;
  if (key !== undefined) {
    const slot = env.sequence(key);
    return (ctx) => {
      const seq = slot.current;
      if (!seq) throw new Error('Unable to find the sequence for the mediation of the aggregated message');
      return seq.run(ctx);
    };
  }
  if (!el)
    return () => {
      throw new Error('Unable to find the sequence for the mediation of the aggregated message');
    };
  // AggregateMediatorFactory: an empty onComplete gets a sequence holding only a drop.
  if (elementChildren(el).length === 0) return () => false;
  return env.list(node.branches.onComplete ?? []);
}

export const compileAggregate: MediatorCompiler<'aggregate'> = (node, env) => {
  const v = node.values;
  const id = v.id;
  const kids = elementChildren(node.element);
  const child = (name: string) => kids.find((c) => localName(c.name) === name);
  const correlateEl = child('correlateOn');
  const conditionEl = child('completeCondition');
  const countEl =
    conditionEl && elementChildren(conditionEl).find((c) => localName(c.name) === 'messageCount');
  const onCompleteEl = child('onComplete');

  const correlationName = id !== undefined ? `${AGGREGATE_CORRELATION}.${id}` : AGGREGATE_CORRELATION;
  const holderName = id !== undefined ? `${EIP_SHARED_DATA_HOLDER}.${id}` : EIP_SHARED_DATA_HOLDER;
  const sequenceName = id !== undefined ? `${MESSAGE_SEQUENCE}.${id}` : MESSAGE_SEQUENCE;
  const correlateText = v.correlateOn?.expression;
  const correlate: CompiledExpression | undefined =
    correlateText !== undefined ? env.expression(correlateText, node, correlateEl) : undefined;
  // AggregateMediatorFactory: Long.parseLong(timeout) * 1000.
  const timeoutText = node.written.completeCondition?.timeout;
  const timeoutMs = timeoutText !== undefined ? Number.parseInt(timeoutText.trim(), 10) * 1000 : 0;
  const row = node.written.messageCount?.[0];
  const minOf = countValue(row?.min, 'min', env, node, countEl);
  const maxOf = countValue(row?.max, 'max', env, node, countEl);
  const mergeText = v.onComplete?.expression;
  const spec: MergeSpec = {
    ...(mergeText !== undefined ? { expression: env.expression(mergeText, node, onCompleteEl) } : {}),
    text: mergeText ?? 's11:Body/child::*[position()=1] | s12:Body/child::*[position()=1]',
    json: mergeText?.trim().startsWith('json-eval(') ?? false,
    ...(v.onComplete?.aggregateElementType !== undefined
      ? { elementType: v.onComplete.aggregateElementType }
      : {}),
    ...(v.onComplete?.enclosingElementProperty !== undefined
      ? { enclosingProperty: v.onComplete.enclosingElementProperty }
      : {}),
  };
  const onComplete = onCompleteStep(node, env, onCompleteEl);

  const open = new Map<string, Gather>();
  const forget = (g: Gather): void => {
    if (g.timer) {
      clearTimeout(g.timer);
      openGathers.timers--;
    }
    g.timer = undefined;
    g.done = true;
    if (open.get(g.key) === g) {
      open.delete(g.key);
      openGathers.count--;
    }
  };
  env.onRetire(() => {
    for (const g of [...open.values()]) {
      forget(g);
      g.parts = [];
    }
  });

  const holderOf = (ctx: MessageContext) =>
    ctx.property('default', holderName) as SharedDataHolder | undefined;

  /** Aggregate.isComplete: all parts of the first message's sequence, or min, or max reached. */
  const isComplete = (g: Gather): boolean => {
    const n = g.parts.length;
    const seq = g.parts[0]?.property('default', sequenceName);
    if (typeof seq === 'string') {
      const total = Number.parseInt(seq.split('/')[1] ?? '', 10);
      if (n >= total) return true;
    }
    return (g.min > 0 && n >= g.min) || (g.max > 0 && n >= g.max);
  };

  /**
   * AggregateMediator.completeAggregate: marks the group done (and the shared holder its
   * parts carry), forgets it, and runs onComplete on the gathered message with the fault path
   * around it. Resolves to onComplete's result: true lets `current` (the message that completed
   * the group) go on past the aggregate, carrying the gathered payload as MI's continuation
   * does (the last message gets the aggregated envelope).
   */
  const complete = (g: Gather, current?: MessageContext): boolean | Promise<boolean> => {
    if (g.done) return false;
    const parts = g.parts;
    forget(g);
    g.parts = [];
    const last = parts[parts.length - 1];
    if (!last) return false;
    const holder = holderOf(last);
    if (holder) holder.aggregationCompleted = true;
    const out = aggregatedMessage(parts, spec);
    const gathered = out.payload;
    let result = false;
    const r = env.spawn(out, (c) => {
      const x = onComplete(c);
      if (typeof x === 'boolean') return (result = x);
      return x.then((y) => (result = y));
    });
    const goOn = (): boolean => {
      if (result && current) current.payload = gathered;
      return result;
    };
    return r ? r.then(goOn) : goOn();
  };

  /** The group a message belongs to, or undefined when it has no correlation (it goes on). */
  const keyOf = (ctx: MessageContext): string | false | undefined => {
    if (correlate) {
      const r = correlate.evaluate(ctx);
      if (Array.isArray(r) && r.length === 0)
        throw new Error(`Failed to evaluate correlate expression: ${correlateText ?? ''}`);
      if (r === false) return false;
      if (r !== undefined && r !== null) return correlateText;
    }
    const o = ctx.property('default', correlationName);
    return typeof o === 'string' ? o : undefined;
  };

  return (ctx) => {
    const key = keyOf(ctx);
    if (key === false || key === undefined) return true;
    let g = open.get(key);
    if (!g) {
      // A part of a group that already completed (or timed out): dropped.
      if (holderOf(ctx)?.aggregationCompleted) return false;
      const created: Gather = {
        key,
        parts: [],
        min: minOf(ctx),
        max: maxOf(ctx),
        timer: undefined,
        done: false,
      };
      if (timeoutMs > 0) {
        created.timer = setTimeout(() => {
          created.timer = undefined;
          openGathers.timers--;
          const last = created.parts[created.parts.length - 1];
          try {
            void complete(created);
          } catch (e) {
            // Aggregate.AggregateTimeout: the error goes to the last message's fault path.
            if (last)
              void env.spawn(last, () => {
                throw e;
              });
          }
        }, timeoutMs);
        created.timer.unref();
        openGathers.timers++;
      }
      open.set(key, created);
      openGathers.count++;
      g = created;
    }
    // Aggregate.addMessage: beyond max, a message is not collected.
    if (g.max <= 0 || g.parts.length < g.max) g.parts.push(ctx);
    if (!isComplete(g)) return false;
    return complete(g, ctx);
  };
};
