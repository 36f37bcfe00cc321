/**
 * MI 4.4's foreach (ForEachMediatorV2): each item of the collection (a JSON array or an XPath
 * node list) runs through the sequence on its own copy of the message, all at once
 * (parallel-execution, the default) or one after another; the results are gathered back in
 * the items' order (ForEachAggregate: complete when every copy has come back) into the
 * collection in place, or into a variable; then the original goes on.
 *
 * The original waits in its own flow for its copies (MI parks it and resumes a saved clone at
 * completion): nothing is kept between messages, so nothing can outlive a deployment. A copy
 * whose flow stops or fails never comes back; MI then waits forever, Mediate ends the
 * original's flow once every copy has ended (the copy or the fault path answers the client).
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import type { MessageContext } from '../../message/message-context.js';
import { payloadWithEditedEnvelope, payloadWithJson } from '../../message/payload-write.js';
import type { CompileEnv, CompileNode, Step } from '../mediation-types.js';
import { jsonEditPath, jsonSet, type JsonEditPath } from './json-edit.js';
import {
  bodyFirstElement,
  detachAll,
  elementPayload,
  isDomNode,
  jsonValuePayload,
  onEnvelope,
  payloadJson,
} from './split-payload.js';

/** EIPConstants: the correlation a copy carries, suffixed with the mediator's id. */
const AGGREGATE_CORRELATION = 'aggregateCorelation';
const MESSAGE_SEQUENCE = 'messageSequence';
let nextId = 0;
const serializer = new XMLSerializer();

/** Where the gathered JSON array goes back (ForEachMediatorV2.getJsonPathFromExpression). */
interface JsonHome {
  readonly variable?: string;
  readonly at: JsonEditPath;
}

/** An XML variable's value as a document of its own, for XPath over it. */
function variableDoc(value: unknown): Document | undefined {
  const text = isDomNode(value)
    ? serializer.serializeToString(value)
    : typeof value === 'string'
      ? value
      : undefined;
  if (text === undefined) return undefined;
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(text, 'text/xml');
  return doc.documentElement ? doc : undefined;
}

function jsonHome(source: string): JsonHome | undefined {
  const syn = /^\$\{\s*([\s\S]*?)\s*\}$/.exec(source)?.[1];
  let variable: string | undefined;
  let path: string | undefined;
  if (syn !== undefined) {
    if (/^payload(?![\w$])/.test(syn)) path = `$${syn.slice('payload'.length)}`;
    const v = /^vars?\.([\w-]+)([\s\S]*)$/.exec(syn);
    if (v) [variable, path] = [v[1], `$${v[2] ?? ''}`];
  } else if (source.startsWith('json-eval(')) path = source;
  if (path === undefined) return undefined;
  try {
    return { variable, at: jsonEditPath(path) };
  } catch {
    return undefined;
  }
}

