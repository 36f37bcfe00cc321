/**
 * Canvas layout, derived from the model and nothing else (Synapse XML has no coordinates): every
 * mediator list is a vertical chain Start → mediators → End, containers (in, out, filter) hold
 * their branches side by side, and a drop slot sits in each gap of a chain. Pure, so it is tested
 * without a DOM and React Flow only draws the result.
 */
import {
  branchListsOf,
  definitionForTag,
  formatPath,
  type Artifact,
  type MediatorList,
  type MediatorNode,
  type MediatorPath,
} from '@mediate/engine';

export const NODE_W = 240;
export const NODE_H = 58;
export const SLOT_H = 30;
export const HEADER_H = 58;
export const BRANCH_LABEL_H = 22;
export const PAD = 14;
export const BRANCH_GAP = 20;
export const TERMINAL_W = 132;
export const TERMINAL_H = 30;
export const COLUMN_GAP = 80;

export type LayoutKind = 'start' | 'end' | 'mediator' | 'container' | 'slot' | 'branch';

/** One box on the canvas. */
export interface LayoutNode {
  readonly id: string;
  readonly kind: LayoutKind;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Mediators and containers: the mediator. */
  readonly mediator?: MediatorNode;
  /** Slots, branches, start and end: the list they belong to. */
  readonly list?: MediatorPath;
  /** Slots: the position a drop inserts at. */
  readonly index?: number;
  /** Start, end, branch: what to print. */
  readonly label?: string;
  /** Containers nest: deeper boxes draw on top. */
  readonly depth: number;
}

/** A connection between two consecutive steps of a chain. */
export interface LayoutEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** The step before always ends the flow (send, respond, drop): the edge is never taken. */
  readonly dead: boolean;
}

export interface CanvasLayout {
  readonly nodes: LayoutNode[];
  readonly edges: LayoutEdge[];
  readonly width: number;
  readonly height: number;
}

/** Node ids: the test ids and the selection use the same formatted paths. */
export const mediatorId = (path: MediatorPath) => `m:${formatPath(path)}`;
export const slotId = (list: MediatorPath, index: number) => `s:${formatPath(list)}:${index}`;

interface Size {
  readonly width: number;
  readonly height: number;
}

/** A branch column as drawn: its list key, its label, and whether it is one of a repeated branch. */
interface BranchColumn {
  readonly key: string;
  readonly label: string;
  readonly repeated: boolean;
}

/**
 * A container's branch lists, a repeated branch once per occurrence (switch's cases, clone's
 * targets), each labelled with its own fields' values (`Case 1: a.*`).
 */
function branchesOf(m: MediatorNode): BranchColumn[] {
  return branchListsOf(m).map((b) => {
    const shown = Object.values(b.values).filter((v) => v !== undefined);
    return {
      key: b.key,
      label: shown.length ? `${b.label}: ${shown.join(' ')}` : b.label,
      repeated: b.branch.repeated === true,
    };
  });
}

/** Branch columns get labels when there are several, and always for repeated ones ("Target 1"). */
function isLabelled(branches: readonly BranchColumn[]): boolean {
  return branches.length > 1 || branches.some((b) => b.repeated);
}

function measureList(list: readonly MediatorNode[]): Size {
  let width = NODE_W;
  let height = SLOT_H;
  for (const m of list) {
    const s = measureNode(m);
    width = Math.max(width, s.width);
    height += s.height + SLOT_H;
  }
  return { width, height };
}

function measureNode(m: MediatorNode): Size {
  const branches = branchesOf(m);
  if (!branches.length) return { width: NODE_W, height: NODE_H };
  const labelled = isLabelled(branches) ? BRANCH_LABEL_H : 0;
  let width = 0;
  let inner = 0;
  for (const b of branches) {
    const s = measureList(m.branches[b.key] ?? []);
    width += s.width;
    inner = Math.max(inner, s.height + labelled);
  }
  width += BRANCH_GAP * (branches.length - 1) + 2 * PAD;
  return { width: Math.max(width, NODE_W + 2 * PAD), height: HEADER_H + inner + PAD };
}

class Builder {
  readonly nodes: LayoutNode[] = [];
  readonly edges: LayoutEdge[] = [];

  edge(source: LayoutNode, target: LayoutNode, dead: boolean): void {
    this.edges.push({ id: `e:${source.id}->${target.id}`, source: source.id, target: target.id, dead });
  }

