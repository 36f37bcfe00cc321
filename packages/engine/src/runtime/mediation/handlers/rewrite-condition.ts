/**
 * A rewrite rule's condition (synapse-commons evaluators) as a function of the current URL and
 * the message: equal ignores case (EqualEvaluator), match is a full Java-regex match
 * (MatchEvaluator), and a source that gives null makes both false.
 */
import type { RewriteCondition, ConditionSource } from '../../../model/catalog/rewrite-rules.js';
import { javaRegex } from '../../../model/expressions/java-regex.js';
import type { MessageContext } from '../../message/message-context.js';
import { parseUri } from './uri-fragments.js';

type Test = (url: string, ctx: MessageContext) => boolean;
type Text = (url: string, ctx: MessageContext) => string | undefined;

/** EvaluatorContext.getParam: `name=value` pairs after `?`, values percent-decoded. */
function param(url: string, name: string): string | undefined {
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  for (const pair of url.slice(q + 1).split('&')) {
    const [k, v] = pair.split('=');
    if (k === name && v !== undefined && v !== '') {
      try {
        return decodeURIComponent(v);
      } catch {
        return v;
      }
    }
  }
  return undefined;
}

function compileSource(s: ConditionSource): Text {
  switch (s.type) {
    case 'header':
      // RewriteRule.getHeaders copies the headers into a HashMap: the name's case must match.
      return (_url, ctx) => {
        for (const h of ctx.transportHeaders()) if (h.name === s.name) return h.value;
        return undefined;
      };
    case 'param':
      return (url) => param(url, s.name);
    case 'property':
      return (_url, ctx) => {
        const v = ctx.property('default', s.name);
        return v === undefined || v === null ? undefined : String(v);
      };
    default: {
      const fragment = s.fragment;
      if (!fragment) return (url) => url;
      // URLTextRetriever: a URL that does not parse fails the evaluation (the rule is skipped).
      return (url) => {
        const f = parseUri(url);
        if (fragment === 'port') return String(f.port);
        if (fragment === 'protocol') return f.protocol;
        return f[fragment];
      };
    }
  }
}

function compile(c: RewriteCondition): Test {
  switch (c.op) {
    case 'equal': {
      const text = compileSource(c.source);
      const want = c.value.toLowerCase();
      return (url, ctx) => text(url, ctx)?.toLowerCase() === want;
    }
    case 'match': {
      const text = compileSource(c.source);
      const regex = javaRegex(c.regex);
      return (url, ctx) => {
        const t = text(url, ctx);
        return t !== undefined && regex.test(t);
      };
    }
    case 'and': {
      const items = c.items.map(compile);
      return (url, ctx) => items.every((t) => t(url, ctx));
    }
    case 'or': {
      const items = c.items.map(compile);
      return (url, ctx) => items.some((t) => t(url, ctx));
    }
    default: {
      const item = compile(c.item);
      return (url, ctx) => !item(url, ctx);
    }
  }
}

/** Compiles a condition; an evaluation error skips the rule (RewriteRule.rewrite). */
export function compileCondition(c: RewriteCondition): Test {
  const test = compile(c);
  return (url, ctx) => {
    try {
      return test(url, ctx);
    } catch {
      return false;
    }
  };
}
