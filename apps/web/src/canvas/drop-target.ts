/**
 * Where a drop lands when it is not on a drop slot, from the layout alone (pure, tested without
 * a DOM): on a mediator, right after it; on a container's header, after the container; inside
 * one of its branches, at the end of that branch; on the empty canvas, at the end of the column's
 * list (the one under the pointer, else the nearest).
 */
import type { MediatorPath } from '@mediate/engine';
import { HEADER_H, type CanvasLayout, type LayoutNode } from './layout.js';

/** A position in a mediator list: `index` of `list`. */
export interface DropTarget {
  readonly list: MediatorPath;
  readonly index: number;
}

const inside = (n: LayoutNode, x: number, y: number) =>
  x >= n.x && x <= n.x + n.width && y >= n.y && y <= n.y + n.height;

const samePath = (a: MediatorPath, b: MediatorPath) => a.length === b.length && a.every((s, i) => s === b[i]);

/** The end of a list: its last slot's index (a list of n mediators has slots 0…n). */
function endOf(layout: CanvasLayout, list: MediatorPath): DropTarget {
  let index = 0;
  for (const n of layout.nodes)
    if (n.kind === 'slot' && n.list && samePath(n.list, list)) index = Math.max(index, n.index ?? 0);
  return { list, index };
}

function after(path: MediatorPath): DropTarget {
  return { list: path.slice(0, -1), index: (path[path.length - 1] as number) + 1 };
}

/** The drop target at flow coordinates (`x`, `y`); undefined when the artifact has no list. */
export function dropTargetAt(layout: CanvasLayout, x: number, y: number): DropTarget | undefined {
  const slot = layout.nodes.find((n) => n.kind === 'slot' && inside(n, x, y));
  if (slot?.list) return { list: slot.list, index: slot.index ?? 0 };

  let hit: LayoutNode | undefined;
  for (const n of layout.nodes)
    if ((n.kind === 'mediator' || n.kind === 'container') && inside(n, x, y) && (!hit || n.depth > hit.depth))
      hit = n;
  const m = hit?.mediator;
  if (hit && m) {
    if (hit.kind === 'mediator' || y < hit.y + HEADER_H) return after(m.path);
    // Inside a container, below its header: the branch column under the pointer.
    const branch = layout.nodes.find(
      (n) =>
        n.kind === 'slot' &&
        n.list !== undefined &&
        n.list.length === m.path.length + 1 &&
        samePath(n.list.slice(0, -1), m.path) &&
        x >= n.x &&
        x <= n.x + n.width,
    );
    return branch?.list ? endOf(layout, branch.list) : after(m.path);
  }

  // The empty canvas: the column under the pointer, else the nearest one.
  const columns = layout.nodes.filter((n) => n.kind === 'start' && n.list);
  let best: LayoutNode | undefined;
  let distance = Infinity;
  for (const c of columns) {
    const slots = layout.nodes.filter((n) => n.kind === 'slot' && n.list && samePath(n.list, c.list ?? []));
    const left = Math.min(c.x, ...slots.map((s) => s.x));
    const right = Math.max(c.x + c.width, ...slots.map((s) => s.x + s.width));
    const d = x < left ? left - x : x > right ? x - right : 0;
    if (d < distance) {
      distance = d;
      best = c;
    }
  }
  return best?.list ? endOf(layout, best.list) : undefined;
}
