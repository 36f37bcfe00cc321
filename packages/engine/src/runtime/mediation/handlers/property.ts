/**
 * Property mediator: set or remove a property in a scope, with Synapse's type conversions,
 * pattern/group extraction and dynamic names, all decided at compile time.
 */
import { DOMParser } from '@xmldom/xmldom';
import { javaRegex } from '../../../model/expressions/java-regex.js';
import type { MessageContext, WriteScope } from '../../message/message-context.js';
import type { MediatorCompiler } from '../mediation-types.js';

/** Converts a string to a property type as Synapse's convertValue does. */
export function convertValue(value: string, type: string | undefined, fromExpression: boolean): unknown {
  switch ((type ?? 'STRING').toUpperCase()) {
    case 'STRING':
      return value;
    case 'BOOLEAN': {
      const s = value.trim().toLowerCase();
      return s === 'true' || s === '1' || s === 'yes';
    }
    case 'INTEGER':
    case 'SHORT':
    case 'LONG': {
      const n = fromExpression ? Math.trunc(Number(value)) : Number(value.trim());
      if (!Number.isInteger(n)) throw new Error(`Unable to convert '${value}' to ${type}.`);
      return n;
    }
    case 'DOUBLE':
    case 'FLOAT': {
      const n = Number(value.trim());
      if (Number.isNaN(n)) throw new Error(`Unable to convert '${value}' to ${type}.`);
      return n;
    }
    case 'OM': {
      let error: string | undefined;
      const doc = new DOMParser({
        onError: (level, msg) => void (level !== 'warning' && (error ??= msg)),
      }).parseFromString(value, 'text/xml');
      if (error || !doc.documentElement)
        throw new Error(`The value of an OM property is not XML: ${error ?? value}`);
      return doc.documentElement;
    }
    case 'JSON':
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    default:
      throw new Error(`Unknown type : ${type} for the property mediator.`);
  }
}

function setProperty(ctx: MessageContext, scope: WriteScope, name: string, value: unknown): void {
  // Setting RESPONSE marks the message as a response, as Axis2MessageContext does.
  if (name === 'RESPONSE' && scope === 'default') ctx.response = value === 'true';
  ctx.setProperty(scope, name, value);
}

export const compileProperty: MediatorCompiler = (node, env) => {
  const v = node.values;
  const scope = String(v.scope ?? 'default') as WriteScope;
  const rawName = String(v.name ?? '');
  const dynamicName = /^\{.*\}$/s.test(rawName.trim())
    ? env.expression(rawName.trim().slice(1, -1), node)
    : undefined;
  const nameOf = dynamicName ? (ctx: MessageContext) => dynamicName.string(ctx) : () => rawName;
  if (v.action === 'remove') {
    return (ctx) => {
      setProperty(ctx, scope, nameOf(ctx), undefined);
      return true;
    };
  }
  const type = v.type as string | undefined;
  const pattern = v.pattern !== undefined ? javaRegex(String(v.pattern)) : undefined;
  const group = v.group !== undefined ? Number(v.group) : 0;
  const extract = (s: string): string => {
    if (!pattern) return s;
    const m = pattern.exec(s);
    return m ? (m[group] ?? '') : '';
  };
  if (v.value !== undefined) {
    // A literal is converted once, at deploy time.
    const constant = convertValue(extract(String(v.value)), type, false);
    return (ctx) => {
      setProperty(ctx, scope, nameOf(ctx), constant);
      return true;
    };
  }
  if (v.inlineXml !== undefined) {
    const xml = convertValue(String(v.inlineXml), 'OM', false);
    return (ctx) => {
      setProperty(ctx, scope, nameOf(ctx), xml);
      return true;
    };
  }
  const expr = env.expression(String(v.expression ?? ''), node);
  const typeName = (type ?? 'STRING').toUpperCase();
  return (ctx) => {
    let value: unknown;
    if (typeName === 'OM' && !pattern) {
      const raw = expr.evaluate(ctx);
      value = Array.isArray(raw) ? raw[0] : convertValue(expr.string(ctx), 'OM', true);
    } else value = convertValue(extract(expr.string(ctx)), type, true);
    setProperty(ctx, scope, nameOf(ctx), value);
    return true;
  };
};

export const compileVariable: MediatorCompiler = (node, env) => {
  const v = node.values;
  const name = String(v.name ?? '');
  if (v.action === 'remove') {
    return (ctx) => {
      ctx.setVariable(name, undefined);
      return true;
    };
  }
  const type = String(v.type ?? 'STRING').toUpperCase();
  const convert = (s: string, fromExpr: boolean) =>
    type === 'XML' ? convertValue(s, 'OM', fromExpr) : convertValue(s, type, fromExpr);
  if (v.value !== undefined) {
    const constant = convert(String(v.value), false);
    return (ctx) => {
      ctx.setVariable(name, constant);
      return true;
    };
  }
  const expr = env.expression(String(v.expression ?? ''), node);
  return (ctx) => {
    const raw = type === 'JSON' ? expr.evaluate(ctx) : undefined;
    ctx.setVariable(
      name,
      raw !== undefined && typeof raw === 'object' ? raw : convert(expr.string(ctx), true),
    );
    return true;
  };
};
