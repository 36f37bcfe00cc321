/**
 * The design canvas of one artifact: React Flow draws the layout derived from the model. Nodes
 * are not draggable in React Flow's sense (positions come from layout); mediators move by native
 * drag onto drop slots, onto other mediators (after them) or the empty canvas (to the end). Only
 * mediators are Tab stops; Enter selects the focused one, the arrow keys move between them.
 * Right-click opens a menu of the registry's actions (copy, paste, delete, …).
 */
import { formatPath, type Artifact, artifactKey } from '@mediate/engine';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useState } from 'react';
import type { ActionId } from '../actions/action-types.js';
import { ActionMenu, type MenuAt } from '../actions/ActionMenu.js';
import { keyByName } from '../state/selectors.js';
import { studio, useStudio } from '../state/store.js';
import type { FlowData } from './flow-data.js';
import { layoutArtifact } from './layout.js';
import { ContainerCard, MediatorCard } from './MediatorCard.js';
import { SlotNode } from './SlotNode.js';
import { useCanvasDrop, useCanvasKeys } from './canvas-input.js';
import { BranchLabel, TerminalNode } from './TerminalNode.js';
import { useCounts, useFlow, useProblems } from './use-flow.js';
import { AutoFit, FollowSelection } from './viewport-helpers.js';

// Defined once at module scope: React Flow warns (and re-mounts nodes) when this object changes.
const NODE_TYPES = {
  mediator: MediatorCard,
  container: ContainerCard,
  slot: SlotNode,
  start: TerminalNode,
  end: TerminalNode,
  branch: BranchLabel,
};

/** The context menus' actions, from the registry. */
const MEDIATOR_MENU: ActionId[] = ['cut', 'copy', 'paste', 'duplicate', 'delete'];
const CANVAS_MENU: ActionId[] = ['paste', 'undo', 'redo'];

function Flow({ artifact }: { artifact: Artifact }) {
  const key = artifactKey(artifact);
  const theme = useStudio((s) => s.theme);
  const selection = useStudio((s) => s.selection);
  const selected = selection ? formatPath(selection) : undefined;
  const layout = useMemo(() => layoutArtifact(artifact), [artifact]);
  const problems = useProblems(artifact);
  const counts = useCounts(artifact.name);
  const { nodes, edges } = useFlow(layout, key, selected, problems, counts);
  const big = layout.nodes.length > 300;
  const drop = useCanvasDrop(layout, key);
  const onKeyDown = useCanvasKeys(layout);
  const [menu, setMenu] = useState<MenuAt | undefined>();
  const closeMenu = useCallback(() => setMenu(undefined), []);
  const openMenu = (e: { preventDefault(): void; clientX: number; clientY: number }, ids: ActionId[]) => {
    e.preventDefault();
    setMenu({ x: e.clientX, y: e.clientY, ids });
  };
  return (
    <>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        colorMode={theme}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        onDragOver={drop.onDragOver}
        onDragLeave={drop.onDragLeave}
        onDrop={drop.onDrop}
        onKeyDown={onKeyDown}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        panActivationKeyCode={null}
        onlyRenderVisibleElements={big}
        fitView={!big}
        fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
        defaultViewport={{ x: 40, y: 24, zoom: 1 }}
        minZoom={0.1}
        maxZoom={2}
        onPaneClick={() => studio.getState().select(undefined)}
        // A click handler also gives nodes pointer events (React Flow turns them off for nodes that
        // are neither selectable nor draggable), which the drop slots and native drags need.
        onNodeDoubleClick={(_e, n) => {
          // A sequence reference opens the sequence it names.
          const m = (n.data as FlowData).item.mediator;
          const name = m?.kind === 'sequence' ? m.values.key : undefined;
          const target =
            typeof name === 'string' ? keyByName(studio.getState().project, name, 'sequence') : undefined;
          if (target) studio.getState().open(target);
        }}
        onNodeClick={(_e, n) => {
          const m = (n.data as FlowData).item.mediator;
          if (m) studio.getState().select(m.path);
        }}
        // Right-click (or the menu key) on a mediator selects it and offers what can be done to it;
        // on the empty canvas, what can be done there (a paste goes to the end).
        onNodeContextMenu={(e, n) => {
          const m = (n.data as FlowData).item.mediator;
          if (!m) return;
          studio.getState().select(m.path);
          openMenu(e, MEDIATOR_MENU);
        }}
        onPaneContextMenu={(e) => {
          studio.getState().select(undefined);
          openMenu(e, CANVAS_MENU);
        }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
        {/* Small flows fit on screen; the minimap would only cover part of them. */}
        {(layout.height > 900 || layout.width > 1000) && (
          <MiniMap
            pannable
            zoomable
            bgColor="var(--panel)"
            maskColor="color-mix(in srgb, var(--bg) 60%, transparent)"
            nodeColor={(n) =>
              n.type === 'slot' || n.type === 'branch'
                ? 'transparent'
                : n.type === 'container'
                  ? 'var(--border)'
                  : 'var(--node-border)'
            }
            style={{ width: 140, height: 110 }}
          />
        )}
        <FollowSelection layout={layout} selected={selected} />
        <AutoFit layout={layout} />
      </ReactFlow>
      {menu && <ActionMenu at={menu} onClose={closeMenu} />}
    </>
  );
}

/** The canvas of an artifact (remounted per artifact, so each opens fitted). */
export function Canvas({ artifact }: { artifact: Artifact }) {
  return (
    <div className="canvas" data-testid="canvas">
      <ReactFlowProvider key={artifactKey(artifact)}>
        <Flow artifact={artifact} />
      </ReactFlowProvider>
    </div>
  );
}
