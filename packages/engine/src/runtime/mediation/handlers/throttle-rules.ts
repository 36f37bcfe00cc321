/**
 * Which rule of a throttle policy applies to a caller, as MI's IPBaseThrottleConfiguration and
 * DomainBaseThrottleConfiguration find it (getConfigurationKeyOfCaller): the rule's key, not the
 * caller's own address, names the counter, so every caller under `other` shares one window.
 */
import type { ThrottleRule } from '../../../model/catalog/throttle-policy.js';

/** The rules of one type, looked up by caller. */
export interface RuleSet {
  /** The key and rule for a caller, or undefined when no rule (and no `other`) applies. */
  match(caller: string): { readonly key: string; readonly rule: ThrottleRule } | undefined;
  readonly empty: boolean;
}

const OTHER = 'other';

/** The last dotted part as a number (`toInt` in MI), or NaN. */
function lastPart(ip: string): number {
  const i = ip.lastIndexOf('.');
  const s = ip.slice(i + 1).trim();
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

/** IP rules: an exact address, a range `a.b.c.x-a.b.c.y` (last part only), `a.b.c.*`, then `other`. */
export function ipRules(rules: readonly ThrottleRule[]): RuleSet {
  const byKey = new Map<string, { rule: ThrottleRule; upper?: string }>();
  let other: ThrottleRule | undefined;
  for (const rule of rules) {
    const [first, second] = rule.id.split('-').map((s) => s.trim());
    if (!first) continue;
    if (first === OTHER) other = rule;
    else byKey.set(first, { rule, ...(second ? { upper: second } : {}) });
  }
  const otherMatch = other && { key: OTHER, rule: other };
  return {
    empty: byKey.size === 0 && !other,
    match(caller) {
      const ip = caller.trim();
      const exact = byKey.get(ip);
      if (exact) return { key: ip, rule: exact.rule };
      const i = ip.lastIndexOf('.');
      if (i > 0) {
        const net = ip.slice(0, i);
        const host = lastPart(ip);
        for (const [key, c] of byKey)
          if (
            key.startsWith(net) &&
            c.upper !== undefined &&
            lastPart(key) <= host &&
            lastPart(c.upper) >= host
          )
            return { key, rule: c.rule };
        const all = byKey.get(`${net}.*`);
        if (all) return { key: `${net}.*`, rule: all.rule };
      }
      return otherMatch;
    },
  };
}

/** Domain rules: an exact name, a `*.parent` rule for any parent domain, then `other`. */
export function domainRules(rules: readonly ThrottleRule[]): RuleSet {
  const byKey = new Map<string, ThrottleRule>();
  let other: ThrottleRule | undefined;
  for (const rule of rules) {
    if (rule.id === OTHER) other = rule;
    else byKey.set(rule.id, rule);
  }
  const wildcard = (suffix: string) => {
    for (const [key, rule] of byKey) if (key.endsWith(suffix)) return { key, rule };
    return undefined;
  };
  const find = (name: string): { key: string; rule: ThrottleRule } | undefined => {
    const exact = byKey.get(name);
    if (exact) return { key: name, rule: exact };
    const i = name.indexOf('.');
    if (i <= 0) return wildcard(`*.${name}`);
    const root = name.slice(i + 1);
    return wildcard(`*.${root}`) ?? find(root);
  };
  return {
    empty: byKey.size === 0 && !other,
    match(caller) {
      return find(caller.trim()) ?? (other && { key: OTHER, rule: other });
    },
  };
}
