/**
 * Compiles MI 4.4's `${…}` Synapse expressions: the text is parsed once into a tree, and the
 * tree into closures, so evaluation is a walk over prepared functions.
 */
import { compileXPath } from './compile-xpath.js';
import type { CompiledExpression, ExpressionContext } from './expression-types.js';
import { javaParseBoolean } from './java-text.js';
import { compileStep, pathFunction, variableJson, type StepFn } from './synapse-access.js';
import { SYNAPSE_FUNCTIONS, UNSUPPORTED_CALL } from './synapse-functions.js';
import type { Expr } from '../../model/expressions/synapse-ast.js';
import { parseSynapseExpression } from '../../model/expressions/synapse-parser.js';
import { valueText } from './value-text.js';
import { bodyAsJson } from './body-json.js';
import {
  arithmetic,
  asString,
  compare,
  double,
  JDouble,
  plain,
  requireBoolean,
  SynapseEvalError,
  type Val,
} from './synapse-values.js';

type Ev = (ctx: ExpressionContext) => Val;

/** A property or header as Synapse hands it to an expression: its text, or null. */
const text = (v: unknown): Val => (v === undefined || v === null ? null : valueText(v));

class Compiler {
  constructor(
    private readonly body: string,
    private readonly namespaces: Readonly<Record<string, string>>,
  ) {}

  private fail(problem: string): never {
    throw new Error(`Invalid expression \${${this.body}}: ${problem}.`);
  }

  /** A payload or variable path: the root value, then each step, then an ending function. */
  private path(root: Ev, steps: readonly StepFn[], fn: string | undefined): Ev {
    return (ctx) => {
      let v = root(ctx);
      for (const step of steps) v = step(v, ctx);
      return fn ? pathFunction(fn, v) : v;
    };
  }

  private call(name: string, args: readonly Expr[]): Ev {
    if (name === 'exists') {
      if (args.length !== 1 || !args[0]) this.fail('exists() takes 1 argument');
      const arg = this.compile(args[0]);
      return (ctx) => {
        try {
          return arg(ctx) !== null;
        } catch {
          return false;
        }
      };
    }
    if (name === 'xpath') {
      const [first] = args;
      if (args.length !== 1 || first?.t !== 'lit' || typeof first.v !== 'string') {
        this.fail('xpath() takes one string literal here (xpath on a variable is not supported by Mediate)');
      }
      const xp = compileXPath(first.v, first.v, this.namespaces);
      return (ctx) => xp.string(ctx);
    }
    const def = SYNAPSE_FUNCTIONS[name];
    if (!def) this.fail(`unknown function ${name}()`);
    if (args.length < def.min || args.length > def.max) {
      this.fail(
        `${name}() takes ${def.min === def.max ? def.min : `${def.min} to ${def.max}`} argument${def.max === 1 ? '' : 's'}, not ${args.length}`,
      );
    }
    const evs = args.map((a) => this.compile(a));
    return (ctx) => def.fn(evs.map((ev) => ev(ctx)));
  }

