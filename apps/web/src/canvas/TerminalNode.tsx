/**
 * Start and End of a chain, and the label of a filter branch.
 */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { FlowData } from './flow-data.js';

export function TerminalNode({ data }: NodeProps<Node<FlowData>>) {
  const start = data.item.kind === 'start';
  return (
    <div
      className={`terminal ${start ? 'terminal-start' : 'terminal-end'}`}
      data-testid={data.item.id.replace(':', '-')}
    >
      {!start && <Handle type="target" position={Position.Top} isConnectable={false} />}
      <span title={data.item.label}>{data.item.label}</span>
      {start && <Handle type="source" position={Position.Bottom} isConnectable={false} />}
    </div>
  );
}

export function BranchLabel({ data }: NodeProps<Node<FlowData>>) {
  return <div className="branch-label">{data.item.label}</div>;
}
