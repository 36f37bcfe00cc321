/**
 * Property mediator: set or remove a property in a scope, with Synapse's type conversions,
 * pattern/group extraction and dynamic names, all decided at compile time.
 */
import { DOMParser, type Node } from '@xmldom/xmldom';
import {
  JavaConversionError,
  javaIsTrueExplicitly,
  javaNarrow,
  javaParseDouble,
  javaParseWhole,
} from '../../../model/expressions/java-conversions.js';
import { javaRegex } from '../../../model/expressions/java-regex.js';
import type { MessageContext, WriteScope } from '../../message/message-context.js';
import type { MediatorCompiler } from '../mediation-types.js';
import { compileDynamic } from './dynamic.js';

/** Which mediator converts: the error text names it, as MI's does. */
type Converter = 'property' | 'variable';

/** MI's message (PropertyMediator.convertValue, v2 Utils.convertValue) for a failed conversion. */
function conversionMessage(type: string, by: Converter): string {
  return `Unknown type : ${type} for the ${by} mediator or the ${by} value cannot be converted into the specified type.`;
}

/**
 * A failed conversion. The first line of the message is MI's text (what ERROR_MESSAGE shows);
 * `reason` says what was wrong with the value (ERROR_DETAIL, and deploy diagnostics).
 */
export class ConversionError extends Error {
  constructor(
    type: string,
    readonly reason: string,
    by: Converter = 'property',
  ) {
    super(`${conversionMessage(type, by)}\n${reason}`);
  }
}

/** Runs one of the model's Java conversions, turning its complaint into MI's error. */
function java<T>(type: string, convert: () => T): T {
  try {
    return convert();
  } catch (e) {
    if (e instanceof JavaConversionError) throw new ConversionError(type, e.message);
    throw e;
  }
}

/**
 * Converts a string to a property type as Synapse's PropertyMediator.convertValue does.
 * INTEGER and SHORT from an expression tolerate a decimal point (XPath numbers print as `3.0`)
 * and truncate; LONG does not. BOOLEAN is JavaUtils.isTrueExplicitly.
 */
export function convertValue(
  value: string,
  type: string | undefined,
  fromExpression: boolean,
  by: Converter = 'property',
): unknown {
  const name = (type ?? 'STRING').toUpperCase();
  try {
    return convertTo(value, name, fromExpression);
  } catch (e) {
    if (e instanceof ConversionError && by !== 'property') throw new ConversionError(name, e.reason, by);
    throw e;
  }
}

function convertTo(value: string, name: string, fromExpression: boolean): unknown {
  switch (name) {
    case 'STRING':
      return value;
    case 'BOOLEAN':
      return javaIsTrueExplicitly(value);
    case 'INTEGER':
    case 'SHORT': {
      const bits = name === 'INTEGER' ? 32 : 16;
      if (fromExpression && value.includes('.'))
        return javaNarrow(
          java(name, () => javaParseDouble(value)),
          bits,
        );
      return java(name, () => javaParseWhole(value, name, bits));
    }
    case 'LONG':
      return java(name, () => javaParseWhole(value, name, 64));
    case 'DOUBLE':
    case 'FLOAT':
      return java(name, () => javaParseDouble(value));
    case 'OM': {
      let error: string | undefined;
      const doc = new DOMParser({
        onError: (level, msg) => void (level !== 'warning' && (error ??= msg)),
      }).parseFromString(value, 'text/xml');
      if (error || !doc.documentElement)
        throw new ConversionError(name, `The value of an OM property is not XML: ${error ?? value}`);
      return doc.documentElement;
    }
    case 'JSON':
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    default:
      throw new ConversionError(name, `There is no type '${name}'.`);
  }
}

/** A conversion at deploy time: a bad literal fails the deploy with the reason. */
function convertLiteral(value: string, type: string | undefined, by: Converter = 'property'): unknown {
  try {
    return convertValue(value, type, false, by);
  } catch (e) {
    throw new Error(e instanceof ConversionError ? e.reason : (e as Error).message);
  }
}

export const compileProperty: MediatorCompiler<'property'> = (node, env) => {
  const v = node.values;
  const scope: WriteScope = v.scope;
  const name = compileDynamic(v.name, node, env);
  const nameOf = typeof name === 'string' ? () => name : (ctx: MessageContext) => name.string(ctx);
  if (v.action === 'remove') {
    return (ctx) => {
      ctx.setProperty(scope, nameOf(ctx), undefined);
      return true;
    };
  }
  const type = v.type;
  const pattern = v.pattern !== undefined ? javaRegex(v.pattern) : undefined;
  const group = v.group ?? 0;
  // getMatchedValue: only a String result is matched, as a whole (Matcher.matches()); no match,
  // or a group the pattern does not have, gives ''.
  const extract = (value: unknown): unknown => {
    if (!pattern || typeof value !== 'string') return value;
    const m = pattern.exec(value);
    return m ? (m[group] ?? '') : '';
  };
  if (v.value !== undefined) {
    // A literal is converted once, at deploy time (setValue), then matched per message.
    const constant = extract(convertLiteral(v.value, type));
    return (ctx) => {
      ctx.setProperty(scope, nameOf(ctx), constant);
      return true;
    };
  }
  if (v.inlineXml !== undefined) {
    const xml = convertLiteral(v.inlineXml, 'OM') as Node;
    // Cloned per message (valueElement.cloneOMElement()), so no two messages share it.
    return (ctx) => {
      ctx.setProperty(scope, nameOf(ctx), xml.cloneNode(true));
      return true;
    };
  }
  const expr = env.expression(v.expression ?? '', node);
  return (ctx) => {
    let value: unknown;
    const raw = type === 'OM' ? expr.evaluate(ctx) : undefined;
    if (Array.isArray(raw) && (raw[0] as Node | undefined)?.nodeType === 1) {
      // An element selected by the expression is taken (a copy) rather than reparsed from text.
      value = (raw[0] as Node).cloneNode(true);
    } else value = extract(convertValue(expr.string(ctx), type, true));
    ctx.setProperty(scope, nameOf(ctx), value);
    return true;
  };
};

export const compileVariable: MediatorCompiler<'variable'> = (node, env) => {
  const v = node.values;
  const name = v.name;
  if (v.action === 'remove') {
    return (ctx) => {
      ctx.setVariable(name, undefined);
      return true;
    };
  }
  const type = v.type;
  const target = type === 'XML' || type === 'OM' ? 'OM' : type;
  // v2 Utils: no decimal truncation for variables, even from an expression.
  const convert = (s: string) => convertValue(s, target, false, 'variable');
  if (v.value !== undefined) {
    const constant = convertLiteral(v.value, target, 'variable');
    return (ctx) => {
      ctx.setVariable(name, constant);
      return true;
    };
  }
  const expr = env.expression(v.expression ?? '', node);
  return (ctx) => {
    const raw = type === 'JSON' ? expr.evaluate(ctx) : undefined;
    ctx.setVariable(name, raw !== undefined && typeof raw === 'object' ? raw : convert(expr.string(ctx)));
    return true;
  };
};
