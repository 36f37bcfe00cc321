/**
 * The inspector: the selected mediator's fields, generated from its catalog definition, with the
 * project's validation messages next to each field. With nothing selected it lists the open
 * artifact's problems.
 */
import {
  definitionForTag,
  formatPath,
  isAttributeField,
  isInactive,
  type AttributeField,
  type FieldChanges,
  type MediatorDefinition,
  type MediatorValues,
  mediatorAtPath,
  samePath,
} from '@mediate/engine';
import { useMemo } from 'react';
import { MediatorIcon } from '../canvas/icons.js';
import { describeMediator } from '../canvas/MediatorCard.js';
import { changeCommand, removeCommand } from '../state/commands.js';
import { openArtifact, projectDiagnostics } from '../state/selectors.js';
import { studio, useStudio } from '../state/store.js';
import { BranchesEditor, branchFieldKeys } from './BranchesEditor.js';
import { FieldRow } from './FieldRow.js';

interface ShownField {
  readonly field: MediatorDefinition['fields'][number];
  readonly partner?: AttributeField;
}

/**
 * The fields the form shows: not those the other values make meaningless (property's value when
 * action="remove"), and a literal with its expression as one switch, unless the XML gives both.
 */
function shownFields(def: MediatorDefinition, values: MediatorValues): ShownField[] {
  const live = def.fields.filter((f) => !isInactive(f, values));
  const pairOf = (f: (typeof live)[number]): AttributeField | undefined => {
    if (!isAttributeField(f) || !f.orExpression) return undefined;
    if (values[f.key] !== undefined && values[f.orExpression] !== undefined) return undefined;
    const p = live.find((x) => x.key === f.orExpression);
    return p && isAttributeField(p) ? p : undefined;
  };
  const paired = new Set(live.flatMap((f) => pairOf(f)?.key ?? []));
  return live.filter((f) => !paired.has(f.key)).map((f) => ({ field: f, partner: pairOf(f) }));
}

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
  const change = (values: FieldChanges) =>
    studio.getState().dispatch(changeCommand(key, m.path, values), 'record');
  const byField = (k: string) => problems.filter((d) => d.field === k).map((d) => d.message);
  const shown = def ? shownFields(def, m.values) : [];
  const shownKeys = new Set([
    ...shown.flatMap((x) => [x.field.key, ...(x.partner ? [x.partner.key] : [])]),
    ...branchFieldKeys(m),
  ]);
  // Problems of hidden fields (a removed property's ignored value) are shown at the top.
  const general = problems.filter((d) => !d.field || !shownKeys.has(d.field));
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
          onClick={() => studio.getState().dispatch(removeCommand(key, m.path), 'record')}
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
      {shown.map(({ field: f, partner }) => (
        <FieldRow
          key={f.key}
          field={f}
          values={m.values}
          change={change}
          problems={byField(f.key)}
          partner={partner}
          partnerProblems={partner ? byField(partner.key) : undefined}
        />
      ))}
      {def && <BranchesEditor artifact={key} mediator={m} problems={problems} />}
    </aside>
  );
}
