/**
 * scatter-gather (MI 4.4's ScatterGather): each `<sequence>` runs on its own copy of the
 * message, all at once (parallel-execution, the default) or one after another. A copy whose
 * sequence ends normally is gathered, when the aggregation's `condition` (if any) is true for
 * it, in the order the copies come back (Aggregate.addMessage). The gather completes when
 * every copy is in, or `min-messages`/`max-messages` are reached, or `timeout` ms after the
 * first copy came in (Aggregate's timer); then the aggregation `expression` of each gathered
 * copy goes into a JSON array or an `result-enclosing-element`, in the body or a variable, and
 * the original goes on.
 *
 * The original waits in its own flow; the only state is the pending gather's timer, unref'd,
 * cleared at completion and when the deployment retires. When every copy has ended and the
 * gather cannot complete (no timeout, too few came back), MI waits forever; Mediate ends the
 * original's flow (a copy or the fault path answers the client).
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { branchListKey } from '../../../model/mediators/branch-lists.js';
import type { MessageContext } from '../../message/message-context.js';
import { fragmentNodes, payloadWithBody, payloadWithJson } from '../../message/payload-write.js';
import type { CompileEnv, CompileNode, NodePlace, Step } from '../mediation-types.js';
import type { DynamicValue } from '../../../model/catalog/dynamic-value.js';
import { elementChildren, localName } from '../../../model/xml/xml-query.js';
import { compileDynamic } from './dynamic.js';
import { isDomNode } from './split-payload.js';
import { nodeXml } from './source-node.js';

const AGGREGATE_CORRELATION = 'aggregateCorelation';
const MESSAGE_SEQUENCE = 'messageSequence';
let nextId = 0;

/** A `min-messages`/`max-messages` value: a number, or `{expr}` read per message (ValueFactory). */
function countOf(value: DynamicValue, node: NodePlace, env: CompileEnv): (ctx: MessageContext) => number {
  const d = compileDynamic(value, node, env);
  return (ctx) => {
    const n = Number.parseFloat(typeof d === 'string' ? d : d.string(ctx));
    return Number.isFinite(n) ? Math.trunc(n) : -1;
  };
}

/** One pending gather: the copies in, and how it ends. */
interface Gather {
  readonly got: MessageContext[];
  timer?: NodeJS.Timeout;
  done: boolean;
  finish(): void;
}

