/**
 * The JSON half of enrich (EnrichMediator.mediate with native JSON support): the source read by
 * Source.evaluateJson, written by Target.insertJson, renameKey or the remove action, on a copy
 * of the JSON payload.
 */
import type { MessageContext } from '../../message/message-context.js';
import { payloadWithJson } from '../../message/payload-write.js';
import type { EnrichPlan, InlineContent } from './enrich-plan.js';
import { jsonDelete, jsonRenameKey, jsonSet, type JsonEditPath } from './json-edit.js';

/** A path that can select many values (Jayway's indefinite path): no match is not an error. */
const indefinite = (p: JsonEditPath) => /\.\.|\*|\[\?|,|:/.test(p.path);

/** Gson's lenient parse of a property's or inline text: JSON, else the text as a string. */
export function lenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Jayway's read: a definite path that matches nothing fails (PathNotFoundException). */
function mustFind(p: JsonEditPath, doc: unknown): void {
  if (!indefinite(p) && p.matches(doc).length === 0 && !p.root)
    throw new Error(`No results for path: ${p.path}`);
}

/** The source's JSON value (Source.evaluateJson); `doc` is the payload copy, edited when clone="false". */
function sourceValue(
  ctx: MessageContext,
  plan: EnrichPlan,
  doc: unknown,
  propertyJson: unknown,
  inline: InlineContent | undefined,
): unknown {
  const s = plan.source;
  switch (s.type) {
    case 'custom': {
      const path = s.jsonPath as JsonEditPath;
      mustFind(path, doc);
      const value = s.xpath?.evaluate(ctx);
      if (!s.clone) jsonDelete(doc, path);
      return value === undefined ? undefined : structuredClone(value);
    }
    case 'body':
      return structuredClone(doc);
    case 'inline':
      return inline?.kind === 'text' ? lenientJson(inline.text) : undefined;
    case 'property':
    case 'variable':
      return propertyJson === undefined ? undefined : structuredClone(propertyJson);
    default:
      return undefined;
  }
}

/** Jayway's read of the target for `child`, then Target.getNewJSONString's add or merge. */
function addChild(
  plan: EnrichPlan,
  ctx: MessageContext,
  doc: unknown,
  path: JsonEditPath,
  value: unknown,
): unknown {
  const receiving = path.root ? doc : path.matches(doc)[0]?.value;
  if (Array.isArray(receiving)) receiving.push(value);
  else if (isObject(receiving) && isObject(value)) Object.assign(receiving, value);
  else
    plan.complain(
      ctx,
      `Cannot append since the target element is not a JSON array or JSONObject: ${JSON.stringify(receiving)}`,
    );
  return doc;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The remove action on the payload or a property (Target.removeJsonFromBody/FromProperty). */
function remove(ctx: MessageContext, plan: EnrichPlan): void {
  const paths = plan.source.removePaths ?? [];
  const from = (doc: unknown): unknown => {
    let out = doc;
    for (const p of paths) {
      if (p.root) return undefined;
      mustFind(p, out);
      out = jsonDelete(out, p);
    }
    return out;
  };
  if (plan.target.type === 'body') {
    const doc = from(structuredClone(ctx.json()));
    ctx.payload = payloadWithJson(doc === undefined ? '' : JSON.stringify(doc), ctx.payload.contentType);
    return;
  }
  const name = plan.target.property ?? '';
  const v = ctx.property('default', name);
  if (typeof v !== 'string' && (v === null || typeof v !== 'object'))
    throw new Error(
      `Cannot perform the remove operation. Data type of the property ${name} is not string | JSON`,
    );
  const doc = from(typeof v === 'string' ? lenientJson(v) : structuredClone(v));
  ctx.setProperty('default', name, doc === undefined ? '' : JSON.stringify(doc));
}

/** Runs the JSON half; `propertyJson` is the source property's value read as JSON. */
export function enrichJson(
  ctx: MessageContext,
  plan: EnrichPlan,
  propertyJson: unknown,
  inline: InlineContent | undefined = plan.source.inline,
): void {
  const t = plan.target;
  if (t.action === 'remove') return remove(ctx, plan);
  let doc = structuredClone(ctx.json());
  const value = sourceValue(ctx, plan, doc, propertyJson, inline);
  if (value === undefined) throw new Error('Failed to get the source for Enriching');
  const write = () => (ctx.payload = payloadWithJson(JSON.stringify(doc), ctx.payload.contentType));
  // Source.evaluateJson: a custom source not cloned is deleted from the payload at once.
  if (plan.source.type === 'custom' && !plan.source.clone) write();
  switch (t.type) {
    case 'key': {
      if (value === null || typeof value === 'object')
        throw new Error(
          'Failed to get the new key name from source for Enriching. Key name must be a string.',
        );
      jsonRenameKey(doc, t.keyOwner as JsonEditPath, t.keyName ?? '', String(value));
      write();
      return;
    }
    case 'custom': {
      const path = t.jsonPath as JsonEditPath;
      if (t.action === 'replace') doc = jsonSet(doc, path, value);
      else if (t.action === 'child') doc = addChild(plan, ctx, doc, path, value);
      else plan.complain(ctx, 'Action sibling is not supported. Please use child action instead');
      write();
      return;
    }
    case 'body':
      if (t.action !== 'replace')
        plan.complain(ctx, `Unsupported action : ${t.action}. Only replace is supported for target body.`);
      else if (value !== null && typeof value === 'object') {
        doc = value;
        write();
      } else
        plan.complain(
          ctx,
          `Unsupported JSON payload : ${JSON.stringify(value)}.Only JSON arrays and objects can be enriched to the body`,
        );
      return;
    case 'property': {
      const name = t.property ?? '';
      if (t.action === 'replace') ctx.setProperty('default', name, JSON.stringify(value));
      else if (t.action === 'child') {
        const current = ctx.property('default', name);
        const parsed = typeof current === 'string' ? lenientJson(current) : current;
        if (current === undefined)
          plan.complain(ctx, `Cannot find the property with name "${name}" to enrich`);
        else if (Array.isArray(parsed)) {
          const next = structuredClone(parsed);
          next.push(value);
          ctx.setProperty('default', name, JSON.stringify(next));
        } else
          plan.complain(
            ctx,
            `Cannot add child, since the target ${JSON.stringify(parsed)} is not an JSON array`,
          );
      } else plan.complain(ctx, 'Action sibling is not supported when enriching properties with JSON data');
      return;
    }
    case 'variable':
      ctx.setVariable(t.property ?? '', value);
      return;
    default:
      // envelope targets never take this path (not native JSON).
      return;
  }
}
