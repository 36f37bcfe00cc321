/**
 * Parses the text of a `${…}` expression into a small tree. Operator precedence, from loosest:
 * `?:`, `||`/`or`, `&&`/`and`, `==` `!=`, `<` `<=` `>` `>=`, `+` `-`, `*` `/` `%`, unary `-` `!`.
 */
import { PATH_FUNCTIONS, type Expr, type Step } from './synapse-ast.js';
import { Lexer, SynapseSyntaxError, type Token } from './synapse-lexer.js';

const SYNAPSE_ROOT_IN_FILTER = /(?<![@.\w])(vars|var|props|properties|headers|params|payload|configs)\s*[.[]/;

const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||', 'or'],
  ['&&', 'and'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

const PARAM_KINDS: Readonly<Record<string, 'query' | 'path' | 'func'>> = {
  queryParams: 'query',
  pathParams: 'path',
  uriParams: 'path',
  functionParams: 'func',
};

class Parser {
  private readonly lex: Lexer;

  constructor(text: string) {
    this.lex = new Lexer(text);
  }

  parse(): Expr {
    const e = this.expression();
    const rest = this.lex.next();
    if (rest.type !== 'eof') throw this.unexpected(rest);
    return e;
  }

  private unexpected(t: Token): SynapseSyntaxError {
    return new SynapseSyntaxError(
      t.type === 'eof'
        ? 'the expression ends too early'
        : `unexpected '${this.lex.text.slice(t.pos, this.lex.offset) || t.value}' at position ${t.pos}`,
    );
  }

  private isOp(value: string, t = this.lex.peek()): boolean {
    return (t.type === 'op' || t.type === 'ident') && t.value === value;
  }

  private expect(value: string): void {
    const t = this.lex.next();
    if (!this.isOp(value, t))
      throw t.type === 'eof' ? new SynapseSyntaxError(`expected '${value}' at the end`) : this.unexpected(t);
  }

  private name(): string {
    const t = this.lex.next();
    if (t.type === 'ident') return t.value;
    if (t.type === 'op' && t.value === '[') {
      const s = this.lex.next();
      if (s.type !== 'str') throw this.unexpected(s);
      this.expect(']');
      return s.value;
    }
    throw this.unexpected(t);
  }

  /** `.name` or `["name"]` after a root word such as `headers`. */
  private member(): string {
    if (this.isOp('.')) this.lex.next();
    else if (!this.isOp('[')) throw this.unexpected(this.lex.next());
    return this.name();
  }

  private expression(): Expr {
    const c = this.binary(0);
    if (!this.isOp('?')) return c;
    this.lex.next();
    const a = this.expression();
    this.expect(':');
    return { t: 'cond', c, a, b: this.expression() };
  }

  private binary(level: number): Expr {
    const ops = BINARY_LEVELS[level];
    if (!ops) return this.unary();
    let l = this.binary(level + 1);
    for (;;) {
      const t = this.lex.peek();
      if ((t.type !== 'op' && t.type !== 'ident') || !ops.includes(t.value)) return l;
      this.lex.next();
      l = {
        t: 'bin',
        op: t.value === 'or' ? '||' : t.value === 'and' ? '&&' : t.value,
        l,
        r: this.binary(level + 1),
      };
    }
  }

  private unary(): Expr {
    if (this.isOp('-') || this.isOp('!')) {
      const op = this.lex.next().value as '-' | '!';
      return { t: 'unary', op, e: this.unary() };
    }
    if (this.isOp('+')) this.lex.next();
    return this.primary();
  }

  private primary(): Expr {
    const t = this.lex.next();
    if (t.type === 'num') return { t: 'lit', v: t.value, isDouble: t.isDouble };
    if (t.type === 'str') return { t: 'lit', v: t.value };
    if (t.type === 'op') {
      if (t.value === '(') {
        const e = this.expression();
        this.expect(')');
        return e;
      }
      if (t.value === '[') return { t: 'array', items: this.list(']') };
      if (t.value === '$') return this.payload();
      throw this.unexpected(t);
    }
    if (t.type !== 'ident') throw this.unexpected(t);
    switch (t.value) {
      case 'true':
      case 'false':
        return { t: 'lit', v: t.value === 'true' };
      case 'null':
        return { t: 'lit', v: null };
      case 'payload':
        return this.payload();
      case 'vars':
      case 'var': {
        const name = this.member();
        const { steps, fn } = this.steps();
        return { t: 'var', name, steps, ...(fn ? { fn } : {}) };
      }
      case 'headers':
        return { t: 'header', name: this.member() };
      case 'props':
      case 'properties': {
        const scope = this.member();
        if (scope !== 'synapse' && scope !== 'axis2')
          throw new SynapseSyntaxError(`unknown property scope '${scope}' (use synapse or axis2)`);
        return { t: 'prop', scope: scope === 'synapse' ? 'default' : 'axis2', name: this.member() };
      }
      case 'params': {
        const group = this.member();
        const kind = PARAM_KINDS[group];
        if (!kind)
          throw new SynapseSyntaxError(
            `unknown parameter group '${group}' (use queryParams, pathParams or functionParams)`,
          );
        return { t: 'param', kind, name: this.member() };
      }
      case 'configs':
      case 'config':
        throw new SynapseSyntaxError(`'${t.value}.' (config parameters) is not supported by Mediate`);
      default:
        if (this.isOp('(')) {
          this.lex.next();
          return { t: 'call', name: t.value, args: this.list(')') };
        }
        throw new SynapseSyntaxError(`unknown name '${t.value}' at position ${t.pos}`);
    }
  }

  private list(close: string): Expr[] {
    const items: Expr[] = [];
    if (this.isOp(close)) {
      this.lex.next();
      return items;
    }
    for (;;) {
      items.push(this.expression());
      if (this.isOp(close)) {
        this.lex.next();
        return items;
      }
      this.expect(',');
    }
  }

  private payload(): Expr {
    const { steps, fn } = this.steps();
    return { t: 'payload', steps, ...(fn ? { fn } : {}) };
  }

  /**
   * The path after a root. Definite steps (`.a`, `["a"]`, `[0]`, `[expr]`) stay steps; from the
   * first indefinite one (`*`, `..`, a filter, slice or union) the rest becomes JSONPath text.
   */
  private steps(): { steps: Step[]; fn?: string } {
    const steps: Step[] = [];
    let tail = '';
    const add = (step: Step, text: string) => {
      if (tail || step.k === 'path') {
        if (step.k === 'dyn')
          throw new SynapseSyntaxError(
            'a computed index after a wildcard, filter or ".." is not supported by Mediate',
          );
        tail += text;
      } else steps.push(step);
    };
    for (;;) {
      if (this.isOp('.') || this.isOp('..')) {
        const dots = this.lex.next().value;
        const t = this.lex.next();
        if (t.type === 'op' && t.value === '*')
          add({ k: 'path', text: '' }, `${dots === '..' ? '..' : '.'}*`);
        else if (t.type === 'ident' && dots === '.' && PATH_FUNCTIONS.has(t.value) && this.isOp('(')) {
          this.lex.next();
          this.expect(')');
          return this.finish(steps, tail, t.value);
        } else if (t.type === 'ident' || t.type === 'str') {
          add(
            dots === '..' ? { k: 'path', text: '' } : { k: 'prop', name: t.value },
            `${dots === '..' ? '..' : ''}${quoteName(t.value)}`,
          );
        } else throw this.unexpected(t);
      } else if (this.isOp('[')) {
        this.lex.next();
        this.bracket(add);
      } else return this.finish(steps, tail);
    }
  }

  private finish(steps: Step[], tail: string, fn?: string): { steps: Step[]; fn?: string } {
    if (tail) steps.push({ k: 'path', text: tail });
    return fn ? { steps, fn } : { steps };
  }

  private bracket(add: (step: Step, text: string) => void): void {
    const start = this.lex.offset;
    const raw = (): void => {
      const body = this.lex.rawBracketBody();
      // Synapse substitutes `vars.min` in `[?(@.age > vars.min)]`; jsonpath-plus would just
      // find nothing, so say so at deploy time.
      const root = SYNAPSE_ROOT_IN_FILTER.exec(body);
      if (root) throw new SynapseSyntaxError(`a filter that reads '${root[1]}' is not supported by Mediate`);
      add({ k: 'path', text: '' }, `[${body}]`);
    };
    const first = this.lex.peek();
    if (first.type === 'op' && (first.value === '*' || first.value === '?' || first.value === ':'))
      return raw();
    const e = this.expression();
    const after = this.lex.peek();
    if (after.type === 'op' && (after.value === ':' || after.value === ',')) {
      // A slice or union: hand its text to JSONPath as written.
      this.lex.reset(start);
      return raw();
    }
    this.expect(']');
    if (e.t === 'lit' && typeof e.v === 'string') add({ k: 'prop', name: e.v }, quoteName(e.v));
    else if (e.t === 'lit' && typeof e.v === 'number') add({ k: 'index', n: e.v }, `[${e.v}]`);
    else if (e.t === 'unary' && e.op === '-' && e.e.t === 'lit' && typeof e.e.v === 'number')
      add({ k: 'index', n: -e.e.v }, `[-${e.e.v}]`);
    else add({ k: 'dyn', e }, '');
  }
}

/** A member name as a JSONPath bracket step. */
function quoteName(name: string): string {
  return `['${name.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`;
}

/** Parses the body of `${…}`; throws SynapseSyntaxError saying what is wrong. */
export function parseSynapseExpression(text: string): Expr {
  return new Parser(text).parse();
}
