/**
 * The Problems tab: save conflicts (with reload / keep mine), source that does not parse, the
 * project's validation, and the last failed deploy's diagnostics. A row leads to the problem.
 */
import { formatPath, type DeployResponse, type Diagnostic, findByKey } from '@mediate/engine';
import { useMemo } from 'react';
import { deploy, keepMine, leftOutLabel, reloadFromServer } from '../state/server-actions.js';
import { keyByName, projectDiagnostics } from '../state/selectors.js';
import { studio, useStudio } from '../state/store.js';

function goTo(d: Diagnostic, key: string | undefined): void {
  const s = studio.getState();
  if (!key) return;
  if (d.path) s.open(key, d.path);
  else {
    s.open(key);
    if (d.line !== undefined) {
      if (s.view === 'design') s.setView('split');
      s.revealLine(key, d.line, d.column ?? 1);
    }
  }
}

function Row({ d, keyOf, source }: { d: Diagnostic; keyOf: string | undefined; source: string }) {
  return (
    <tr className={`sev-${d.severity}`} data-testid="problem-row" onClick={() => goTo(d, keyOf)}>
      <td className="sev">{d.severity === 'error' ? '✕' : d.severity === 'warning' ? '!' : 'i'}</td>
      <td>{d.artifact}</td>
      <td>{d.message}</td>
      <td className="mono muted">{d.code}</td>
      <td className="mono muted">
        {d.path ? formatPath(d.path) : d.line !== undefined ? `${d.line}:${d.column ?? 1}` : ''}
      </td>
      <td className="muted">{source}</td>
    </tr>
  );
}

/**
 * After a refused deploy: the artifacts that cannot run and those that use them, and the choice
 * to deploy everything else without them (the deployment records what it left out).
 */
function DeployBlocked({ blocked }: { blocked: NonNullable<DeployResponse['blocked']> }) {
  const deploying = useStudio((s) => s.deploying);
  return (
    <div className="notice sev-error deploy-blocked" data-testid="deploy-blocked">
      <strong>Nothing was deployed:</strong> these artifacts cannot run (or use one that cannot).
      <ul>
        {blocked.map((b) => (
          <li key={b.artifact} data-testid="deploy-blocked-row" data-artifact={b.artifact}>
            <span className="mono">{leftOutLabel(b.artifact)}</span>: {b.reason}
          </li>
        ))}
      </ul>
      <button
        data-testid="deploy-without"
        disabled={deploying}
        onClick={() =>
          void deploy(
            studio,
            blocked.map((b) => b.artifact),
          )
        }
      >
        Deploy without them
      </button>
    </div>
  );
}

export function ProblemsPanel() {
  const project = useStudio((s) => s.project);
  const drafts = useStudio((s) => s.drafts);
  const conflicts = useStudio((s) => s.conflicts);
  const lastDeploy = useStudio((s) => s.lastDeploy);
  // Both ways of resolving a conflict ask the server.
  const online = useStudio((s) => s.server === 'online');
  const diagnostics = useMemo(() => projectDiagnostics(project), [project]);
  const keyFor = (name: string) =>
    keyByName(project, name) ?? (findByKey(project.artifacts, name) ? name : undefined);
  // The server's report repeats what local validation already shows; list only what it adds.
  const seen = new Set(diagnostics.map((d) => `${d.artifact}|${d.code}|${d.message}`));
  const failed =
    lastDeploy && !lastDeploy.ok
      ? lastDeploy.diagnostics.filter((d) => !seen.has(`${d.artifact}|${d.code}|${d.message}`))
      : [];
  const empty = !conflicts.length && !Object.keys(drafts).length && !diagnostics.length && !failed.length;
  return (
    <div className="problems-panel">
      {conflicts.map((c) => (
        <div key={c.file} className="notice sev-error conflict" data-testid="conflict">
          <strong>Conflict</strong> {c.file}: {c.message}
          <button
            data-testid="conflict-reload"
            disabled={!online}
            onClick={() => void reloadFromServer(studio, c.file)}
          >
            Reload theirs
          </button>
          <button
            data-testid="conflict-overwrite"
            disabled={!online}
            onClick={() => void keepMine(studio, c.file)}
          >
            Overwrite with mine
          </button>
        </div>
      ))}
      {lastDeploy && !lastDeploy.ok && lastDeploy.blocked?.length ? (
        <DeployBlocked blocked={lastDeploy.blocked} />
      ) : null}
      {empty && <p className="empty-note">No problems.</p>}
      <table className="problems">
        <tbody>
          {Object.entries(drafts).flatMap(([key, d]) =>
            d.diagnostics.map((x, i) => (
              <Row key={`d${key}${i}`} d={x} keyOf={key} source="source (not applied)" />
            )),
          )}
          {diagnostics.map((d, i) => (
            <Row key={`v${i}`} d={d} keyOf={keyFor(d.artifact)} source="validation" />
          ))}
          {failed.map((d, i) => (
            <Row key={`f${i}`} d={d} keyOf={keyFor(d.artifact)} source="last deploy" />
          ))}
        </tbody>
      </table>
    </div>
  );
}
