/**
 * The legacy foreach (ForEachMediator.mediate): each element the expression selects is run
 * through the sequence, one after another, on the message itself (its body replaced by the
 * element), and the result put back; then the flow goes on with the modified payload.
 *
 * - XPath: the matches are detached from the envelope, and each result (the body's first
 *   element after the sequence) is appended to the parent of the first match, in order.
 * - json-eval: the path must give a JSON array; each item becomes the payload, and the results
 *   replace the array (or the whole payload for `$`).
 * - `FOREACH_ORIGINAL_MESSAGE` holds the envelope as it was, `FOREACH_COUNTER` the number of
 *   items done (both prefixed `ID_` with an id). A sequence that stops the flow ends the loop
 *   (unless continueLoopOnFailure), and the flow still goes on, as in MI.
 */
import { XMLSerializer, type Document, type Node } from '@xmldom/xmldom';
import type { MessageContext } from '../../message/message-context.js';
import type { Payload } from '../../message/payload.js';
import { bodyElement, payloadWithEditedEnvelope, payloadWithJson } from '../../message/payload-write.js';
import type { CompileEnv, CompileNode, Step } from '../mediation-types.js';
import { jsonEditPath, jsonSet } from './json-edit.js';
import { xmlToJsonText } from './payload-convert.js';
import { firstElement } from './source-node.js';
import {
  bodyFirstElement,
  detachAll,
  elementPayload,
  isDomNode,
  jsonValuePayload,
  onEnvelope,
} from './split-payload.js';

const serializer = new XMLSerializer();

/** The sequence a legacy foreach runs: its `sequence` key first, else its inline sequence. */
function bodyOf(node: CompileNode<'foreach'>, env: CompileEnv): Step {
  const key = node.values.sequence;
  if (key !== undefined) {
    const slot = env.sequence(key);
    return (ctx) => {
      const seq = slot.current;
      if (!seq) throw new Error(`Couldn't find the sequence named : ${slot.name}`);
      return seq.run(ctx);
    };
  }
  if (node.branches.sequence) return env.list(node.branches.sequence);
  return () => {
    throw new Error("Couldn't find sequence information");
  };
}

/** ForEachMediator.mediate. */
export function compileForEachLegacy(node: CompileNode<'foreach'>, env: CompileEnv): Step {
  const v = node.values;
  const source = v.expression ?? '';
  const expr = env.expression(source, node);
  const body = bodyOf(node, env);
  const prefix = v.id === undefined ? '' : `${v.id}_`;
  const counterName = `${prefix}FOREACH_COUNTER`;
  const originalName = `${prefix}FOREACH_ORIGINAL_MESSAGE`;
  const keepGoing = v.continueLoopOnFailure;
  const editPath = expr.kind === 'jsonpath' ? jsonEditPath(source) : undefined;

  /** Runs the sequence on ctx; false when the loop must stop, 'skip' for a failure passed over. */
  const runOne = async (ctx: MessageContext): Promise<boolean | 'skip'> => {
    if (!keepGoing) return body(ctx);
    try {
      return await body(ctx);
    } catch {
      // MI logs a warning and goes on with the next item.
      return 'skip';
    }
  };

  const overJson = async (ctx: MessageContext, original: Payload): Promise<void> => {
    const items = expr.evaluate(ctx);
    if (!Array.isArray(items))
      throw new Error(`JSON element expressed by the path ${source} is not a valid JSON array`);
    if (items.length === 0) return;
    const doc = structuredClone(ctx.json());
    const results: unknown[] = [];
    let count = 0;
    for (const item of items) {
      ctx.payload = jsonValuePayload(original, item);
      const r = await runOne(ctx);
      if (r === 'skip') continue;
      results.push(ctx.payload.isJson() ? (ctx.json() ?? ctx.payload.text()) : ctx.payload.text());
      ctx.setProperty('default', counterName, ++count);
      if (!r && !keepGoing) break;
    }
    const merged = editPath?.root ? results : jsonSet(doc, editPath ?? jsonEditPath('$'), results);
    ctx.payload = payloadWithJson(
      JSON.stringify(merged),
      original.isJson() ? original.contentType : undefined,
    );
  };

  const overXml = async (ctx: MessageContext, original: Payload): Promise<void> => {
    const doc = ctx.envelope().cloneNode(true) as Document;
    const found = expr.evaluate(onEnvelope(ctx, doc));
    const nodes = (Array.isArray(found) ? found : [found]).filter(isDomNode);
    if (nodes.length === 0) return;
    const parent = detachAll(nodes) as Node | undefined;
    if (!parent) throw new Error('Error detecting parent element to merge');
    let count = 0;
    for (const n of nodes) {
      ctx.payload = elementPayload(original, n);
      const r = await runOne(ctx);
      const result = bodyFirstElement(ctx);
      if (result) parent.appendChild(doc.importNode(result, true));
      ctx.setProperty('default', counterName, ++count);
      if (!r && !keepGoing) break;
    }
    // The modified envelope becomes the message (synCtx.setEnvelope(processingEnvelope)).
    if (original.isJson()) {
      // A JSON message stays JSON: its <jsonObject> envelope view written back as JSON.
      const first = firstElement(bodyElement(doc));
      let inner = first && serializer.serializeToString(first);
      if (first?.localName === 'jsonObject') {
        inner = '';
        for (let c = first.firstChild; c; c = c.nextSibling) inner += serializer.serializeToString(c);
      }
      const json = inner === undefined ? undefined : xmlToJsonText(inner);
      ctx.payload = json !== undefined ? payloadWithJson(json, original.contentType) : original;
    } else ctx.payload = payloadWithEditedEnvelope(original, doc);
  };

  return async (ctx) => {
    ctx.setProperty('default', originalName, serializer.serializeToString(ctx.envelope()));
    ctx.setProperty('default', counterName, 0);
    const original = ctx.payload;
    if (expr.kind === 'jsonpath') await overJson(ctx, original);
    else await overXml(ctx, original);
    return true;
  };
}
