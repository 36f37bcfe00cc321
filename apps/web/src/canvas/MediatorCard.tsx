/**
 * A mediator on the canvas: icon, label, the catalog's one-line summary, a badge when it has
 * problems and the live message counts. Dragging it (native drag) moves it to a drop slot.
 */
import { definitionForTag, formatPath, type MediatorNode } from '@mediate/engine';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { DragEvent } from 'react';
import { endDrag, startDrag } from './dnd.js';
import type { FlowData } from './flow-data.js';
import { MediatorIcon } from './icons.js';

/** Label and summary of a mediator, from its catalog definition. */
export function describeMediator(m: MediatorNode): { label: string; summary: string; icon: string } {
  const def = m.kind === 'raw' ? undefined : definitionForTag(m.tag);
  if (!def) return { label: `<${m.tag}>`, summary: 'unknown to Mediate: kept as written', icon: 'raw' };
  const description = typeof m.values.description === 'string' ? m.values.description : undefined;
  return { label: description || def.label, summary: def.summary(m.values), icon: def.icon };
}

/** The header of a mediator (the whole node, or the top of a container). */
export function MediatorHeader({ data }: { data: FlowData }) {
  const m = data.item.mediator as MediatorNode;
  const { label, summary, icon } = describeMediator(m);
  const errors = data.problems.filter((p) => p.severity === 'error').length;
  const onDragStart = (e: DragEvent) => {
    e.stopPropagation();
    startDrag(e, { op: 'move', artifact: data.artifact, path: m.path });
  };
  return (
    <div
      className={`mediator-header nodrag nopan kind-${m.kind}`}
      draggable
      onDragStart={onDragStart}
      onDragEnd={endDrag}
      title={`${label}: ${summary}`}
    >
      <span className="mediator-icon-box">
        <MediatorIcon name={icon} />
      </span>
      <span className="mediator-text">
        <span className="mediator-label">{label}</span>
        <span className="mediator-summary">{summary}</span>
      </span>
      <span className="mediator-badges">
        {data.problems.length > 0 && (
          <span
            className={`badge ${errors ? 'badge-error' : 'badge-warning'}`}
            data-testid="node-problems"
            title={data.problems.map((p) => p.message).join('\n')}
          >
            {data.problems.length}
          </span>
        )}
        {data.count && (data.count.messages > 0 || data.count.errors > 0) && (
          <span
            className="badge badge-count"
            data-testid="node-count"
            title="Messages passed / failed since the last deploy"
          >
            {data.count.messages}
            {data.count.errors > 0 && <span className="count-errors"> ✕{data.count.errors}</span>}
          </span>
        )}
      </span>
    </div>
  );
}

/** A leaf mediator. */
export function MediatorCard({ data }: NodeProps<Node<FlowData>>) {
  const m = data.item.mediator as MediatorNode;
  return (
    <div
      className={`mediator-card${data.selected ? ' selected' : ''}${m.kind === 'raw' ? ' raw' : ''}`}
      data-testid={`node-${formatPath(m.path)}`}
      data-kind={m.kind}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <MediatorHeader data={data} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** A container (in, out, filter): a header over the box its branches are drawn in. */
export function ContainerCard({ data }: NodeProps<Node<FlowData>>) {
  const m = data.item.mediator as MediatorNode;
  return (
    <div
      className={`container-card${data.selected ? ' selected' : ''}`}
      data-testid={`node-${formatPath(m.path)}`}
      data-kind={m.kind}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <MediatorHeader data={data} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}
