/**
 * The bottom dock: Logs, Try-it, Problems and Deployments. Panels stay mounted while hidden, so
 * a Try-it socket and the log scroll position survive switching tabs.
 */
import { LogsPanel } from '../logs/LogsPanel.js';
import { projectDiagnostics } from '../state/selectors.js';
import { useStudio, studio } from '../state/store.js';
import type { DockTab } from '../state/studio-types.js';
import { TryIt } from '../tryit/TryIt.js';
import { DeploymentsPanel } from './DeploymentsPanel.js';
import { ProblemsPanel } from './ProblemsPanel.js';

const TABS: readonly (readonly [DockTab, string])[] = [
  ['logs', 'Logs'],
  ['try', 'Try-it'],
  ['problems', 'Problems'],
  ['deployments', 'Deployments'],
];

/** A drag handle on the dock's top edge. */
function DockResizer() {
  return (
    <div
      className="dock-resizer"
      role="separator"
      aria-orientation="horizontal"
      onMouseDown={(e) => {
        e.preventDefault();
        const move = (m: MouseEvent) => studio.getState().setDockHeight(window.innerHeight - m.clientY);
        const up = () => {
          window.removeEventListener('mousemove', move);
          window.removeEventListener('mouseup', up);
        };
        window.addEventListener('mousemove', move);
        window.addEventListener('mouseup', up);
      }}
    />
  );
}

export function Dock() {
  const tab = useStudio((s) => s.dockTab);
  const open = useStudio((s) => s.dockOpen);
  const problems = useStudio(
    (s) =>
      projectDiagnostics(s.project).filter((d) => d.severity === 'error').length +
      Object.keys(s.drafts).length +
      s.conflicts.length,
  );
  const s = studio.getState();
  return (
    <section className={`dock${open ? '' : ' closed'}`} aria-label="Dock">
      {open && <DockResizer />}
      <div className="dock-tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            aria-selected={tab === id}
            className={tab === id && open ? 'on' : ''}
            data-testid={`dock-tab-${id}`}
            onClick={() => s.setDock(id)}
          >
            {label}
            {id === 'problems' && problems > 0 && <span className="badge badge-error">{problems}</span>}
          </button>
        ))}
        <span className="spacer" />
        <button
          className="icon-button"
          title={open ? 'Hide the dock' : 'Show the dock'}
          onClick={() => s.toggleDock()}
        >
          {open ? '▾' : '▴'}
        </button>
      </div>
      <div className="dock-body" hidden={!open}>
        {TABS.map(([id]) => (
          <div key={id} className="dock-panel" hidden={tab !== id} data-testid={`dock-panel-${id}`}>
            {id === 'logs' && <LogsPanel />}
            {id === 'try' && <TryIt />}
            {id === 'problems' && <ProblemsPanel />}
            {id === 'deployments' && tab === 'deployments' && <DeploymentsPanel />}
          </div>
        ))}
      </div>
    </section>
  );
}