  /** Places a chain centred on `cx` from `top`; returns its first and last steps. */
  chain(list: readonly MediatorNode[], listPath: MediatorPath, cx: number, top: number, depth: number) {
    const width = measureList(list).width;
    let y = top;
    const steps: LayoutNode[] = [];
    list.forEach((m, i) => {
      this.slot(listPath, i, cx, y, width, depth);
      y += SLOT_H;
      const node = this.place(m, cx, y, depth);
      steps.push(node);
      y += node.height;
    });
    this.slot(listPath, list.length, cx, y, width, depth);
    for (let i = 1; i < steps.length; i++)
      this.edge(steps[i - 1] as LayoutNode, steps[i] as LayoutNode, endsFlow(list[i - 1]));
    return { first: steps[0], last: steps[steps.length - 1], lastMediator: list[list.length - 1] };
  }

  slot(list: MediatorPath, index: number, cx: number, y: number, width: number, depth: number): void {
    this.nodes.push({
      id: slotId(list, index),
      kind: 'slot',
      x: cx - width / 2,
      y,
      width,
      height: SLOT_H,
      list,
      index,
      depth,
    });
  }

  place(m: MediatorNode, cx: number, y: number, depth: number): LayoutNode {
    const size = measureNode(m);
    const branches = branchesOf(m);
    const node: LayoutNode = {
      id: mediatorId(m.path),
      kind: branches.length ? 'container' : 'mediator',
      x: cx - size.width / 2,
      y,
      width: size.width,
      height: size.height,
      mediator: m,
      depth,
    };
    this.nodes.push(node);
    if (!branches.length) return node;
    const labelled = isLabelled(branches);
    const widths = branches.map((b) => measureList(m.branches[b.key] ?? []).width);
    const total = widths.reduce((s, w) => s + w, 0) + BRANCH_GAP * (branches.length - 1);
    let x = cx - total / 2;
    branches.forEach((b, i) => {
      const w = widths[i] as number;
      const listPath = [...m.path, b.key];
      let top = y + HEADER_H;
      if (labelled) {
        this.nodes.push({
          id: `b:${formatPath(listPath)}`,
          kind: 'branch',
          x,
          y: top,
          width: w,
          height: BRANCH_LABEL_H,
          list: listPath,
          label: b.label,
          depth: depth + 1,
        });
        top += BRANCH_LABEL_H;
      }
      this.chain(m.branches[b.key] ?? [], listPath, x + w / 2, top, depth + 1);
      x += w + BRANCH_GAP;
    });
    return node;
  }
}

function endsFlow(m: MediatorNode | undefined): boolean {
  if (!m || m.kind === 'raw') return false;
  return !!definitionForTag(m.tag)?.endsFlow;
}

/** A readable title for a top-level list: `Sequence`, `inSequence`, `GET /orders · inSequence`. */
export function listTitle(artifact: Artifact, list: MediatorList): string {
  if (artifact.type === 'sequence') return artifact.name || 'Sequence';
  if (artifact.type === 'template') return artifact.name || list.label;
  const m = /^resource\.(\d+)\.(.+)$/.exec(list.key);
  if (m && artifact.type === 'api') {
    const r = artifact.resources[Number(m[1])];
    const where = r ? `${r.methods.join(' ') || 'ANY'} ${r.uriTemplate ?? r.urlMapping ?? '/*'}` : list.key;
    return `${where} · ${m[2]}`;
  }
  return list.label;
}

/** Lays out every mediator list of an artifact as columns, left to right. */
export function layoutArtifact(artifact: Artifact): CanvasLayout {
  const b = new Builder();
  let left = 0;
  let height = 0;
  for (const list of artifact.lists) {
    const size = measureList(list.mediators);
    const width = Math.max(size.width, TERMINAL_W);
    const cx = left + width / 2;
    const listPath = [list.key];
    const start: LayoutNode = {
      id: `start:${list.key}`,
      kind: 'start',
      x: cx - TERMINAL_W / 2,
      y: 0,
      width: TERMINAL_W,
      height: TERMINAL_H,
      list: listPath,
      label: listTitle(artifact, list),
      depth: 0,
    };
    b.nodes.push(start);
    const c = b.chain(list.mediators, listPath, cx, TERMINAL_H, 0);
    const bottom = TERMINAL_H + size.height;
    const end: LayoutNode = {
      id: `end:${list.key}`,
      kind: 'end',
      x: cx - TERMINAL_W / 2,
      y: bottom,
      width: TERMINAL_W,
      height: TERMINAL_H,
      list: listPath,
      label: 'End',
      depth: 0,
    };
    b.nodes.push(end);
    b.edge(start, c.first ?? end, false);
    if (c.last) b.edge(c.last, end, endsFlow(c.lastMediator));
    height = Math.max(height, bottom + TERMINAL_H);
    left += width + COLUMN_GAP;
  }
  return { nodes: b.nodes, edges: b.edges, width: Math.max(0, left - COLUMN_GAP), height };
}
