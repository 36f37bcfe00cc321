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
import { elementChildren, localName, namespaceOf, textContent } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** ThrottleConstants.THROTTLE_NS. */
export const THROTTLE_NS = 'http://www.wso2.org/products/wso2commons/throttle';
/** The WS-Policy namespaces Neethi reads (2004/09 and 1.5). */
const WSP_NS = ['http://schemas.xmlsoap.org/ws/2004/09/policy', 'http://www.w3.org/ns/ws-policy'];

/** CallerConfiguration's access state. */
export type ThrottleAccess = 'allow' | 'deny' | 'control';

/** One caller configuration: who it is for and what they may do. */
export interface ThrottleRule {
  readonly type: 'IP' | 'DOMAIN';
  /** The ID as written, trimmed: `other`, an IP, an IP range `a-b`, `net.*`, a domain or `*.domain`. */
  readonly id: string;
  readonly access: ThrottleAccess;
  /** MaximumCount (0 when absent: every access is refused, as in MI). */
  readonly maxCount: number;
  /** UnitTime in ms. */
  readonly unitTime: number;
  /** ProhibitTimePeriod in ms (0: refused until the window ends). */
  readonly prohibit: number;
}

/** A throttle policy, read. */
export interface ThrottlePolicy {
  /** MaximumConcurrentAccess when above 0. */
  readonly maxConcurrent: number | undefined;
  readonly rules: readonly ThrottleRule[];
}

/** A problem in a policy, at the element it is about. */
export interface PolicyIssue {
  readonly code: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly at: XmlElement;
}

/** The policy (undefined when MI would throttle nothing with it) and what is wrong with it. */
export interface PolicyReading {
  readonly policy: ThrottlePolicy | undefined;
  readonly issues: readonly PolicyIssue[];
}

/** Reads policy elements with their namespaces resolved along the path from `ancestors`. */
class Reader {
  readonly issues: PolicyIssue[] = [];

  constructor(private readonly inherited: Readonly<Record<string, string>>) {}

  /** The namespace of `el` (at the end of `path`); undefined when its prefix is not declared. */
  ns(path: readonly XmlElement[], el: XmlElement): string | undefined {
    const i = el.name.indexOf(':');
    const prefix = i === -1 ? '' : el.name.slice(0, i);
    return namespaceOf(path, prefix) ?? this.inherited[prefix];
  }

  /**
   * True when `el` is `local` in one of `uris`. A prefix declared nowhere Mediate can see (above
   * the artifact) is taken to mean the expected namespace.
   */
  is(path: readonly XmlElement[], el: XmlElement, uris: readonly string[], local: string): boolean {
    if (localName(el.name) !== local) return false;
    const ns = this.ns(path, el);
    return ns === undefined || uris.includes(ns);
  }

  wsp = (path: readonly XmlElement[], el: XmlElement, local: string) => this.is(path, el, WSP_NS, local);
  th = (path: readonly XmlElement[], el: XmlElement, local: string) =>
    this.is(path, el, [THROTTLE_NS], local);

  issue(severity: 'error' | 'warning', code: string, at: XmlElement, message: string): void {
    this.issues.push({ severity, code, at, message });
  }

  unknown(at: XmlElement, where: string): void {
    this.issue(
      'warning',
      'THROTTLE_POLICY_UNKNOWN',
      at,
      `<${at.name}> in ${where} is not a throttle assertion Mediate knows; it is ignored (MI refuses the policy).`,
    );
  }

  /** A whole number of a count or time element; reports and returns undefined when it is not. */
  number(el: XmlElement, optional: boolean): number | undefined {
    const text = textContent(el).trim();
    if (text === '') {
      if (!optional)
        this.issue(
          'error',
          'THROTTLE_POLICY_NUMBER',
          el,
          `<${el.name}> needs a value (MI refuses it empty).`,
        );
      return undefined;
    }
    if (!/^\d+$/.test(text)) {
      this.issue(
        'error',
        'THROTTLE_POLICY_NUMBER',
        el,
        `<${el.name}> is '${text}'; expected a whole number of ${/Count|Access/.test(el.name) ? 'messages' : 'milliseconds'} (0 or more).`,
      );
      return undefined;
    }
    return Number(text);
  }
}

type Path = readonly XmlElement[];
type Counts = { maxCount?: number; unitTime?: number; prohibit?: number };

/** MaximumCount, UnitTime, ProhibitTimePeriod of a Control policy (or a legacy `wsp:All`). */
function readCounts(r: Reader, path: Path, el: XmlElement, legacy: boolean): Counts | undefined {
  const c: Counts = {};
  let found = { max: false, unit: false };
  for (const k of elementChildren(el)) {
    const p = [...path, k];
    if (r.th(p, k, 'MaximumCount')) {
      found = { ...found, max: true };
      c.maxCount = r.number(k, false);
    } else if (r.th(p, k, 'UnitTime')) {
      found = { ...found, unit: true };
      const n = r.number(k, false);
      // ThrottleFactory: "Unit Time cannot find - invalid throttle policy configuration".
      if (n === 0) r.issue('error', 'THROTTLE_POLICY_NUMBER', k, `<${k.name}> may not be 0.`);
      else c.unitTime = n;
    } else if (r.th(p, k, 'ProhibitTimePeriod')) c.prohibit = r.number(k, true);
    else r.unknown(k, `<${el.name}>`);
  }
  if (!found.unit || (legacy && !found.max)) {
    r.issue(
      'error',
      'THROTTLE_POLICY_MISSING',
      el,
      `<${el.name}> needs throttle:MaximumCount and throttle:UnitTime (MI refuses a policy without them).`,
    );
    return undefined;
  }
  if (!found.max)
    r.issue(
      'warning',
      'THROTTLE_POLICY_MISSING',
      el,
      `<${el.name}> has no throttle:MaximumCount: every message is rejected (as in MI).`,
    );
  return c;
}

/** The rule's ID element: its type and value. */
function readId(r: Reader, idEl: XmlElement): { type: 'IP' | 'DOMAIN'; id: string } | undefined {
  const type = idEl.attributes.find((a) => localName(a.name) === 'type' && a.name.includes(':'))?.value;
  const id = textContent(idEl).trim();
  if (type === undefined) {
    r.issue('error', 'THROTTLE_POLICY_ID', idEl, `<${idEl.name}> needs throttle:type="IP" or "DOMAIN".`);
    return undefined;
  }
  if (type === 'ROLE') {
    r.issue(
      'warning',
      'THROTTLE_POLICY_ID',
      idEl,
      `A ROLE rule is never applied by the throttle mediator (MI checks DOMAIN, then IP rules); it is ignored.`,
    );
    return undefined;
  }
  if (type !== 'IP' && type !== 'DOMAIN') {
    r.issue(
      'error',
      'THROTTLE_POLICY_ID',
      idEl,
      `<${idEl.name}> has throttle:type '${type}'; expected IP or DOMAIN.`,
    );
    return undefined;
  }
  if (id === '') {
    r.issue(
      'error',
      'THROTTLE_POLICY_ID',
      idEl,
      `<${idEl.name}> needs a value (an IP, a domain or 'other').`,
    );
    return undefined;
  }
  return { type, id };
}

function rule(
  id: { type: 'IP' | 'DOMAIN'; id: string },
  access: ThrottleAccess,
  c: Counts = {},
): ThrottleRule {
  return {
    ...id,
    access,
    maxCount: c.maxCount ?? 0,
    unitTime: c.unitTime ?? 0,
    prohibit: c.prohibit ?? 0,
  };
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
