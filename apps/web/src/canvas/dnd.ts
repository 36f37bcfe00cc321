/**
 * Drag and drop between the palette, canvas nodes and drop slots, with the browser's native
 * drag events (so it works the same for mouse users and for Playwright's `dragTo`). The payload
 * travels in the DataTransfer; a module copy lets `dragover` decide before the drop (browsers
 * hide DataTransfer data until then).
 */
import { type MediatorKind, type MediatorPath, isWithin, samePath } from '@mediate/engine';
import { create } from 'zustand';

export const DRAG_MIME = 'application/x-mediate';

export type DragPayload =
  | { readonly op: 'insert'; readonly kind: MediatorKind }
  | { readonly op: 'move'; readonly artifact: string; readonly path: MediatorPath };

let current: DragPayload | undefined;

/** Starts a drag from a palette item or a canvas node. */
export function startDrag(e: { dataTransfer: DataTransfer }, payload: DragPayload): void {
  current = payload;
  e.dataTransfer.setData(DRAG_MIME, JSON.stringify(payload));
  e.dataTransfer.setData('text/plain', payload.op === 'insert' ? payload.kind : payload.path.join('/'));
  e.dataTransfer.effectAllowed = payload.op === 'move' ? 'move' : 'copy';
  document.body.classList.add('dragging');
}

/**
 * The slot a drop off the slots (on a mediator, on the empty canvas) would land in, so that slot
 * lights up as if the pointer were on it. Its own small store: only the two slots whose state
 * changes re-render.
 */
export const useDropHint = create<{ readonly slot?: string }>(() => ({}));

/** Marks the slot (by layout id) a drop would land in; undefined clears it. */
export function setDropHint(slot: string | undefined): void {
  if (useDropHint.getState().slot !== slot) useDropHint.setState({ slot });
}

/** Ends a drag (dropped or cancelled). */
export function endDrag(): void {
  current = undefined;
  document.body.classList.remove('dragging');
  setDropHint(undefined);
}

/** The payload of a drop. */
export function dropPayload(dt: DataTransfer | null): DragPayload | undefined {
  const raw = dt?.getData(DRAG_MIME);
  if (raw) {
    try {
      return JSON.parse(raw) as DragPayload;
    } catch {
      return current;
    }
  }
  return current;
}

/** The drag under way, for `dragover`. */
export function currentDrag(): DragPayload | undefined {
  return current;
}

/**
 * Whether a drop at `index` of `list` (in artifact `artifact`) does anything: a mediator cannot go
 * into itself, and dropping it right before or after itself changes nothing.
 */
export function canDrop(
  p: DragPayload | undefined,
  artifact: string,
  list: MediatorPath,
  index: number,
): boolean {
  if (!p) return false;
  if (p.op === 'insert') return true;
  if (p.artifact !== artifact) return false;
  if (isWithin(list, p.path)) return false;
  const fromList = p.path.slice(0, -1);
  const fromIndex = p.path[p.path.length - 1] as number;
  return !(samePath(fromList, list) && (index === fromIndex || index === fromIndex + 1));
}
