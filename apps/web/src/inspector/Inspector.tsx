/**
 * The inspector: the selected mediator's fields, generated from its catalog definition, with the
 * project's validation messages next to each field. With nothing selected it lists the open
 * artifact's problems.
 */
import { definitionForTag, formatPath, type FieldChanges } from '@mediate/engine';
import { useMemo } from 'react';
import { MediatorIcon } from '../canvas/icons.js';
import { describeMediator } from '../canvas/MediatorCard.js';
import { mediatorAtPath, samePath } from '../model/mediator-lookup.js';
import { changeCommand, removeCommand } from '../state/commands.js';
import { openArtifact, projectDiagnostics } from '../state/selectors.js';
import { studio, useStudio } from '../state/store.js';
import { FieldRow } from './FieldRow.js';

export function Inspector() {
  const project = useStudio((s) => s.project);
  const openKey = useStudio((s) => s.openKey);
  const selection = useStudio((s) => s.selection);
  const artifact = openArtifact({ project, openKey });
  const m = artifact && selection ? mediatorAtPath(artifact, selection) : undefined;
  const problems = useMemo(
    () =>
      artifact
        ? projectDiagnostics(project).filter(
            (d) => d.artifact === artifact.name && (m ? samePath(d.path, m.path) : true),
          )
        : [],
    [project, artifact, m],
  );
  if (!artifact) return <aside className="inspector empty-note">Open an artifact from the explorer.</aside>;
  if (!m) {
    return (
      <aside className="inspector" data-testid="inspector">
        <div className="panel-title">Inspector</div>
        <p className="muted">Select a mediator on the canvas to edit its fields.</p>
        {problems.length > 0 && <h4>Problems in {artifact.name}</h4>}
        <ul className="problem-list">
          {problems.map((d, i) => (
            <li key={i} className={`sev-${d.severity}`}>
              {d.message}
            </li>
          ))}
        </ul>
      </aside>
    );
  }
  const def = m.kind === 'raw' ? undefined : definitionForTag(m.tag);
  const { label, icon } = describeMediator(m);
  const key = openKey as string;
  const change = (values: FieldChanges) => studio.getState().dispatch(changeCommand(key, m.path, values));
  const byField = (k: string) => problems.filter((d) => d.field === k).map((d) => d.message);
  const general = problems.filter((d) => !d.field || !def?.fields.some((f) => f.key === d.field));
  return (
    <aside className="inspector" data-testid="inspector" data-path={formatPath(m.path)}>
      <div className="inspector-head">
        <MediatorIcon name={icon} size={22} />
        <div>
          <div className="inspector-title">{label}</div>
          <div className="muted mono small-text">{formatPath(m.path)}</div>
        </div>
        <button
          className="icon-button"
          title="Delete (Del)"
          data-testid="inspector-delete"
          onClick={() => studio.getState().dispatch(removeCommand(key, m.path))}
        >
          ×
        </button>
      </div>
      {def && <p className="muted">{def.description}</p>}
      {general.map((d, i) => (
        <div key={i} className={`notice sev-${d.severity}`}>
          {d.message}
        </div>
      ))}
      {!def && <p>This element is kept exactly as written. Edit it in the Source view.</p>}
      {def?.fields.map((f) => (
        <FieldRow key={f.key} field={f} values={m.values} change={change} problems={byField(f.key)} />
      ))}
    </aside>
  );
}
