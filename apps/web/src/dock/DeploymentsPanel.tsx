/**
 * The Deployments tab: what was deployed when, what changed, what it left out (a "Deploy
 * without them"), and rollback to an earlier one (disabled while the server is offline;
 * afterwards the studio shows the rolled-back files).
 */
import { useEffect } from 'react';
import { describeChanges, leftOutLabel, refreshDeployments } from '../state/server-actions.js';
import { rollback } from '../state/server-sync.js';
import { studio, useStudio } from '../state/store.js';

export function DeploymentsPanel() {
  const list = useStudio((s) => s.deployments);
  const last = useStudio((s) => s.lastDeploy);
  const online = useStudio((s) => s.server === 'online');
  useEffect(() => {
    void refreshDeployments(studio);
  }, [last]);
  if (!list.length) return <p className="empty-note">Nothing deployed yet. Press Deploy (Ctrl/Cmd+Enter).</p>;
  return (
    <table className="deployments" data-testid="deployments">
      <thead>
        <tr>
          <th>Deployment</th>
          <th>Time</th>
          <th>Changes</th>
          <th>Artifacts</th>
          <th>Left out</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {list.map((d) => (
          <tr key={d.id} className={d.current ? 'current' : ''} data-testid="deployment-row">
            <td className="mono">
              {d.id}
              {d.current && <span className="tag">running</span>}
            </td>
            <td>{new Date(d.time).toLocaleString()}</td>
            <td>{describeChanges({ ok: true, changes: d.changes, diagnostics: [] })}</td>
            <td>{d.artifacts}</td>
            <td
              data-testid="deployment-excluded"
              title={d.excluded?.map((e) => `${leftOutLabel(e.artifact)}: ${e.reason}`).join('\n')}
            >
              {d.excluded?.map((e) => leftOutLabel(e.artifact)).join(', ')}
            </td>
            <td>
              {!d.current && (
                <button
                  data-testid={`rollback-${d.id}`}
                  disabled={!online}
                  title={online ? undefined : 'The server is offline'}
                  onClick={() => void rollback(studio, d.id)}
                >
                  Roll back to this
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
