/**
 * The explorer: artifacts by type, with create, rename and delete. A dot marks unsaved changes,
 * a count the problems.
 */
import type { Artifact } from '@mediate/engine';
import { useMemo, useState } from 'react';
import { artifactKey, CONFIG_KEY, TYPE_LABELS, type SavedType } from '../model/artifact-keys.js';
import { createArtifactCommand, deleteArtifactCommand, renameArtifactCommand } from '../state/commands.js';
import { isDirty, projectDiagnostics } from '../state/selectors.js';
import { studio, useStudio } from '../state/store.js';
import { NameInput } from './NameInput.js';

function ArtifactRow({ a, problems }: { a: Artifact; problems: number }) {
  const key = artifactKey(a);
  const open = useStudio((s) => s.openKey === key);
  const dirty = useStudio((s) => isDirty(a, s.saved));
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const s = studio.getState();
  if (mode === 'rename')
    return (
      <li className="explorer-row">
        <NameInput
          initial={a.name}
          testId={`explorer-rename-input-${a.name}`}
          taken={(n) => s.project.artifacts.some((x) => x.type === a.type && x.name === n)}
          onDone={(n) => {
            setMode('view');
            if (n && n !== a.name) s.dispatch(renameArtifactCommand(key, n));
          }}
        />
      </li>
    );
  return (
    <li
      className={`explorer-row${open ? ' open' : ''}`}
      data-testid={`explorer-item-${a.name}`}
      onClick={() => s.open(key)}
      onDoubleClick={() => setMode('rename')}
      title={a.file}
    >
      <span className="explorer-name">{a.name || '(unnamed)'}</span>
      {dirty && <span className="dirty-dot" title="Unsaved changes" />}
      {problems > 0 && <span className="badge badge-error">{problems}</span>}
      {mode === 'delete' ? (
        <span className="confirm" onClick={(e) => e.stopPropagation()}>
          Delete?
          <button
            data-testid={`explorer-delete-yes-${a.name}`}
            onClick={() => s.dispatch(deleteArtifactCommand(key))}
          >
            Yes
          </button>
          <button onClick={() => setMode('view')}>No</button>
        </span>
      ) : (
        <span className="row-actions">
          <button
            className="icon-button"
            title="Rename"
            data-testid={`explorer-rename-${a.name}`}
            onClick={(e) => {
              e.stopPropagation();
              setMode('rename');
            }}
          >
            ✎
          </button>
          <button
            className="icon-button"
            title="Delete"
            data-testid={`explorer-delete-${a.name}`}
            onClick={(e) => {
              e.stopPropagation();
              setMode('delete');
            }}
          >
            ×
          </button>
        </span>
      )}
    </li>
  );
}

function ConfigRow() {
  const open = useStudio((s) => s.openKey === CONFIG_KEY);
  const dirty = useStudio((s) => !!s.savedConfig && s.savedConfig.xml !== s.project.configText);
  return (
    <li
      className={`explorer-row${open ? ' open' : ''}`}
      data-testid="explorer-item-deployment.toml"
      onClick={() => studio.getState().open(CONFIG_KEY)}
    >
      <span className="explorer-name">deployment.toml</span>
      {dirty && <span className="dirty-dot" title="Unsaved changes" />}
    </li>
  );
}

export function Explorer() {
  const project = useStudio((s) => s.project);
  const [creating, setCreating] = useState<SavedType | undefined>();
  const problems = useMemo(() => {
    const m = new Map<string, number>();
    for (const d of projectDiagnostics(project))
      if (d.severity === 'error') m.set(d.artifact, (m.get(d.artifact) ?? 0) + 1);
    return m;
  }, [project]);
  return (
    <section className="explorer" aria-label="Explorer">
      <div className="panel-title">Explorer</div>
      {TYPE_LABELS.map(([type, label]) => {
        const items = project.artifacts
          .filter((a) => a.type === type)
          .sort((x, y) => x.name.localeCompare(y.name));
        return (
          <div key={type} className="explorer-group">
            <div className="explorer-group-title">
              <span>{label}</span>
              <button
                className="icon-button"
                title={`New ${label.toLowerCase().replace(/s$/, '')}`}
                data-testid={`explorer-create-${type}`}
                onClick={() => setCreating(type)}
              >
                +
              </button>
            </div>
            <ul>
              {creating === type && (
                <li className="explorer-row">
                  <NameInput
                    initial=""
                    testId="explorer-new-name"
                    taken={(n) => project.artifacts.some((x) => x.type === type && x.name === n)}
                    onDone={(n) => {
                      setCreating(undefined);
                      if (n) studio.getState().dispatch(createArtifactCommand(type, n));
                    }}
                  />
                </li>
              )}
              {items.map((a) => (
                <ArtifactRow key={artifactKey(a)} a={a} problems={problems.get(a.name) ?? 0} />
              ))}
            </ul>
          </div>
        );
      })}
      <div className="explorer-group">
        <div className="explorer-group-title">
          <span>Configuration</span>
        </div>
        <ul>
          <ConfigRow />
        </ul>
      </div>
      {project.artifacts
        .filter((a) => a.type === 'unsupported')
        .map((a) => (
          <div
            key={artifactKey(a)}
            className="explorer-row muted"
            onClick={() => studio.getState().open(artifactKey(a))}
          >
            {a.file ?? a.name} (unsupported)
          </div>
        ))}
    </section>
  );
}
