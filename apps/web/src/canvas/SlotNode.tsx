/**
 * A drop slot in a gap of a chain: takes a palette item (insert) or a canvas node (move). Its
 * test id names the list and the position: `slot-sequence/0/body-2`. Not a Tab stop: keyboard
 * users insert from the palette (Enter) after the selected mediator. It also lights up when a
 * drop on a mediator or the empty canvas would land here (`useDropHint`).
 */
import { formatPath, type MediatorPath } from '@mediate/engine';
import type { Node, NodeProps } from '@xyflow/react';
import { useState, type DragEvent } from 'react';
import { insertCommand, moveCommand } from '../state/commands.js';
import { studio } from '../state/store.js';
import { canDrop, currentDrag, dropPayload, endDrag, setDropHint, useDropHint } from './dnd.js';
import type { FlowData } from './flow-data.js';

/** Drops a payload at a slot. */
export function dropAt(artifact: string, list: MediatorPath, index: number, e: DragEvent): void {
  const p = dropPayload(e.dataTransfer);
  endDrag();
  if (!p || !canDrop(p, artifact, list, index)) return;
  const s = studio.getState();
  if (p.op === 'insert') s.dispatch(insertCommand(artifact, list, index, { kind: p.kind }), 'record');
  else s.dispatch(moveCommand(artifact, p.path, list, index), 'record');
}

export function SlotNode({ id, data }: NodeProps<Node<FlowData>>) {
  const [pointerOver, setOver] = useState(false);
  const hinted = useDropHint((h) => h.slot === id);
  const over = pointerOver || hinted;
  const list = data.item.list as MediatorPath;
  const index = data.item.index as number;
  const onDragOver = (e: DragEvent) => {
    if (!canDrop(currentDrag(), data.artifact, list, index)) return;
    e.preventDefault();
    // Handled here: the canvas's own drop-anywhere handling stays out of it.
    e.stopPropagation();
    setDropHint(undefined);
    e.dataTransfer.dropEffect = currentDrag()?.op === 'move' ? 'move' : 'copy';
    if (!pointerOver) setOver(true);
  };
  return (
    <div
      className={`slot nodrag nopan${over ? ' over' : ''}${data.empty ? ' empty' : ''}`}
      data-testid={`slot-${formatPath(list)}-${index}`}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        if (!canDrop(currentDrag() ?? dropPayload(e.dataTransfer), data.artifact, list, index)) return;
        e.preventDefault();
        e.stopPropagation();
        setOver(false);
        dropAt(data.artifact, list, index, e);
      }}
    >
      <span className="slot-mark">{data.empty ? 'Drop a mediator here' : '+'}</span>
    </div>
  );
}
