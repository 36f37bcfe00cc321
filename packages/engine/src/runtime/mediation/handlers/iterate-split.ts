/**
 * How iterate splits a message (IterateMediator.mediate and its two getIteratedMessage): the
 * payload of each split message, in order.
 *
 * XPath: the matches are detached from a copy of the envelope; each message gets that envelope
 * (without any match) with its one match attached at `attachPath` when the payload is preserved,
 * else a body holding only its match. JSONPath: the expression must select an array; each item
 * is a message of its own, or, when the payload is preserved, the original JSON with the array
 * emptied and the item set at the attach path.
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import { isJsonType, mediaType, type Payload } from '../../message/payload.js';
import { bodyElement, payloadWithEditedEnvelope, payloadWithJson } from '../../message/payload-write.js';
import { matchingNodes, onEnvelope, setAtPath } from './eip-paths.js';

/** A compiled iterate expression with its attach path, of one kind. */
export type IterateSplit =
  | {
      readonly kind: 'xpath';
      readonly expression: CompiledExpression;
      readonly attach: CompiledExpression;
      readonly attachText: string;
    }
  | {
      readonly kind: 'json';
      readonly expression: CompiledExpression;
      readonly expressionPath: string;
      readonly attachPath: string;
      readonly attachText: string;
    };

const attachError = (text: string) =>
  `Error in attaching the splitted elements :: Unable to get the attach path specified by the expression ${text}`;

/** The XPath split: one payload per node the expression selects. */
function splitXml(ctx: MessageContext, s: IterateSplit & { kind: 'xpath' }, preserve: boolean): Payload[] {
  const doc = ctx.envelope().cloneNode(true) as Document;
  const nodes = matchingNodes(s.expression, onEnvelope(ctx, doc));
  // EIPUtils.getDetachedMatchingElements.
  for (const n of nodes) n.parentNode?.removeChild(n);
  const body = bodyElement(doc);
  if (!preserve && body) while (body.firstChild) body.removeChild(body.firstChild);
  return nodes.map((n) => {
    const copy = doc.cloneNode(true) as Document;
    if (preserve) {
      const [first] = matchingNodes(s.attach, onEnvelope(ctx, copy));
      // "." is the envelope MI evaluates on; here the document, so its root element stands for it.
      const at = first && first.nodeType === 9 ? (first as Document).documentElement : first;
      if (!at || at.nodeType !== 1) throw new Error(attachError(s.attachText));
      (at as Element).appendChild(copy.importNode(n, true));
    } else bodyElement(copy)?.appendChild(copy.importNode(n, true));
    return payloadWithEditedEnvelope(ctx.payload, copy);
  });
}

/** The JSONPath split: one payload per item of the array the expression selects. */
function splitJson(ctx: MessageContext, s: IterateSplit & { kind: 'json' }, preserve: boolean): Payload[] {
  const items = s.expression.evaluate(ctx);
  if (!Array.isArray(items))
    throw new Error(
      `JSON element expressed by the path ${s.expressionPath} is not a valid JSON array that can be iterated`,
    );
  const type = isJsonType(mediaType(ctx.payload.contentType)) ? ctx.payload.contentType : undefined;
  // The root with the iterated array emptied: each message gets it with its own item attached.
  const rootText =
    preserve && s.expressionPath !== s.attachPath
      ? JSON.stringify(
          setAtPath(structuredClone(ctx.json()), s.expressionPath, [], attachError(s.attachText)),
        )
      : preserve
        ? JSON.stringify(ctx.json())
        : undefined;
  return items.map((item: unknown) => {
    const value =
      rootText === undefined
        ? item
        : setAtPath(JSON.parse(rootText) as unknown, s.attachPath, item, attachError(s.attachText));
    return payloadWithJson(JSON.stringify(value ?? null), type);
  });
}

/** The payloads of the split messages, in order. */
export function splitPayloads(ctx: MessageContext, s: IterateSplit, preserve: boolean): Payload[] {
  return s.kind === 'xpath' ? splitXml(ctx, s, preserve) : splitJson(ctx, s, preserve);
}
