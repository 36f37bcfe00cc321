/*
 * The WS-Policy a throttle mediator reads (MI: ThrottleFactory.createMediatorThrottle, through
 * buildThrottle/fillCallerConfiguration/fillControlConfiguration, and the older form through
 * ThrottlePolicyProcessor.processPolicy). Two forms:
 *
 *   <wsp:Policy>
 *     <throttle:MediatorThrottleAssertion>
 *       <throttle:MaximumConcurrentAccess>n</throttle:MaximumConcurrentAccess>?
 *       <wsp:Policy>
 *         <throttle:ID throttle:type="IP|DOMAIN">other | 1.2.3.4 | 1.2.3.4-1.2.3.9 | 1.2.3.* | *.a.com</throttle:ID>
 *         <wsp:Policy>
 *           <throttle:Allow/> | <throttle:Deny/> |
 *           <throttle:Control><wsp:Policy>
 *             <throttle:MaximumCount>n</…> <throttle:UnitTime>ms</…> <throttle:ProhibitTimePeriod>ms</…>?
 *           </wsp:Policy></throttle:Control>
 *         </wsp:Policy>
 *       </wsp:Policy>*
 *     </throttle:MediatorThrottleAssertion>
 *   </wsp:Policy>
 *
 * and `throttle:ThrottleAssertion` holding `wsp:All` rules whose `wsp:ExactlyOne` takes its first
 * alternative: a `wsp:All` of counts, or `throttle:IsAllow` true/false.
 *
 * Browser-safe: validation and the runtime read a policy the same way.
 */
import { elementChildren, localName, textContent } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import {
  Reader,
  readCounts,
  readId,
  rule,
  THROTTLE_NS,
  type Counts,
  type Path,
  type PolicyIssue,
  type ThrottlePolicy,
  type ThrottleRule,
} from './throttle-policy-reader.js';

export { THROTTLE_NS, type PolicyIssue, type ThrottlePolicy, type ThrottleRule };
export type { ThrottleAccess } from './throttle-policy-reader.js';

/** The policy (undefined when MI would throttle nothing with it) and what is wrong with it. */
export interface PolicyReading {
  readonly policy: ThrottlePolicy | undefined;
  readonly issues: readonly PolicyIssue[];
}

/** A `wsp:Policy` rule of a MediatorThrottleAssertion (ThrottleFactory.buildThrottle). */
function readRule(r: Reader, path: Path, el: XmlElement): ThrottleRule | undefined {
  let id: ReturnType<typeof readId>;
  let idEl: XmlElement | undefined;
  let inner: XmlElement | undefined;
  for (const k of elementChildren(el)) {
    const p = [...path, k];
    if (r.th(p, k, 'ID')) {
      idEl = k;
      id = readId(r, k);
    } else if (r.wsp(p, k, 'Policy')) inner = k;
    else r.unknown(k, 'a throttle rule');
  }
  if (!idEl) {
    r.issue(
      'warning',
      'THROTTLE_POLICY_RULE',
      el,
      'A throttle rule without throttle:ID applies to nobody (as in MI).',
    );
    return undefined;
  }
  if (!inner) {
    r.issue(
      'warning',
      'THROTTLE_POLICY_RULE',
      el,
      'A throttle rule without a wsp:Policy saying Allow, Deny or Control is ignored (as in MI).',
    );
    return undefined;
  }
  let found: ThrottleRule | undefined;
  let any = false;
  const innerPath = [...path, inner];
  // fillCallerConfiguration: each assertion sets the access state; the last one stands.
  for (const k of elementChildren(inner)) {
    const p = [...innerPath, k];
    if (r.th(p, k, 'Allow') || r.th(p, k, 'Deny')) {
      any = true;
      found = id && rule(id, localName(k.name) === 'Allow' ? 'allow' : 'deny');
    } else if (r.th(p, k, 'Control')) {
      any = true;
      const policies = elementChildren(k).filter((x) => r.wsp([...p, x], x, 'Policy'));
      if (policies.length === 0 || policies.length !== elementChildren(k).length) {
        r.issue('error', 'THROTTLE_POLICY_CONTROL', k, `<${k.name}> must hold a wsp:Policy with the counts.`);
        continue;
      }
      const counts = policies.map((x) => readCounts(r, [...p, x], x, false));
      const c = counts.every((x) => x !== undefined) ? Object.assign({}, ...counts) : undefined;
      found = id && c ? rule(id, 'control', c as Counts) : undefined;
    } else r.unknown(k, 'a throttle rule');
  }
  if (!any)
    r.issue('error', 'THROTTLE_POLICY_RULE', inner, 'A throttle rule needs throttle:Allow, Deny or Control.');
  return found;
}

