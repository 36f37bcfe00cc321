/**
 * One row of the explorer: opens its artifact on click or Enter, renames on double-click or F2
 * (on the server, with every reference: rename-actions.ts),
 * asks before deleting (× or Delete). Rows take part in the explorer's roving focus: one row is
 * the Tab stop (`tabStop`), the arrow keys move between rows (see `explorer-keys.ts`).
 */
import { type Artifact, artifactKey, CONFIG_KEY } from '@mediate/engine';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { deleteArtifactCommand } from '../state/commands.js';
import { renameArtifact } from '../state/rename-actions.js';
import { isDirty } from '../state/selectors.js';
import { studio, useStudio } from '../state/store.js';
import { NameInput } from './NameInput.js';

/** Attributes every focusable explorer row carries. */
function rowProps(key: string, tabStop: boolean, onKey: (e: KeyboardEvent) => void, onFocus: () => void) {
  return {
    tabIndex: tabStop ? 0 : -1,
    'data-row-key': key,
    role: 'treeitem',
    onKeyDown: (e: KeyboardEvent) => {
      // Keys on the row itself; its buttons and inputs keep theirs.
      if (e.target === e.currentTarget) onKey(e);
    },
    onFocus: (e: { target: unknown; currentTarget: unknown }) => {
      if (e.target === e.currentTarget) onFocus();
    },
  } as const;
}

export interface RowFocus {
  /** This row is the explorer's Tab stop. */
  readonly tabStop: boolean;
  /** The row got the focus (it becomes the Tab stop). */
  readonly onFocus: () => void;
}

export function ArtifactRow({ a, problems, focus }: { a: Artifact; problems: number; focus: RowFocus }) {
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
            if (n && n !== a.name) void renameArtifact(studio, key, n);
          }}
        />
      </li>
    );
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') s.open(key);
    else if (e.key === 'F2') setMode('rename');
    else if (e.key === 'Delete') setMode('delete');
    else return;
    e.preventDefault();
    // Not the studio's shortcuts: Delete here is about the artifact, not the selected mediator.
    e.stopPropagation();
  };
  return (
    <li
      className={`explorer-row${open ? ' open' : ''}`}
      data-testid={`explorer-item-${a.name}`}
      aria-selected={open}
      onClick={() => s.open(key)}
      onDoubleClick={() => setMode('rename')}
      title={a.file}
      {...rowProps(key, focus.tabStop, onKey, focus.onFocus)}
    >
      <span className="explorer-name">{a.name || '(unnamed)'}</span>
      {dirty && <span className="dirty-dot" title="Unsaved changes" />}
      {problems > 0 && <span className="badge badge-error">{problems}</span>}
      {mode === 'delete' ? (
        <span className="confirm" onClick={(e) => e.stopPropagation()}>
          Delete?
          <button
            data-testid={`explorer-delete-yes-${a.name}`}
            onClick={() => s.dispatch(deleteArtifactCommand(key), 'record')}
          >
            Yes
          </button>
          <button autoFocus onClick={() => setMode('view')}>
            No
          </button>
        </span>
      ) : (
        <span className="row-actions">
          <button
            className="icon-button"
            title="Rename (F2)"
            tabIndex={-1}
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
            title="Delete (Del)"
            tabIndex={-1}
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

/** A row that only opens something (deployment.toml, an unsupported file). */
export function PlainRow({
  rowKey,
  testId,
  className = '',
  focus,
  children,
}: {
  rowKey: string;
  testId?: string;
  className?: string;
  focus: RowFocus;
  children: ReactNode;
}) {
  const open = useStudio((s) => s.openKey === rowKey);
  const openIt = () => studio.getState().open(rowKey);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    openIt();
  };
  return (
    <li
      className={`explorer-row${open ? ' open' : ''}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      aria-selected={open}
      onClick={openIt}
      {...rowProps(rowKey, focus.tabStop, onKey, focus.onFocus)}
    >
      {children}
    </li>
  );
}

/** The row of the project's deployment.toml. */
export function ConfigRow({ focus }: { focus: RowFocus }) {
  const dirty = useStudio((s) => !!s.savedConfig && s.savedConfig.xml !== s.project.configText);
  return (
    <PlainRow rowKey={CONFIG_KEY} testId="explorer-item-deployment.toml" focus={focus}>
      <span className="explorer-name">deployment.toml</span>
      {dirty && <span className="dirty-dot" title="Unsaved changes" />}
    </PlainRow>
  );
}
