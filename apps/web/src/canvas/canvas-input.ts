/**
 * The canvas's own handlers, on the React Flow wrapper: drops that miss the dashed slots (on a
 * mediator: after it; on the empty canvas: at the end; see `drop-target.ts`), and the keyboard on
 * a focused mediator (Enter or Space selects it, the arrow keys move to the previous or next
 * mediator). Slots handle their own drops and stop them first.
 */
import { parsePath } from '@mediate/engine';
import { useReactFlow } from '@xyflow/react';
import type { DragEvent, KeyboardEvent } from 'react';
import { insertCommand, moveCommand } from '../state/commands.js';
import { studio } from '../state/store.js';
import { canDrop, currentDrag, dropPayload, endDrag, setDropHint } from './dnd.js';
import { dropTargetAt } from './drop-target.js';
import { slotId, type CanvasLayout } from './layout.js';

/** Drag-over, drop and drag-leave for the whole canvas of artifact `key`. */
export function useCanvasDrop(layout: CanvasLayout, key: string) {
  const flow = useReactFlow();
  const target = (e: DragEvent) => {
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    return dropTargetAt(layout, p.x, p.y);
  };
  return {
    onDragOver: (e: DragEvent) => {
      const drag = currentDrag();
      const t = target(e);
      if (!drag || !t || !canDrop(drag, key, t.list, t.index)) {
        setDropHint(undefined);
        return;
      }
      e.preventDefault();
      e.dataTransfer.dropEffect = drag.op === 'move' ? 'move' : 'copy';
      setDropHint(slotId(t.list, t.index));
    },
    onDragLeave: (e: DragEvent) => {
      // Leaving the canvas, not just moving from one of its elements to another.
      if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setDropHint(undefined);
    },
    onDrop: (e: DragEvent) => {
      const p = dropPayload(e.dataTransfer);
      const t = target(e);
      endDrag();
      if (!p || !t || !canDrop(p, key, t.list, t.index)) return;
      e.preventDefault();
      const s = studio.getState();
      if (p.op === 'insert') s.dispatch(insertCommand(key, t.list, t.index, { kind: p.kind }), 'record');
      else s.dispatch(moveCommand(key, p.path, t.list, t.index), 'record');
    },
  };
}

/** The mediator a React Flow node element stands for (`m:sequence/0` → path), if any. */
function mediatorIdOf(el: EventTarget | null): string | undefined {
  const id = (el as HTMLElement | null)?.closest?.<HTMLElement>('.react-flow__node')?.dataset.id;
  return id?.startsWith('m:') ? id : undefined;
}

/** Keys on a focused mediator node. */
export function useCanvasKeys(layout: CanvasLayout) {
  return (e: KeyboardEvent) => {
    const id = mediatorIdOf(e.target);
    if (!id || (e.target as HTMLElement).dataset.id !== id) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      studio.getState().select(parsePath(id.slice(2)));
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    // Mediators in layout order: top to bottom, into containers and out again.
    const order = layout.nodes
      .filter((n) => n.kind === 'mediator' || n.kind === 'container')
      .map((n) => n.id);
    const next = order[order.indexOf(id) + (e.key === 'ArrowDown' ? 1 : -1)];
    if (!next) return;
    e.preventDefault();
    const host = (e.currentTarget as HTMLElement).querySelector<HTMLElement>(
      `.react-flow__node[data-id="${CSS.escape(next)}"]`,
    );
    host?.focus();
  };
}
