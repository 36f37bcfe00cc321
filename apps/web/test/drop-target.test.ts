/**
 * Drops off the dashed slots: on a mediator (after it), on a container's header (after it) or
 * body (end of the branch), on the empty canvas (end of the nearest column's list).
 */
import { describe, expect, it } from 'vitest';
import { dropTargetAt } from '../src/canvas/drop-target.js';
import { HEADER_H, layoutArtifact, type LayoutNode } from '../src/canvas/layout.js';
import { seedProject } from './fixtures.js';

const seq = (name: string) => seedProject().artifacts.find((a) => a.name === name)!;
const centre = (n: LayoutNode) => [n.x + n.width / 2, n.y + n.height / 2] as const;

describe('dropTargetAt', () => {
  const flat = layoutArtifact(seq('outDispatchSeq'));
  const nested = layoutArtifact(seq('dispatchSeq'));
  const at = (l: typeof flat, id: string) => l.nodes.find((n) => n.id === id)!;

  it('on a mediator: right after it', () => {
    expect(dropTargetAt(flat, ...centre(at(flat, 'm:sequence/0')))).toEqual({ list: ['sequence'], index: 1 });
    expect(dropTargetAt(nested, ...centre(at(nested, 'm:sequence/0/body/1')))).toEqual({
      list: ['sequence', 0, 'body'],
      index: 2,
    });
  });

  it('on a slot: that slot', () => {
    expect(dropTargetAt(flat, ...centre(at(flat, 's:sequence:0')))).toEqual({ list: ['sequence'], index: 0 });
  });

  it("on a container's header: after it; in its body off the children: the end of the branch", () => {
    const box = at(nested, 'm:sequence/0');
    expect(dropTargetAt(nested, box.x + 4, box.y + HEADER_H / 2)).toEqual({ list: ['sequence'], index: 1 });
    // Below the branch's last slot, in the box's bottom padding, under the branch column.
    const child = at(nested, 'm:sequence/0/body/0');
    expect(dropTargetAt(nested, child.x + 10, box.y + box.height - 4)).toEqual({
      list: ['sequence', 0, 'body'],
      index: 3, // the fixture's <in> holds three properties
    });
    // The box's side padding, beside the branch column: after the container.
    expect(dropTargetAt(nested, box.x + 3, box.y + box.height - 4)).toEqual({ list: ['sequence'], index: 1 });
  });

  it('on the empty canvas: the end of the nearest column', () => {
    expect(dropTargetAt(flat, 2000, 40)).toEqual({ list: ['sequence'], index: 1 });
    expect(dropTargetAt(flat, -500, 9999)).toEqual({ list: ['sequence'], index: 1 });
  });
});
