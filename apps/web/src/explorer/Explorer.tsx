/**
 * The explorer: artifacts by type, with a filter by name, create, rename and delete. A dot marks
 * unsaved changes, a count the problems. Keyboard: Tab reaches the rows (one Tab stop per group,
 * after its + button), the arrow keys move, Enter opens, F2 renames, Delete asks to delete.
 */
import { ARTIFACT_TYPES, ARTIFACTS, artifactKey, CONFIG_KEY, type SavedType } from '@mediate/engine';
import { useMemo, useRef, useState } from 'react';
import { createArtifactCommand } from '../state/commands.js';
import { projectDiagnostics } from '../state/selectors.js';
import { studio, useStudio } from '../state/store.js';
import { ArtifactRow, ConfigRow, PlainRow, type RowFocus } from './ArtifactRow.js';
import { matchesFilter, moveRowFocus } from './explorer-keys.js';
import { NameInput } from './NameInput.js';

export function Explorer() {
  const project = useStudio((s) => s.project);
  const openKey = useStudio((s) => s.openKey);
  const [creating, setCreating] = useState<SavedType | undefined>();
  const [filter, setFilter] = useState('');
  const [focused, setFocused] = useState<string | undefined>();
  const section = useRef<HTMLElement>(null);
  const problems = useMemo(() => {
    const m = new Map<string, number>();
    for (const d of projectDiagnostics(project))
      if (d.severity === 'error') m.set(d.artifact, (m.get(d.artifact) ?? 0) + 1);
    return m;
  }, [project]);

  // One section per artifact definition, in the table's order.
  const groups = ARTIFACT_TYPES.map((type) => ({
    type,
    label: ARTIFACTS[type].plural,
    one: ARTIFACTS[type].label,
    items: project.artifacts
      .filter((a) => a.type === type && matchesFilter(a.name, filter))
      .sort((x, y) => x.name.localeCompare(y.name)),
  }));
  const unsupported = project.artifacts.filter(
    (a) => a.type === 'unsupported' && matchesFilter(a.file ?? a.name, filter),
  );
  const showConfig = matchesFilter(CONFIG_KEY, filter);
  const filtering = filter.trim() !== '';
  const configKeys = [...(showConfig ? [CONFIG_KEY] : []), ...unsupported.map(artifactKey)];
  const groupKeys = [...groups.map((g) => g.items.map(artifactKey)), configKeys];
  const visibleKeys = groupKeys.flat();
  // One Tab stop per group (so Tab goes + → its rows → next +): the row last focused, else the
  // open artifact, else the group's first row. The arrow keys cross groups.
  const stops = new Set<string>();
  for (const keys of groupKeys) {
    const stop = [focused, openKey].find((k) => k !== undefined && keys.includes(k)) ?? keys[0];
    if (stop) stops.add(stop);
  }
  const focusOf = (key: string): RowFocus => ({ tabStop: stops.has(key), onFocus: () => setFocused(key) });

  return (
    <section
      className="explorer"
      aria-label="Explorer"
      data-testid="explorer"
      ref={section}
      onKeyDown={(e) => {
        const row = e.target as HTMLElement;
        if (!row.dataset?.rowKey || !section.current) return;
        if (moveRowFocus(section.current, row, e.key)) e.preventDefault();
      }}
    >
      <div className="panel-title">Explorer</div>
      <input
        className="search"
        type="search"
        placeholder="Filter by name"
        aria-label="Filter artifacts by name"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && filter) {
            e.stopPropagation();
            setFilter('');
          }
        }}
        data-testid="explorer-filter"
      />
      <div role="tree" aria-label="Artifacts">
        {groups.map(({ type, label, one, items }) =>
          filtering && items.length === 0 ? null : (
            <div key={type} className="explorer-group" role="group" aria-label={label}>
              <div className="explorer-group-title">
                <span>{label}</span>
                <button
                  className="icon-button"
                  title={`New ${one.toLowerCase()}`}
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
                        if (n) studio.getState().dispatch(createArtifactCommand(type, n), 'record');
                      }}
                    />
                  </li>
                )}
                {items.map((a) => (
                  <ArtifactRow
                    key={artifactKey(a)}
                    a={a}
                    problems={problems.get(a.name) ?? 0}
                    focus={focusOf(artifactKey(a))}
                  />
                ))}
              </ul>
            </div>
          ),
        )}
        {(showConfig || unsupported.length > 0) && (
          <div className="explorer-group" role="group" aria-label="Configuration">
            <div className="explorer-group-title">
              <span>Configuration</span>
            </div>
            <ul>
              {showConfig && <ConfigRow focus={focusOf(CONFIG_KEY)} />}
              {unsupported.map((a) => (
                <PlainRow
                  key={artifactKey(a)}
                  rowKey={artifactKey(a)}
                  className="muted"
                  focus={focusOf(artifactKey(a))}
                >
                  {a.file ?? a.name} (unsupported)
                </PlainRow>
              ))}
            </ul>
          </div>
        )}
      </div>
      {visibleKeys.length === 0 && filtering && (
        <p className="muted explorer-empty" data-testid="explorer-filter-empty">
          No artifact matches “{filter.trim()}”.
        </p>
      )}
    </section>
  );
}
