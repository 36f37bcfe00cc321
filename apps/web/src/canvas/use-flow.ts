/**
 * Turns a layout into React Flow nodes and edges, keeping the objects of nodes that did not
 * change, and the live facts (problems, counts) drawn on them.
 */
import { formatPath, type Artifact, type CounterDto, type Diagnostic } from '@mediate/engine';
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { projectDiagnostics } from '../state/selectors.js';
import { useStudio } from '../state/store.js';
import type { FlowData } from './flow-data.js';
import type { CanvasLayout, LayoutNode } from './layout.js';
import { describeMediator } from './MediatorCard.js';

/** Containers under their children, slots on top (they take drops). */
const Z: Record<string, number> = { container: 0, mediator: 5, slot: 6, branch: 5, start: 5, end: 5 };

/** Live counts of the artifact's mediators, by formatted path. */
export function useCounts(name: string): ReadonlyMap<string, CounterDto> {
  // Runtime status arrives every second; the canvas redraws only when this artifact's counts move.
  const text = useStudio((s) =>
    JSON.stringify((s.runtime?.mediators ?? []).filter((m) => m.artifact === name)),
  );
  return useMemo(
    () => new Map((JSON.parse(text) as (CounterDto & { path: string })[]).map((m) => [m.path, m])),
    [text],
  );
}

/** The artifact's diagnostics by formatted mediator path. */
export function useProblems(artifact: Artifact): ReadonlyMap<string, Diagnostic[]> {
  const project = useStudio((s) => s.project);
  return useMemo(() => {
    const map = new Map<string, Diagnostic[]>();
    for (const d of projectDiagnostics(project)) {
      if (d.artifact !== artifact.name || !d.path) continue;
      const k = formatPath(d.path);
      map.set(k, [...(map.get(k) ?? []), d]);
    }
    return map;
  }, [project, artifact.name]);
}

/** What a node shows; a node whose signature did not change keeps its object (see `useFlow`). */
function signature(item: LayoutNode, data: FlowData): string {
  const m = item.mediator;
  const shown = m ? describeMediator(m) : undefined;
  return [
    item.kind,
    item.x,
    item.y,
    item.width,
    item.height,
    item.depth,
    item.label,
    m?.kind,
    shown?.label,
    shown?.summary,
    data.selected,
    data.problems.map((p) => p.message).join('|'),
    data.count ? `${data.count.messages}/${data.count.errors}` : '',
    data.empty,
  ].join('\u0000');
}

/**
 * React Flow re-processes every node whose object changed; an edit re-reads the whole artifact,
 * so rebuilding all nodes would redo the work for 1,000 boxes on each keystroke. Nodes whose
 * drawing is unchanged keep their previous object (their mediator data may be an older read of
 * the same element at the same path, which draws and drags the same).
 */
export function useFlow(
  layout: CanvasLayout,
  key: string,
  selected: string | undefined,
  problems: ReadonlyMap<string, Diagnostic[]>,
  counts: ReadonlyMap<string, CounterDto>,
): { nodes: Node<FlowData>[]; edges: Edge[] } {
  const cache = useRef(new Map<string, { sig: string; node: Node<FlowData> }>());
  const edgeCache = useRef(new Map<string, Edge>());
  return useMemo(() => {
    const slotIds = new Set(layout.nodes.filter((n) => n.kind === 'slot').map((n) => n.id));
    const next = new Map<string, { sig: string; node: Node<FlowData> }>();
    const nodes = layout.nodes.map((item): Node<FlowData> => {
      const path = item.mediator ? formatPath(item.mediator.path) : undefined;
      const count = path ? counts.get(path) : undefined;
      const data: FlowData = {
        item,
        artifact: key,
        selected: !!path && path === selected,
        problems: (path && problems.get(path)) || [],
        ...(count ? { count } : {}),
        // A list is empty when its first slot is its only one.
        ...(item.kind === 'slot'
          ? { empty: item.index === 0 && !slotIds.has(item.id.replace(/:0$/, ':1')) }
          : {}),
      };
      const sig = signature(item, data);
      const m = item.mediator ? describeMediator(item.mediator) : undefined;
      const old = cache.current.get(item.id);
      const node =
        old && old.sig === sig
          ? old.node
          : {
              id: item.id,
              type: item.kind,
              position: { x: item.x, y: item.y },
              width: item.width,
              height: item.height,
              zIndex: item.depth * 10 + (Z[item.kind] ?? 0),
              draggable: false,
              selectable: false,
              // Tab stops only on mediators: slots, Start/End and branch labels are not things
              // to act on with the keyboard.
              focusable: !!m,
              ...(m ? { ariaLabel: `${m.label}: ${m.summary}` } : {}),
              data,
            };
      next.set(item.id, { sig, node });
      return node;
    });
    cache.current = next;
    const edgeNext = new Map<string, Edge>();
    const edges = layout.edges.map((e): Edge => {
      const id = `${e.id}${e.dead ? ':dead' : ''}`;
      const edge = edgeCache.current.get(id) ?? {
        id: e.id,
        source: e.source,
        target: e.target,
        className: e.dead ? 'edge-dead' : undefined,
        markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
        zIndex: 1,
      };
      edgeNext.set(id, edge);
      return edge;
    });
    edgeCache.current = edgeNext;
    return { nodes, edges };
  }, [layout, key, selected, problems, counts]);
}
