/**
 * The URL rewrite mediator (URLRewriteMediator, RewriteRule, RewriteAction): the input URL (the
 * property `inProperty`, else the To address) is taken apart, each rule whose condition holds
 * runs its actions on the parts in order, and the result goes to `outProperty`, else To. Rules,
 * regexes and XPaths are compiled here, once per deploy.
 */
import { javaRegexAll } from '../../../model/expressions/java-regex.js';
import {
  readRewriteRules,
  type RewriteActionSpec,
  type RewriteFragment,
} from '../../../model/catalog/rewrite-rules.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, MediatorCompiler } from '../mediation-types.js';
import { compileCondition } from './rewrite-condition.js';
import { emptyFragments, formatUri, parseUri, type UriFragments } from './uri-fragments.js';

type Action = (f: UriFragments, ctx: MessageContext) => UriFragments;
type StringPart = Exclude<RewriteFragment, 'full' | 'port'>;

/** Java's Matcher replacement text: `$n` and `${name}` are groups, `\x` is a literal x. */
function javaReplacement(text: string): (match: string, ...rest: unknown[]) => string {
  const parts: (string | number)[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) literal += text[++i];
    else if (c === '$' && /\d/.test(text[i + 1] ?? '')) {
      parts.push(literal, Number(text[++i]));
      literal = '';
    } else literal += c;
  }
  parts.push(literal);
  return (match, ...rest) => {
    const groups = rest.slice(0, -2) as (string | undefined)[];
    return parts.map((p) => (typeof p === 'string' ? p : p === 0 ? match : (groups[p - 1] ?? ''))).join('');
  };
}

/** RewriteAction's `resolve`: `{name}` becomes the property `name`; a missing one empties it all. */
function resolveParams(text: string, ctx: MessageContext): string {
  let out = text;
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const v = ctx.property('default', m[1] as string);
    if (typeof v === 'string' && v !== '') out = out.replaceAll(`{${m[1]}}`, v);
    else out = '';
  }
  return out;
}

function compileAction(a: RewriteActionSpec, env: CompileEnv, node: { xmlPath: readonly number[] }): Action {
  const expr = a.xpath !== undefined ? env.expression(a.xpath, node, a.element) : undefined;
  const result = (ctx: MessageContext): string | undefined => (expr ? expr.string(ctx) : a.value);
  if (a.fragment === 'full') return (_f, ctx) => parseUri(result(ctx) ?? '');
  if (a.fragment === 'port')
    return (f, ctx) => {
      const r = result(ctx);
      if (r === undefined) return { ...f, port: -1 };
      if (!/^[+-]?\d+$/.test(r)) throw new Error(`URL rewrite: the port '${r}' is not a number.`);
      return { ...f, port: Number(r) };
    };
  const part: StringPart = a.fragment;
  const query = part === 'query';
  const regex = a.type === 'replace' ? javaRegexAll(a.regex ?? '') : undefined;
  const compute = (current: string, r: string | undefined): string | undefined => {
    switch (a.type) {
      case 'prepend':
        return r === undefined ? '' : query && current ? `${r}&${current}` : r + current;
      case 'append':
        return r === undefined ? '' : query && current ? `${current}&${r}` : current + r;
      case 'replace':
        return r === undefined ? '' : current.replace(regex as RegExp, javaReplacement(r));
      case 'remove':
        return undefined;
      case 'remove-query-param': {
        if (!current) return '';
        const params = current.split('&');
        const name = new RegExp(`${r ?? ''}=`);
        const at = params.findIndex((p) => name.test(p));
        if (at !== -1) params.splice(at, 1);
        return params.join('&');
      }
      default:
        return r;
    }
  };
  return (f, ctx) => {
    let str = compute(f[part] ?? '', result(ctx));
    if (a.resolve && str !== undefined) str = resolveParams(str, ctx);
    const next = { ...f };
    if (str === undefined) delete next[part];
    else next[part] = str;
    return next;
  };
}

export const compileRewrite: MediatorCompiler<'rewrite'> = (node, env) => {
  // Validation reports every problem readRewriteRules finds; what is left compiles.
  const rules = readRewriteRules(node.element).rules.map((r) => ({
    condition: r.condition ? compileCondition(r.condition) : undefined,
    actions: r.actions.map((a) => compileAction(a, env, node)),
  }));
  const { inProperty, outProperty } = node.values;
  return (ctx) => {
    const input = inProperty !== undefined ? ctx.property('default', inProperty) : ctx.to;
    let f: UriFragments;
    if (typeof input === 'string') {
      try {
        f = parseUri(input);
      } catch {
        throw new Error(`URL rewrite: malformed input URI: ${input}`);
      }
    } else f = emptyFragments();
    for (const r of rules) {
      if (r.condition && !r.condition(formatUri(f), ctx)) continue;
      for (const act of r.actions) f = act(f, ctx);
    }
    const out = formatUri(f);
    if (outProperty !== undefined) ctx.setProperty('default', outProperty, out);
    else ctx.to = out;
    return true;
  };
};