/** A `wsp:All` rule of a legacy ThrottleAssertion (ThrottlePolicyProcessor.processPolicy). */
function readLegacyRule(r: Reader, path: Path, el: XmlElement): ThrottleRule | undefined {
  let id: ReturnType<typeof readId>;
  let one: XmlElement | undefined;
  let hasId = false;
  for (const k of elementChildren(el)) {
    const p = [...path, k];
    if (r.th(p, k, 'ID')) {
      hasId = true;
      id = readId(r, k);
    } else if (r.wsp(p, k, 'ExactlyOne')) one = k;
    else r.unknown(k, 'a throttle rule');
  }
  // The first alternative of ExactlyOne is the one taken.
  const alt = one && elementChildren(one)[0];
  if (!hasId || !alt) {
    r.issue(
      'error',
      'THROTTLE_POLICY_RULE',
      el,
      'A throttle rule needs a throttle:ID and a wsp:ExactlyOne with the control or throttle:IsAllow (MI refuses it).',
    );
    return undefined;
  }
  const p = [...path, one!, alt];
  if (r.wsp(p, alt, 'All')) {
    const c = readCounts(r, p, alt, true);
    return id && c ? rule(id, 'control', c) : undefined;
  }
  if (r.th(p, alt, 'IsAllow')) {
    const v = textContent(alt).trim();
    if (v !== 'true' && v !== 'false') {
      r.issue('error', 'THROTTLE_POLICY_NUMBER', alt, `<${alt.name}> is '${v}'; expected true or false.`);
      return undefined;
    }
    return id && rule(id, v === 'true' ? 'allow' : 'deny');
  }
  r.issue('error', 'THROTTLE_POLICY_RULE', alt, `<${alt.name}> is not a throttle control (MI refuses it).`);
  return undefined;
}

/** The children of a (Mediator)ThrottleAssertion: the concurrency limit and the rules. */
function readAssertion(r: Reader, path: Path, el: XmlElement, legacy: boolean): ThrottlePolicy {
  let maxConcurrent: number | undefined;
  const rules: ThrottleRule[] = [];
  for (const k of elementChildren(el)) {
    const p = [...path, k];
    if (r.th(p, k, 'MaximumConcurrentAccess')) {
      const n = r.number(k, false);
      maxConcurrent = n !== undefined && n > 0 ? n : undefined;
    } else if (!legacy && r.wsp(p, k, 'Policy')) {
      const x = readRule(r, p, k);
      if (x) rules.push(x);
    } else if (legacy && r.wsp(p, k, 'All')) {
      const x = readLegacyRule(r, p, k);
      if (x) rules.push(x);
    } else r.unknown(k, `<${el.name}>`);
  }
  return { maxConcurrent, rules };
}

/** The assertion element, looked for through WS-Policy operators (the first alternative). */
function findAssertion(r: Reader, path: Path): { path: Path; legacy: boolean } | undefined {
  const el = path[path.length - 1]!;
  for (const k of elementChildren(el)) {
    const p = [...path, k];
    if (r.th(p, k, 'MediatorThrottleAssertion')) return { path: p, legacy: false };
    if (r.th(p, k, 'ThrottleAssertion')) return { path: p, legacy: true };
    if (r.wsp(p, k, 'All') || r.wsp(p, k, 'ExactlyOne') || r.wsp(p, k, 'Policy')) {
      const found = findAssertion(r, p);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Reads a throttle policy. `path` runs from the outermost element whose namespace declarations
 * count (the mediator) to the `wsp:Policy` itself; `inherited` are the declarations above it.
 */
export function readThrottlePolicy(
  path: readonly XmlElement[],
  inherited: Readonly<Record<string, string>> = {},
): PolicyReading {
  const r = new Reader(inherited);
  const root = path[path.length - 1];
  if (!root) return { policy: undefined, issues: [] };
  if (!r.wsp(path, root, 'Policy')) {
    r.issue(
      'warning',
      'THROTTLE_POLICY_NO_ASSERTION',
      root,
      `The throttle policy is <${root.name}>, not a wsp:Policy: MI reads no throttle from it, so every message is accepted.`,
    );
    return { policy: undefined, issues: r.issues };
  }
  const found = findAssertion(r, path);
  if (!found) {
    r.issue(
      'warning',
      'THROTTLE_POLICY_NO_ASSERTION',
      root,
      `The policy has no throttle:MediatorThrottleAssertion in the namespace ${THROTTLE_NS}: MI throttles nothing with it, so every message is accepted.`,
    );
    return { policy: undefined, issues: r.issues };
  }
  const el = found.path[found.path.length - 1]!;
  const policy = readAssertion(r, found.path, el, found.legacy);
  return { policy: r.issues.some((i) => i.severity === 'error') ? undefined : policy, issues: r.issues };
}