  compile(e: Expr): Ev {
    switch (e.t) {
      case 'lit': {
        const v: Val = e.isDouble && typeof e.v === 'number' ? double(e.v) : e.v;
        return () => v;
      }
      case 'array': {
        const items = e.items.map((i) => this.compile(i));
        return (ctx) => items.map((i) => plain(i(ctx)));
      }
      case 'unary': {
        const arg = this.compile(e.e);
        if (e.op === '!') return (ctx) => !requireBoolean(arg(ctx), "'!'");
        return (ctx) => {
          const v = arg(ctx);
          if (typeof v === 'number') return -v;
          if (v instanceof JDouble) return double(-v.v);
          throw new SynapseEvalError(`'-' of ${asString(v)}`);
        };
      }
      case 'bin': {
        const l = this.compile(e.l);
        const r = this.compile(e.r);
        const op = e.op;
        if (op === '&&' || op === '||') {
          // Synapse evaluates both sides and wants booleans on both.
          return (ctx) => {
            const a = requireBoolean(l(ctx), `'${op}'`);
            const b = requireBoolean(r(ctx), `'${op}'`);
            return op === '&&' ? a && b : a || b;
          };
        }
        if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
          return (ctx) => compare(op, l(ctx), r(ctx));
        }
        return (ctx) => {
          const a = l(ctx);
          const b = r(ctx);
          if (a === null || b === null) throw new SynapseEvalError(`null operand for '${op}'`);
          return arithmetic(op, a, b);
        };
      }
      case 'cond': {
        const [c, a, b] = [this.compile(e.c), this.compile(e.a), this.compile(e.b)];
        return (ctx) => (requireBoolean(c(ctx), 'the condition of ?:') ? a(ctx) : b(ctx));
      }
      case 'payload': {
        const root: Ev = (ctx) => {
          const json = ctx.json();
          if (json !== undefined) return json as Val;
          // EvaluationContext.getJSONResult: a payload that is not JSON is read as its body's JSON.
          const converted = bodyAsJson(ctx);
          if (converted === undefined) throw new SynapseEvalError('the message has no JSON payload');
          return converted as Val;
        };
        return this.path(root, this.steps(e.steps), e.fn);
      }
      case 'var': {
        const name = e.name;
        const read = (ctx: ExpressionContext): unknown => {
          const v = ctx.variable(name);
          if (v === undefined) throw new SynapseEvalError(`variable ${name} is not defined`);
          return v;
        };
        if (!e.steps.length && !e.fn) return (ctx) => read(ctx) as Val;
        return this.path((ctx) => variableJson(name, read(ctx)), this.steps(e.steps), e.fn);
      }
      case 'header': {
        const name = e.name;
        return (ctx) => text(ctx.property('transport', name));
      }
      case 'prop': {
        const { scope, name } = e;
        return (ctx) => text(ctx.property(scope, name));
      }
      case 'param': {
        const name = e.name;
        if (e.kind === 'func') return (ctx) => text(ctx.property('func', name));
        // API resources keep these as default-scope properties; the url scope is the fallback.
        const key = `${e.kind === 'query' ? 'query.param.' : 'uri.var.'}${name}`;
        return (ctx) => text(ctx.property('default', key) ?? ctx.property('url', name));
      }
      case 'call':
        return this.call(e.name, e.args);
    }
  }

  private steps(steps: Extract<Expr, { t: 'payload' }>['steps']): StepFn[] {
    return steps.map((s) => compileStep(s, (dyn) => this.compile(dyn)));
  }
}

/**
 * Compiles the body of a `${…}` expression. Throws an Error that says what is wrong for a
 * syntax error, an unknown function or name, or a feature Mediate does not provide.
 */
export function compileSynapse(
  source: string,
  body: string,
  namespaces: Readonly<Record<string, string>>,
): CompiledExpression {
  if (!body.trim()) throw new Error('Invalid expression ${}: the expression is empty.');
  const unsupported = UNSUPPORTED_CALL.exec(body);
  if (unsupported)
    throw new Error(`Invalid expression \${${body}}: ${unsupported[1]}() is not supported by Mediate.`);
  let tree: Expr;
  try {
    tree = parseSynapseExpression(body);
  } catch (e) {
    throw new Error(`Invalid expression \${${body}}: ${(e as Error).message}.`);
  }
  const ev = new Compiler(body, namespaces).compile(tree);

  // Synapse catches evaluation errors (a missing path, a type mismatch), logs a warning and
  // returns null, which reads as ''.
  const run = (ctx: ExpressionContext): Val | undefined => {
    try {
      return ev(ctx);
    } catch {
      return undefined;
    }
  };
  const string = (ctx: ExpressionContext): string => {
    const v = run(ctx);
    return v === undefined || v === null ? '' : (asString(v) ?? '');
  };
  return {
    source,
    kind: 'synapse',
    evaluate: (ctx) => {
      const v = run(ctx);
      return v === undefined ? undefined : plain(v);
    },
    string,
    // Filters parse the string value as a Java boolean.
    boolean: (ctx) => javaParseBoolean(string(ctx)),
  };
}
