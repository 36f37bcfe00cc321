/**
 * Arrow-key movement between the explorer's rows (a roving focus: one row is the Tab stop, the
 * arrows move the focus from row to row across the groups, Home and End go to the ends).
 */

/** Rows in on-screen order: every element with `data-row-key` inside `container`. */
function rows(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('[data-row-key]')];
}

/**
 * Moves the focus from the row `from` for ArrowUp/ArrowDown/Home/End; returns whether the key
 * was one of those.
 */
export function moveRowFocus(container: HTMLElement, from: HTMLElement, key: string): boolean {
  const all = rows(container);
  const i = all.indexOf(from);
  if (i === -1) return false;
  const to =
    key === 'ArrowDown'
      ? all[Math.min(i + 1, all.length - 1)]
      : key === 'ArrowUp'
        ? all[Math.max(i - 1, 0)]
        : key === 'Home'
          ? all[0]
          : key === 'End'
            ? all[all.length - 1]
            : undefined;
  if (!to) return false;
  to.focus();
  to.scrollIntoView({ block: 'nearest' });
  return true;
}

/** True when an artifact's name matches the explorer's filter (case-insensitive substring). */
export function matchesFilter(name: string, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  return !q || name.toLowerCase().includes(q);
}
