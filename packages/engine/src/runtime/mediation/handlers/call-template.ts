/**
 * call-template (MI's InvokeMediator, TemplateMediator, TemplateContext): evaluates the
 * with-param values in the caller's context, pushes a frame of parameter values on the
 * message's function stack, and runs the template's sequence. Everything is compiled here, at
 * deploy time; per message only the `{…}` values are evaluated.
 */
import type { Node } from '@xmldom/xmldom';
import { templateParamValue } from '../../../model/catalog/call-template.js';
import { elementChildren, localName } from '../../../model/xml/xml-query.js';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import type { FaultHandler, MessageContext } from '../../message/message-context.js';
import type { CompiledTemplate, MediatorCompiler, SequenceSlot } from '../mediation-types.js';

/** How one with-param gets its value per message. */
type ParamValue = (ctx: MessageContext) => unknown;

/**
 * TemplateContext.resolveExpressionValue: an XPath gives its first node (Value.resolveObject's
 * selectSingleNode), text and attribute nodes as their text, an element as itself; JSONPath and
 * `${…}` give their string value (Value.evaluateValue).
 */
function onEntry(expr: CompiledExpression): ParamValue {
  if (expr.kind !== 'xpath') return (ctx) => expr.string(ctx);
  return (ctx) => {
    const v = expr.evaluate(ctx);
    if (!Array.isArray(v)) return v;
    const first = v[0] as Node | undefined;
    if (!first) return undefined;
    // Attribute (2), text (3) and CDATA (4) nodes give their text.
    const type: number = first.nodeType;
    return type === 2 || type === 3 || type === 4 ? first.nodeValue : first;
  };
}

/** A fault handler that runs the call-template's onError sequence. */
function onErrorHandler(slot: SequenceSlot): FaultHandler {
  return {
    name: slot.name,
    run: (ctx) => {
      const seq = slot.current;
      if (!seq) throw new Error(`Fault sequence '${slot.name}' does not exist.`);
      return seq.run(ctx);
    },
  };
}

/** Pops `h` when it is still on top of the fault stack (TemplateMediator, InvokeMediator). */
function popFault(ctx: MessageContext, h: FaultHandler | undefined): void {
  if (h && ctx.faults?.[ctx.faults.length - 1] === h) ctx.faults.pop();
}

/**
 * TemplateContext.setupParams: each declared parameter takes the caller's value, else its
 * default; a mandatory one with neither faults the message with ERROR_CODE 500101.
 */
function frameOf(
  t: CompiledTemplate,
  given: ReadonlyMap<string, ParamValue>,
  ctx: MessageContext,
): Map<string, unknown> {
  const frame = new Map<string, unknown>();
  for (const p of t.params) {
    const value = given.get(p.name);
    if (value === undefined) {
      if (p.mandatory) {
        const detail = `Neither a value nor default value is provided for mandatory parameter: ${p.name} in seq-template ${t.name}`;
        ctx.setProperty('default', 'ERROR_CODE', 500101);
        ctx.setProperty('default', 'ERROR_MESSAGE', detail);
        throw new Error(detail);
      }
      if (p.defaultValue !== undefined) frame.set(p.name, p.defaultValue);
      continue;
    }
    const v = value(ctx);
    if (v !== undefined && v !== null) frame.set(p.name, v);
  }
  return frame;
}

export const compileCallTemplate: MediatorCompiler<'callTemplate'> = (node, env) => {
  const v = node.values;
  const target = v.target.trim();
  const slot = env.template(target);
  const rowEls = elementChildren(node.element).filter((c) => localName(c.name) === 'with-param');
  const given = new Map<string, ParamValue>();
  v.params.forEach((row, i) => {
    const name = row.name;
    if (!name || row.value === undefined) return;
    const pv = templateParamValue(row.value);
    if (pv.kind === 'literal') {
      const text = pv.text;
      given.set(name, () => text);
      return;
    }
    // ValueFactory gives the expression the with-param element's namespaces.
    const expr = env.expression(pv.source, node, rowEls[i]);
    // `{{…}}`: the compiled expression itself is the value; `$func:name` evaluates it inside.
    given.set(name, pv.kind === 'deferred' ? () => expr : onEntry(expr));
  });
  const onError: SequenceSlot | undefined = v.onError ? env.sequence(v.onError) : undefined;
  const callHandler = onError ? onErrorHandler(onError) : undefined;

  return (ctx) => {
    const t = slot.current;
    if (!t) throw new Error(`Sequence template ${target} cannot be found`);
    // InvokeMediator pushes its onError, then TemplateMediator its own, then the frame.
    if (callHandler && onError?.current) (ctx.faults ??= []).push(callHandler);
    const tHandler = t.onError?.slot.current ? t.onError.handler : undefined;
    if (tHandler) (ctx.faults ??= []).push(tHandler);
    const frame = frameOf(t, given, ctx);
    (ctx.funcStack ??= []).push(frame);
    const done = (result: boolean): boolean => {
      // TemplateMediator pops the frame only when the sequence continues (result true).
      if (result) ctx.funcStack?.pop();
      popFault(ctx, tHandler);
      popFault(ctx, callHandler);
      return result;
    };
    const r = t.body(ctx);
    return typeof r === 'boolean' ? done(r) : r.then(done);
  };
};
