/**
 * Where each log row sits in a virtual list of fixed-height rows, some of them expanded by a
 * known extra height. Offsets and the row at a scroll position take O(log expanded), so 100k
 * lines cost no more than 100 (a general-purpose virtualizer re-measures every row whenever the
 * count changes, which a busy stream does 20 times a second).
 */
export class RowGeometry {
  /** Expanded row indices, ascending, with the extra height before each cumulative. */
  private readonly expanded: number[];
  private readonly cumulative: number[];

  constructor(
    readonly count: number,
    readonly rowHeight: number,
    extras: ReadonlyMap<number, number>,
  ) {
    this.expanded = [...extras.keys()].filter((i) => i >= 0 && i < count).sort((a, b) => a - b);
    let sum = 0;
    this.cumulative = this.expanded.map((i) => (sum += extras.get(i) ?? 0));
  }

  /** Extra height of the expanded rows before row `i`. */
  private extraBefore(i: number): number {
    let lo = 0;
    let hi = this.expanded.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.expanded[mid] as number) < i) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : (this.cumulative[lo - 1] as number);
  }

  /** Top of row `i`. */
  offsetOf(i: number): number {
    return i * this.rowHeight + this.extraBefore(i);
  }

  /** Height of row `i`. */
  heightOf(i: number): number {
    return this.offsetOf(i + 1) - this.offsetOf(i);
  }

  /** Height of all rows. */
  get total(): number {
    return this.offsetOf(this.count);
  }

  /** The row covering vertical position `y`. */
  indexAt(y: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsetOf(mid) <= y) lo = mid;
      else hi = mid - 1;
    }
    return Math.min(lo, Math.max(0, this.count - 1));
  }

  /** Rows to draw for a viewport, with `overscan` rows either side. */
  range(scrollTop: number, height: number, overscan = 10): [number, number] {
    if (this.count === 0) return [0, -1];
    const first = Math.max(0, this.indexAt(scrollTop) - overscan);
    const last = Math.min(this.count - 1, this.indexAt(scrollTop + height) + overscan);
    return [first, last];
  }
}
