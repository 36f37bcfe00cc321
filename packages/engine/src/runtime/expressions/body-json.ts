/**
 * `payload` of a message that is not JSON, as MI's EvaluationContext.getJSONResult reads it:
 * the body's first element converted to JSON (SynapseJsonPath "$." on an XML message), so
 * `<pet><name>x</name></pet>` reads as `{"pet":{"name":"x"}}`.
 */
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { bodyElement } from '../message/payload-write.js';
import { xmlToJsonText } from '../mediation/handlers/payload-convert.js';
import type { ExpressionContext } from './expression-types.js';

const serializer = new XMLSerializer();

/** The JSON of the body's first element, or undefined when the body has none. */
export function bodyAsJson(ctx: ExpressionContext): unknown {
  const body = bodyElement(ctx.envelope());
  let first: Element | undefined;
  for (let c = body?.firstChild; c && !first; c = c.nextSibling) if (c.nodeType === 1) first = c as Element;
  if (!first) return undefined;
  const text = xmlToJsonText(serializer.serializeToString(first));
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}