export const compileScatterGather = (node: CompileNode<'scatterGather'>, env: CompileEnv): Step => {
  const v = node.values;
  const w = node.written;
  const parallel = w.parallelExecution !== 'false';
  // MI 4.4's pre-release names: result-target is 'body' or the variable's name.
  const preview = w.target === undefined ? w.resultTarget : undefined;
  const toVariable =
    preview !== undefined ? preview.toLowerCase() !== 'body' : (w.target ?? '').toLowerCase() === 'variable';
  const variableName = preview ?? v.targetVariable ?? '';
  const asXml = (v.resultContentType ?? v.contentType) === 'XML';
  const rootName = v.resultEnclosingElement ?? v.rootElement ?? 'result';
  const agg = v.aggregation;
  // The aggregation's expressions see the namespaces declared on <aggregation> too.
  const aggEl = elementChildren(node.element).find((c) => localName(c.name) === 'aggregation');
  const expression = env.expression(agg?.expression ?? '${payload}', node, aggEl);
  const condition = agg?.condition !== undefined ? env.expression(agg.condition, node, aggEl) : undefined;
  const timeout = agg?.timeout ?? 0;
  const minOf = agg?.minMessages !== undefined ? countOf(agg.minMessages, node, env) : undefined;
  const maxOf = agg?.maxMessages !== undefined ? countOf(agg.maxMessages, node, env) : undefined;
  const branches = Object.keys(node.branches)
    .filter((k) => k.startsWith('sequence:'))
    .map((_, i) => env.list(node.branches[branchListKey('sequence', i)] ?? []));
  const id = `scatterGather${++nextId}`;
  const pending = new Set<Gather>();
  env.onRetire(() => {
    // The deployment is going: a pending gather ends its flow, it does not go on half-gathered.
    for (const g of pending) {
      g.got.length = 0;
      g.finish();
    }
    pending.clear();
  });

  /** What the aggregation expression gives for one copy (getAggregatedMessage). */
  const valueOf = (c: MessageContext): unknown => {
    const r = expression.evaluate(c);
    if (asXml) return r;
    if (Array.isArray(r) && r.every(isDomNode)) return r.map((n) => nodeXml(n)).join('');
    return r === undefined ? null : r;
  };

  const xmlOf = (values: unknown[]): string => {
    const doc = new DOMParser().parseFromString(`<${rootName}/>`, 'text/xml');
    const root = doc.documentElement as Element;
    for (const r of values) {
      const text =
        Array.isArray(r) && r.every(isDomNode)
          ? r.map((n) => nodeXml(n)).join('')
          : typeof r === 'string'
            ? r
            : JSON.stringify(r);
      for (const n of fragmentNodes(doc, text, 'The aggregation expression result')) root.appendChild(n);
    }
    return nodeXml(root);
  };

  /** completeAggregate: the gathered values into the body or the variable. */
  const complete = (ctx: MessageContext, got: readonly MessageContext[]) => {
    const values = got.map(valueOf);
    if (toVariable) {
      const value = asXml
        ? new DOMParser().parseFromString(xmlOf(values), 'text/xml').documentElement
        : values;
      ctx.setVariable(variableName, value);
      return;
    }
    ctx.payload = asXml
      ? payloadWithBody(ctx.payload, xmlOf(values), 'application/xml')
      : payloadWithJson(JSON.stringify(values));
    // setContentType: the result's type is the message's type.
    ctx.setProperty('axis2', 'messageType', asXml ? 'application/xml' : 'application/json');
    ctx.setProperty('axis2', 'ContentType', asXml ? 'application/xml' : 'application/json');
  };

  return (ctx) => {
    const n = branches.length;
    const min = minOf ? minOf(ctx) : -1;
    const max = maxOf ? maxOf(ctx) : -1;
    let resolveGather: (ok: boolean) => void = () => undefined;
    const result = new Promise<boolean>((r) => (resolveGather = r));
    const gather: Gather = {
      got: [],
      done: false,
      finish: () => {
        if (gather.done) return;
        gather.done = true;
        if (gather.timer) clearTimeout(gather.timer);
        pending.delete(gather);
        resolveGather(gather.got.length > 0);
      },
    };
    pending.add(gather);
    const isComplete = () =>
      gather.got.length >= n ||
      (min > 0 && gather.got.length >= min) ||
      (max > 0 && gather.got.length >= max);
    const arrive = (c: MessageContext, ok: boolean): boolean => {
      if (!ok || gather.done) return false;
      if (condition && condition.string(c).toLowerCase() !== 'true') return false;
      gather.got.push(c);
      // Aggregate: the timer starts with the first copy gathered.
      if (gather.got.length === 1 && timeout > 0) {
        gather.timer = setTimeout(gather.finish, timeout);
        gather.timer.unref();
      }
      if (isComplete()) gather.finish();
      return false;
    };
    const runCopy = (i: number): void | Promise<void> => {
      const c = ctx.copy();
      c.setProperty('default', `${AGGREGATE_CORRELATION}.${id}`, ctx.messageId);
      c.setProperty('default', `${MESSAGE_SEQUENCE}.${id}`, `${i}/${n}`);
      const run = branches[i] as Step;
      return env.spawn(c, (x) => {
        const out = run(x);
        return typeof out === 'boolean' ? arrive(x, out) : out.then((ok) => arrive(x, ok));
      });
    };
    const ended = (async () => {
      if (parallel) await Promise.all(branches.map((_, i) => runCopy(i)));
      // One after another; copies after completion still run (MI’s loop does not stop), not gathered.
      else for (let i = 0; i < n; i++) await runCopy(i);
      // Every copy has ended: without a running timer nothing more can complete the gather.
      if (!gather.done && !gather.timer) {
        gather.got.length = 0;
        gather.finish();
      }
    })();
    void ended;
    return result.then((ok) => {
      if (!ok) {
        ctx.responsePending = true;
        return false;
      }
      complete(ctx, gather.got);
      return true;
    });
  };
};
