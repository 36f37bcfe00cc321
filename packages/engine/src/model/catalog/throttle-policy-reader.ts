/**
 * Reading a throttle policy's parts: the rule types, names by namespace along the element path,
 * numbers, counts and IDs, and the issues found (throttle-policy.ts reads the structure with it).
 */
import { elementChildren, localName, namespaceOf, textContent } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** ThrottleConstants.THROTTLE_NS. */
export const THROTTLE_NS = 'http://www.wso2.org/products/wso2commons/throttle';
/** The WS-Policy namespaces Neethi reads (2004/09 and 1.5). */
const WSP_NS = ['http://schemas.xmlsoap.org/ws/2004/09/policy', 'http://www.w3.org/ns/ws-policy'];

/** A problem in a policy, at the element it is about. */
export interface PolicyIssue {
  readonly code: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly at: XmlElement;
}

/** Reads policy elements with their namespaces resolved along the path from `ancestors`. */
export class Reader {
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

/** Elements from the outermost one whose declarations count down to the current one. */
export type Path = readonly XmlElement[];
/** A Control's counts as read (absent ones undefined). */
export type Counts = { maxCount?: number; unitTime?: number; prohibit?: number };

/** MaximumCount, UnitTime, ProhibitTimePeriod of a Control policy (or a legacy `wsp:All`). */
export function readCounts(r: Reader, path: Path, el: XmlElement, legacy: boolean): Counts | undefined {
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
export function readId(r: Reader, idEl: XmlElement): { type: 'IP' | 'DOMAIN'; id: string } | undefined {
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

/** A rule of `access` for `id`, with its counts (0 where absent). */
export function rule(
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
