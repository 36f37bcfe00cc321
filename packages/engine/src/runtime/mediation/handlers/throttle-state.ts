/**
 * What one deployed throttle mediator keeps between messages: a fixed window per caller key
 * (MI's CallerContext) and the count of messages in flight (ConcurrentAccessController).
 *
 * Windows are computed from the clock, never timed: a window whose time (and prohibit period) is
 * over behaves exactly as a new caller, so such windows are swept from the map, at most once per
 * sweep interval, and the map holds only callers seen within their unit time.
 */
import type { ThrottleRule } from '../../../model/catalog/throttle-policy.js';

/** CallerContext: the current window of one caller key. */
interface Window {
  /** firstAccessTime. */
  first: number;
  /** nextTimeWindow: when this window ends. */
  end: number;
  count: number;
  /** nextAccessTime: when a prohibited caller may come back (0: not prohibited). */
  nextAccess: number;
}

/** Every live throttle's state, for the leak test's view of the caller maps. */
const LIVE = new Set<ThrottleState>();

/** The number of caller windows held by every deployed throttle (0 once all are retired). */
export function throttleWindowCount(): number {
  let n = 0;
  for (const s of LIVE) n += s.windowCount;
  return n;
}

/** A window is over when its time and any prohibit period are: the next access starts afresh. */
const over = (w: Window, now: number) => w.end <= now && (w.nextAccess === 0 || w.nextAccess <= now);

export class ThrottleState {
  private readonly windows = new Map<string, Window>();
  /** Free slots of MaximumConcurrentAccess (undefined: no limit). */
  private available: number | undefined;
  private nextSweep = 0;

  constructor(
    private readonly maxConcurrent: number | undefined,
    /** How often expired windows are swept: the shortest unit time of the policy. */
    private readonly sweepEvery: number,
  ) {
    this.available = maxConcurrent;
    LIVE.add(this);
  }

  get windowCount(): number {
    return this.windows.size;
  }

  /** True when this throttle limits messages in flight. */
  get concurrent(): boolean {
    return this.maxConcurrent !== undefined;
  }

  /** ConcurrentAccessController.getAndDecrement: takes a slot if one is free. */
  acquire(): boolean {
    if (this.available === undefined) return true;
    if (this.available <= 0) return false;
    this.available--;
    return true;
  }

  /** ConcurrentAccessController.incrementAndGet: gives a slot back (never above the limit). */
  release(): void {
    if (
      this.available !== undefined &&
      this.maxConcurrent !== undefined &&
      this.available < this.maxConcurrent
    )
      this.available++;
  }

  /**
   * AccessRateController.canAccess for a caller key under `rule` at `now` (ms): Allow and Deny
   * decide alone; Control counts in the caller's window (CallerContext.canAccess).
   */
  canAccess(key: string, rule: ThrottleRule, now: number): boolean {
    if (rule.access === 'allow') return true;
    if (rule.access === 'deny') return false;
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w) {
      // initAccess: the window starts at the first access.
      w = { first: now, end: now + rule.unitTime, count: 0, nextAccess: 0 };
      this.windows.set(key, w);
    }
    const max = rule.maxCount;
    // MI refuses everything when MaximumCount is 0 (or absent).
    if (max === 0) return false;
    if (w.end > now) {
      // canAccessIfUnitTimeNotOver
      if (w.count + 1 <= max) {
        w.count++;
        return true;
      }
      if (w.nextAccess === 0) {
        w.nextAccess = rule.prohibit === 0 ? w.first + rule.unitTime : now + rule.prohibit;
        return false;
      }
      if (w.nextAccess <= now) return this.restart(w, rule, now);
      return false;
    }
    // canAccessIfUnitTimeOver: a window that ended under the limit, or whose prohibit period is over.
    if (w.count < max || w.nextAccess === 0 || w.nextAccess <= now) return this.restart(w, rule, now);
    return false;
  }

  /** A new window from `now`, with this access its first. */
  private restart(w: Window, rule: ThrottleRule, now: number): true {
    w.first = now;
    w.end = now + rule.unitTime;
    w.count = 1;
    w.nextAccess = 0;
    return true;
  }

  /** Drops the windows that are over (ThrottleContext.processCleanList, without a timer). */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.sweepEvery;
    for (const [k, w] of this.windows) if (over(w, now)) this.windows.delete(k);
  }

  /** Lets everything go: the deployment is replaced or the runtime stops. */
  retire(): void {
    this.windows.clear();
    this.available = this.maxConcurrent;
    LIVE.delete(this);
  }
}
