/**
 * Reads a `<rewrite>` element's rules (URLRewriteMediatorFactory) and their conditions (the
 * evaluators of synapse-commons: EvaluatorFactoryFinder's equal, match, and, or, not) into plain
 * data, with every problem MI's factories refuse at deploy time as a located issue. Validation
 * reports the issues; the runtime compiles the rules. Browser-safe.
 */
import { checkExpression } from '../expressions/expression-check.js';
import { javaRegex } from '../expressions/java-regex.js';
import { attribute, elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import type { ElementIssue } from './catalog-types.js';

/** URIFragments' parts, plus `full` (the whole URI, the default). */
export const REWRITE_FRAGMENTS = [
  'protocol',
  'user',
  'host',
  'port',
  'path',
  'query',
  'ref',
  'full',
] as const;
export type RewriteFragment = (typeof REWRITE_FRAGMENTS)[number];

/** RewriteAction's types (`set` when absent). */
export const REWRITE_ACTIONS = [
  'set',
  'append',
  'prepend',
  'replace',
  'remove',
  'remove-query-param',
] as const;
export type RewriteActionType = (typeof REWRITE_ACTIONS)[number];

/** The URL fragments a `type="url"` condition may name (EvaluatorConstants.URI_FRAGMENTS). */
const URL_SOURCES = ['protocol', 'user', 'host', 'port', 'path', 'query', 'ref'] as const;

/** Where a condition reads its text (TextProcessingEvaluatorFactory's retrievers). */
export type ConditionSource =
  | { readonly type: 'header' | 'param' | 'property'; readonly name: string }
  | { readonly type: 'url'; readonly fragment?: (typeof URL_SOURCES)[number] };

/** A rule's condition. */
export type RewriteCondition =
  | { readonly op: 'equal'; readonly source: ConditionSource; readonly value: string }
  | { readonly op: 'match'; readonly source: ConditionSource; readonly regex: string }
  | { readonly op: 'and' | 'or'; readonly items: readonly RewriteCondition[] }
  | { readonly op: 'not'; readonly item: RewriteCondition };

export interface RewriteActionSpec {
  readonly type: RewriteActionType;
  readonly fragment: RewriteFragment;
  readonly value?: string;
  readonly xpath?: string;
  readonly regex?: string;
  /** `resolve="true"`: `{name}` in the result is replaced by the property `name`. */
  readonly resolve: boolean;
  readonly element: XmlElement;
}

export interface RewriteRuleSpec {
  readonly condition?: RewriteCondition;
  readonly actions: readonly RewriteActionSpec[];
}

const named = (el: XmlElement, name: string) => elementChildren(el).filter((c) => localName(c.name) === name);
const regexProblem = (source: string) => {
  try {
    javaRegex(source);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
};

function readSource(el: XmlElement, issues: ElementIssue[]): ConditionSource | undefined {
  const type = attribute(el, 'type');
  const source = attribute(el, 'source');
  const need = (t: 'header' | 'param' | 'property'): ConditionSource | undefined => {
    if (source !== undefined) return { type: t, name: source };
    issues.push({
      code: 'REWRITE_CONDITION',
      message: `<${localName(el.name)}> needs a 'source' attribute.`,
      at: el,
    });
    return undefined;
  };
  if (type === undefined || type === 'header') return need('header');
  if (type === 'param' || type === 'property') return need(type);
  if (type === 'url') {
    if (source === undefined) return { type: 'url' };
    if ((URL_SOURCES as readonly string[]).includes(source))
      return { type: 'url', fragment: source as (typeof URL_SOURCES)[number] };
    issues.push({
      code: 'REWRITE_CONDITION',
      message: `A url condition's source '${source}' is not one of ${URL_SOURCES.join(', ')}.`,
      at: el,
    });
    return undefined;
  }
  issues.push({
    code: 'REWRITE_CONDITION',
    message:
      type === 'soap'
        ? "Conditions of type 'soap' are not supported by Mediate; use header, param, url or property."
        : `Unknown condition type '${type}'; expected header, param, url or property.`,
    at: el,
  });
  return undefined;
}

function readCondition(el: XmlElement, issues: ElementIssue[]): RewriteCondition | undefined {
  const op = localName(el.name);
  const kids = elementChildren(el);
  switch (op) {
    case 'equal':
    case 'match': {
      const source = readSource(el, issues);
      const key = op === 'equal' ? 'value' : 'regex';
      const text = attribute(el, key);
      if (text === undefined) {
        issues.push({ code: 'REWRITE_CONDITION', message: `<${op}> needs a '${key}' attribute.`, at: el });
        return undefined;
      }
      if (op === 'match') {
        const p = regexProblem(text);
        if (p) issues.push({ code: 'REGEX_SYNTAX', message: `<match> regex is not valid: ${p}`, at: el });
      }
      if (!source) return undefined;
      return op === 'equal' ? { op, source, value: text } : { op, source, regex: text };
    }
    case 'and':
    case 'or': {
      if (kids.length < 2) {
        issues.push({ code: 'REWRITE_CONDITION', message: `<${op}> needs two or more conditions.`, at: el });
        return undefined;
      }
      const items = kids.map((k) => readCondition(k, issues));
      return items.every((i) => i) ? { op, items: items as RewriteCondition[] } : undefined;
    }
    case 'not': {
      const first = kids[0];
      if (!first) {
        issues.push({ code: 'REWRITE_CONDITION', message: '<not> needs a condition.', at: el });
        return undefined;
      }
      const item = readCondition(first, issues);
      return item ? { op, item } : undefined;
    }
    default:
      issues.push({
        code: 'REWRITE_CONDITION',
        message: `<${op}> is not a condition; expected equal, match, and, or or not.`,
        at: el,
      });
      return undefined;
  }
}

function readAction(el: XmlElement, issues: ElementIssue[]): RewriteActionSpec | undefined {
  const problem = (code: string, message: string, field?: string) =>
    issues.push({ code, message, at: el, ...(field ? { field } : {}) });
  const type = (attribute(el, 'type') ?? 'set') as RewriteActionType;
  const fragment = (attribute(el, 'fragment') ?? 'full') as RewriteFragment;
  const value = attribute(el, 'value');
  const xpath = attribute(el, 'xpath');
  const regex = attribute(el, 'regex');
  const before = issues.length;
  if (!(REWRITE_ACTIONS as readonly string[]).includes(type))
    problem(
      'REWRITE_ACTION_TYPE',
      `Unknown rewrite action type '${type}'; expected ${REWRITE_ACTIONS.join(', ')}.`,
    );
  if (!(REWRITE_FRAGMENTS as readonly string[]).includes(fragment))
    problem(
      'REWRITE_FRAGMENT',
      `Unknown URL fragment '${fragment}'; expected ${REWRITE_FRAGMENTS.join(', ')}.`,
    );
  if (value === undefined && xpath === undefined && type !== 'remove')
    problem('REWRITE_ACTION_VALUE', `A rewrite action of type '${type}' needs a value or an xpath.`);
  if (xpath !== undefined) {
    const p = checkExpression(xpath);
    if (p) problem('EXPRESSION_SYNTAX', `The action's xpath: ${p}`);
  }
  if (type === 'replace') {
    if (regex === undefined) problem('REWRITE_ACTION_REGEX', 'A replace action needs a regex attribute.');
    else {
      const p = regexProblem(regex);
      if (p) problem('REGEX_SYNTAX', `The replace action's regex is not valid: ${p}`);
    }
  }
  if (type === 'remove-query-param' && fragment !== 'query')
    problem('REWRITE_ACTION_TYPE', 'Action remove-query-param is only allowed for the query fragment.');
  if (fragment === 'port' && xpath === undefined && value !== undefined && !/^[+-]?\d+$/.test(value))
    problem('REWRITE_PORT', `The port '${value}' is not a whole number.`);
  if (issues.length > before) return undefined;
  return {
    type,
    fragment,
    resolve: attribute(el, 'resolve')?.toLowerCase() === 'true',
    element: el,
    ...(xpath !== undefined ? { xpath } : value !== undefined ? { value } : {}),
    ...(regex !== undefined ? { regex } : {}),
  };
}

/** The rules of a `<rewrite>` element in order, and the problems MI would refuse it for. */
export function readRewriteRules(el: XmlElement): { rules: RewriteRuleSpec[]; issues: ElementIssue[] } {
  const issues: ElementIssue[] = [];
  const rules = named(el, 'rewriterule').map((rule): RewriteRuleSpec => {
    const actions = named(rule, 'action').flatMap((a) => readAction(a, issues) ?? []);
    // URLRewriteMediatorFactory reads the first <condition>'s first element; an empty one is none.
    const first = named(rule, 'condition')[0];
    const test = first ? elementChildren(first)[0] : undefined;
    const condition = test ? readCondition(test, issues) : undefined;
    return { actions, ...(condition ? { condition } : {}) };
  });
  return { rules, issues };
}
