/** The canvas layout derived from a model: chains, containers, slots and edges. */
import { insertMediator } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import { layoutArtifact, NODE_H, SLOT_H, TERMINAL_H } from '../src/canvas/layout.js';
import { seedProject } from './fixtures.js';

const seq = (name: string) => seedProject().artifacts.find((a) => a.name === name)!;

describe('layoutArtifact', () => {
  it('draws a flat sequence as Start → mediators → End with a slot in every gap', () => {
    const l = layoutArtifact(seq('outDispatchSeq'));
    const byKind = (k: string) => l.nodes.filter((n) => n.kind === k).map((n) => n.id);
    expect(byKind('mediator')).toEqual(['m:sequence/0']);
    expect(byKind('slot')).toEqual(['s:sequence:0', 's:sequence:1']);
    expect(l.edges.map((e) => `${e.source}>${e.target}`)).toEqual([
      'start:sequence>m:sequence/0',
      'm:sequence/0>end:sequence',
    ]);
    const log = l.nodes.find((n) => n.id === 'm:sequence/0')!;
    expect(log.y).toBe(TERMINAL_H + SLOT_H);
    expect(l.height).toBe(TERMINAL_H + SLOT_H * 2 + NODE_H + TERMINAL_H);
  });

  it('nests an <in> container with its own chain and slots, inside its box', () => {
    const l = layoutArtifact(seq('dispatchSeq'));
    const box = l.nodes.find((n) => n.id === 'm:sequence/0')!;
    expect(box.kind).toBe('container');
    const inner = l.nodes.filter((n) => n.id.startsWith('m:sequence/0/body/'));
    expect(inner.map((n) => n.id)).toEqual([
      'm:sequence/0/body/0',
      'm:sequence/0/body/1',
      'm:sequence/0/body/2',
    ]);
    for (const n of inner) {
      expect(n.x).toBeGreaterThanOrEqual(box.x);
      expect(n.y + n.height).toBeLessThanOrEqual(box.y + box.height);
      expect(n.depth).toBe(1);
    }
    expect(l.nodes.filter((n) => n.kind === 'slot' && n.list?.join('/') === 'sequence/0/body')).toHaveLength(
      4,
    );
    // send ends the flow: nothing follows it inside <in>, and the step after <in> is live.
    expect(l.edges.find((e) => e.source === 'm:sequence/0')?.dead).toBe(false);
  });

  it('puts filter branches side by side with labels, and an empty branch still has a slot', () => {
    const p = seedProject();
    const a = p.artifacts.find((x) => x.name === 'outDispatchSeq')!;
    const next = insertMediator(p, {
      artifact: { type: 'sequence', name: a.name },
      list: ['sequence'],
      index: 0,
      kind: 'filter',
    });
    const l = layoutArtifact(next.artifacts.find((x) => x.name === a.name)!);
    const then = l.nodes.find((n) => n.id === 'b:sequence/0/then')!;
    const els = l.nodes.find((n) => n.id === 'b:sequence/0/else')!;
    expect(then.label).toBe('Then');
    expect(els.x).toBeGreaterThan(then.x + then.width - 1);
    expect(l.nodes.some((n) => n.id === 's:sequence/0/else:0')).toBe(true);
  });

  it('draws a clone with one labelled column per <target>, each with its own slots', () => {
    const p = seedProject();
    const a = p.artifacts.find((x) => x.name === 'outDispatchSeq')!;
    const ref = { type: 'sequence', name: a.name } as const;
    let next = insertMediator(p, { artifact: ref, list: ['sequence'], index: 0, kind: 'clone' });
    next = insertMediator(next, {
      artifact: ref,
      list: ['sequence', 0, 'target:1'],
      index: 0,
      xml: '<drop/>',
    });
    const l = layoutArtifact(next.artifacts.find((x) => x.name === a.name)!);
    expect(l.nodes.find((n) => n.id === 'm:sequence/0')!.kind).toBe('container');
    const labels = l.nodes.filter((n) => n.kind === 'branch').map((n) => [n.id, n.label]);
    expect(labels).toEqual([
      ['b:sequence/0/target:0', 'Target 1'],
      ['b:sequence/0/target:1', 'Target 2'],
    ]);
    expect(l.nodes.some((n) => n.id === 's:sequence/0/target:0:0')).toBe(true);
    expect(l.nodes.some((n) => n.id === 'm:sequence/0/target:1/0')).toBe(true);
    // One target is still labelled, so it reads as a target, not as the clone's body.
    const one = insertMediator(p, {
      artifact: ref,
      list: ['sequence'],
      index: 0,
      xml: '<clone><target><sequence/></target></clone>',
    });
    const l1 = layoutArtifact(one.artifacts.find((x) => x.name === a.name)!);
    expect(l1.nodes.filter((n) => n.kind === 'branch').map((n) => n.label)).toEqual(['Target 1']);
  });
});
