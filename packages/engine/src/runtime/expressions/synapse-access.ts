/**
 * Reading `payload…` and `vars.x…` paths. Definite steps are plain property and index reads;
 * the indefinite tail (wildcards, `..`, filters, slices) runs through jsonpath-plus with an
 * evaluator built at compile time. A step that finds nothing is an error, as Jayway's
 * PathNotFoundException is in Synapse.
 */
import { JSONPath } from 'jsonpath-plus';

import type { ExpressionContext } from './expression-types.js';
import type { Step } from '../../model/expressions/synapse-ast.js';
import { asString, double, isNumeric, num, SynapseEvalError, type Val } from './synapse-values.js';

/** A compiled step: evaluation of a computed index needs the message. */
export type StepFn = (v: Val, ctx: ExpressionContext) => Val;

function isRecord(v: Val): v is Record<string, Val> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype
  );
}

function member(v: Val, name: string): Val {
  if (isRecord(v) && Object.hasOwn(v, name)) return v[name] ?? null;
  // A variable may hold a Map (Synapse reads keys of Map variables the same way).
  if (v instanceof Map && v.has(name)) return (v.get(name) as Val) ?? null;
  throw new SynapseEvalError(`no '${name}' in ${asString(v)}`);
}

function element(v: Val, i: number): Val {
  if (Array.isArray(v)) {
    const at = i < 0 ? v.length + i : i;
    if (Number.isInteger(at) && at >= 0 && at < v.length) return (v[at] as Val) ?? null;
  }
  throw new SynapseEvalError(`no index ${i} in ${asString(v)}`);
}

/** Compiles one step; `evalDyn` compiles the expression of a computed index. */
export function compileStep(
  step: Step,
  evalDyn: (e: Extract<Step, { k: 'dyn' }>['e']) => (ctx: ExpressionContext) => Val,
): StepFn {
  switch (step.k) {
    case 'prop':
      return (v) => member(v, step.name);
    case 'index':
      return (v) => element(v, step.n);
    case 'dyn': {
      const key = evalDyn(step.e);
      return (v, ctx) => {
        const k = key(ctx);
        if (isNumeric(k)) return element(v, num(k));
        if (typeof k === 'string') return member(v, k);
        throw new SynapseEvalError(`cannot index with ${asString(k)}`);
      };
    }
    case 'path': {
      const path = `$${step.text}`;
      // wrap:true: an indefinite path always gives a list, as Jayway does.
      const evaluator = JSONPath({ path, wrap: true, autostart: false, ignoreEvalErrors: true });
      return (v) => {
        if (typeof v !== 'object' || v === null)
          throw new SynapseEvalError(`cannot apply ${path} to ${asString(v)}`);
        return (evaluator.evaluate(path, v) as Val) ?? [];
      };
    }
  }
}

function numbers(v: Val, fn: string): number[] {
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => isNumeric(x as Val))) {
    throw new SynapseEvalError(`${fn}() needs a non-empty list of numbers`);
  }
  return v.map((x) => num(x as number));
}

/** Applies a JSONPath function that ends a path (`.length()`, `.sum()`…). */
export function pathFunction(fn: string, v: Val): Val {
  switch (fn) {
    case 'length':
    case 'size':
      if (Array.isArray(v)) return v.length;
      if (typeof v === 'string') return v.length;
      if (isRecord(v)) return Object.keys(v).length;
      throw new SynapseEvalError(`${fn}() of ${asString(v)}`);
    case 'keys':
      if (isRecord(v)) return Object.keys(v);
      throw new SynapseEvalError(`keys() of ${asString(v)}`);
    case 'first':
    case 'last':
      return element(v, fn === 'first' ? 0 : -1);
    case 'min':
      return double(Math.min(...numbers(v, fn)));
    case 'max':
      return double(Math.max(...numbers(v, fn)));
    case 'sum':
      return double(numbers(v, fn).reduce((a, b) => a + b, 0));
    case 'avg': {
      const ns = numbers(v, fn);
      return double(ns.reduce((a, b) => a + b, 0) / ns.length);
    }
    default: {
      const ns = numbers(v, fn);
      const mean = ns.reduce((a, b) => a + b, 0) / ns.length;
      return double(Math.sqrt(ns.reduce((a, b) => a + (b - mean) ** 2, 0) / ns.length));
    }
  }
}

/** A variable's value as JSON to navigate: JSON text stored as a string is parsed. */
export function variableJson(name: string, v: unknown): Val {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as Val;
    } catch {
      throw new SynapseEvalError(`variable ${name} is not JSON`);
    }
  }
  if (typeof v === 'object' && v !== null && 'nodeType' in v)
    throw new SynapseEvalError(`variable ${name} holds XML, not JSON`);
  return v as Val;
}