/** ForEachMediatorV2.mediate and completeAggregate. */
export function compileForEachV2(node: CompileNode<'foreach'>, env: CompileEnv): Step {
  const w = node.written;
  const source = (w.collection ?? '').trim();
  const parallel = w.parallelExecution !== 'false';
  const withoutAggregation = (w.continueWithoutAggregation ?? '').toLowerCase() === 'true';
  // MI 4.4's pre-release names: result-target names the variable (and the XML root), result-type its type.
  const preview = !withoutAggregation && w.resultTarget?.trim() ? w.resultTarget : undefined;
  const updateOriginal = withoutAggregation || (preview === undefined && w.updateOriginal !== 'false');
  const variableName = preview ?? w.targetVariable;
  const rootName = preview ?? w.resultEnclosingElement ?? 'result';
  const asXml = (preview !== undefined ? w.resultType : w.resultContentType) === 'XML';
  const counter = !parallel && w.counterVariable?.trim() ? w.counterVariable : undefined;
  // ${xpath('…')} gives a node list here (Mediate's ${} xpath() gives a string);
  // ${xpath('…', 'name')} the nodes of an XML variable (SynapseExpressionUtils).
  const xp = /^\$\{\s*xpath\(\s*(['"])([\s\S]*?)\1\s*(?:,\s*(['"])([\s\S]*?)\3\s*)?\)\s*\}$/.exec(source);
  const onVariable = xp?.[4];
  const collection = env.expression(xp?.[2] ?? source, node);
  /** The collection's items, in the message or in `doc` (an edited copy of where they live). */
  const itemsIn = (ctx: MessageContext, doc?: Document): unknown => {
    if (onVariable !== undefined) {
      const d = doc ?? variableDoc(ctx.variable(onVariable));
      return d ? collection.evaluate(onEnvelope(ctx, d)) : undefined;
    }
    return collection.evaluate(doc ? onEnvelope(ctx, doc) : ctx);
  };
  const home = jsonHome(source);
  const body = env.list(node.branches.sequence ?? []);
  const id = `foreach${++nextId}`;

  const merge = (ctx: MessageContext, xml: boolean, done: MessageContext[]) => {
    if (!updateOriginal) {
      let value: unknown;
      if (asXml) {
        const doc = new DOMParser().parseFromString(`<${rootName}/>`, 'text/xml');
        const root = doc.documentElement as Element;
        for (const c of done) {
          const el = bodyFirstElement(c);
          if (el) root.appendChild(doc.importNode(el, true));
        }
        value = root;
      } else value = done.map((c) => payloadJson(c));
      ctx.setVariable(variableName ?? '', value);
      return;
    }
    if (xml) {
      // updateXMLCollection: the old nodes detached, the results appended to their parent.
      const doc =
        onVariable !== undefined
          ? variableDoc(ctx.variable(onVariable))
          : (ctx.envelope().cloneNode(true) as Document);
      if (!doc) return;
      const again = itemsIn(ctx, doc);
      const parent = detachAll((Array.isArray(again) ? again : [again]).filter(isDomNode));
      for (const c of done) {
        const el = bodyFirstElement(c);
        if (el && parent) parent.appendChild(doc.importNode(el, true));
      }
      if (onVariable !== undefined) ctx.setVariable(onVariable, doc.documentElement);
      else ctx.payload = payloadWithEditedEnvelope(ctx.payload, doc);
      return;
    }
    const array = done.map((c) => payloadJson(c));
    if (!home) throw new Error(`Error updating the json stream after foreach transformation: ${source}`);
    if (home.variable !== undefined) {
      const old = structuredClone(ctx.variable(home.variable));
      ctx.setVariable(home.variable, home.at.root ? array : jsonSet(old, home.at, array));
    } else {
      const doc = structuredClone(ctx.json());
      const json = JSON.stringify(home.at.root ? array : jsonSet(doc, home.at, array));
      ctx.payload = payloadWithJson(json, ctx.payload.isJson() ? ctx.payload.contentType : undefined);
    }
  };

  return async (ctx) => {
    const r = itemsIn(ctx);
    const found = Array.isArray(r) ? (r as unknown[]) : isDomNode(r) ? [r] : undefined;
    if (!found) throw new Error(`Expression ${source} did not resolve to a valid array`);
    // "No elements found for the expression": the flow goes on.
    if (found.length === 0) return true;
    const xml = isDomNode(found[0]);
    const n = found.length;
    const results: (MessageContext | undefined)[] = new Array<MessageContext | undefined>(n);
    const runCopy = (i: number): void | Promise<void> => {
      const c = ctx.copy();
      const item = found[i];
      c.payload =
        xml && isDomNode(item) ? elementPayload(ctx.payload, item) : jsonValuePayload(ctx.payload, item);
      c.setProperty('default', `${AGGREGATE_CORRELATION}.${id}`, ctx.messageId);
      c.setProperty('default', `${MESSAGE_SEQUENCE}.${id}`, `${i}/${n}`);
      if (counter) c.setVariable(counter, i);
      const keep = (ok: boolean) => {
        if (ok) results[i] = c;
        return false;
      };
      return env.spawn(c, (x) => {
        const out = body(x);
        return typeof out === 'boolean' ? keep(out) : out.then(keep);
      });
    };
    if (parallel) {
      const all = found.map((_, i) => runCopy(i));
      if (withoutAggregation) return true;
      await Promise.all(all);
    } else for (let i = 0; i < n; i++) await runCopy(i);
    if (withoutAggregation) return true;
    const done = results.filter((c): c is MessageContext => c !== undefined);
    if (done.length < n) {
      // Some copy never came back: MI's aggregate never completes; the flow ends here.
      ctx.responsePending = true;
      return false;
    }
    merge(ctx, xml, done);
    return true;
  };
}
