/**
 * Start and End of a chain, and the label of a container's branch (filter's Then, a switch case).
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
  // `Case 1: a.*`: the value after the colon (a regex) is shown as written, not upper-cased.
  const label = data.item.label ?? '';
  const colon = label.indexOf(': ');
  if (colon === -1) return <div className="branch-label">{label}</div>;
  return (
    <div className="branch-label" title={label}>
      {label.slice(0, colon + 2)}
      <span className="branch-value">{label.slice(colon + 2)}</span>
    </div>
  );
}
