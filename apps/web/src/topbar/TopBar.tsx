/**
 * The top bar: save state (saved / unsaved / conflict), undo and redo, Import, Save and Deploy,
 * the runtime's status, and the theme switch. Import, Save and Deploy are disabled while the
 * server cannot be reached; the status says so.
 */
import { useMemo } from 'react';
import { openImport } from '../state/import-actions.js';
import { deploy, saveAll } from '../state/server-actions.js';
import { OFFLINE_TEXT } from '../state/server-link.js';
import { pendingChanges, unsavedCount } from '../state/selectors.js';
import { studio, useStudio } from '../state/store.js';

function SaveState() {
  const project = useStudio((s) => s.project);
  const saved = useStudio((s) => s.saved);
  const savedConfig = useStudio((s) => s.savedConfig);
  const conflicts = useStudio((s) => s.conflicts.length);
  const saving = useStudio((s) => s.saving);
  const server = useStudio((s) => s.server);
  const n = useMemo(
    () => unsavedCount(pendingChanges(project, saved, savedConfig)),
    [project, saved, savedConfig],
  );
  const state = conflicts ? 'conflict' : saving ? 'saving' : n ? 'unsaved' : 'saved';
  const text =
    state === 'conflict'
      ? `Conflict (${conflicts})`
      : state === 'saving'
        ? 'Saving…'
        : state === 'unsaved'
          ? `${n} unsaved${server === 'offline' ? ' (offline)' : ''}`
          : 'All saved';
  return (
    <span
      className={`save-state save-${state}`}
      data-testid="save-state"
      data-state={state}
      onClick={() => conflicts && studio.getState().setDock('problems')}
    >
      {text}
    </span>
  );
}

function RuntimeStatus() {
  const server = useStudio((s) => s.server);
  const runtime = useStudio((s) => s.runtime);
  const socket = useStudio((s) => s.socket);
  if (server !== 'online')
    return (
      <span className="runtime-status" data-testid="runtime-status" data-state={server}>
        <span className={`dot dot-${server === 'offline' ? 'closed' : 'connecting'}`} />{' '}
        {server === 'offline' ? OFFLINE_TEXT : 'Connecting to the server…'}
      </span>
    );
  const listeners = runtime?.listeners ?? [];
  const label = runtime?.deployed
    ? `Running${runtime.deploymentId ? ` #${runtime.deploymentId}` : ''} · ${listeners.map((l) => `${l.kind}:${l.port}`).join(' ') || 'no listeners'}`
    : 'Not deployed';
  return (
    <span
      className="runtime-status"
      data-testid="runtime-status"
      data-state={runtime?.deployed ? 'running' : 'idle'}
      title={`Event stream: ${socket}`}
    >
      <span className={`dot dot-${runtime?.deployed ? 'open' : 'closed'}`} /> {label}
    </span>
  );
}

export function TopBar() {
  const canUndo = useStudio((s) => s.history.past.length > 0);
  const canRedo = useStudio((s) => s.history.future.length > 0);
  const undoLabel = useStudio((s) => s.history.past.at(-1)?.label);
  const redoLabel = useStudio((s) => s.history.future.at(-1)?.label);
  const deploying = useStudio((s) => s.deploying);
  const online = useStudio((s) => s.server === 'online');
  const theme = useStudio((s) => s.theme);
  const s = studio.getState();
  return (
    <header className="topbar">
      <span className="brand">Mediate</span>
      <SaveState />
      <button
        className="icon-button"
        disabled={!canUndo}
        title={`Undo ${undoLabel ?? ''} (Ctrl/Cmd+Z)`}
        data-testid="undo"
        onClick={() => s.undo()}
      >
        ↶
      </button>
      <button
        className="icon-button"
        disabled={!canRedo}
        title={`Redo ${redoLabel ?? ''} (Ctrl/Cmd+Shift+Z)`}
        data-testid="redo"
        onClick={() => s.redo()}
      >
        ↷
      </button>
      <button
        className="search-button"
        data-testid="search-open"
        title="Search artifact names, mediators and XML (Ctrl/Cmd+F)"
        onClick={() => s.setSearch(true)}
      >
        Search…
      </button>
      <span className="spacer" />
      <RuntimeStatus />
      <button
        data-testid="import"
        title={
          online
            ? 'Import an MI project, a CApp (.car) or a <definitions> file into this project'
            : 'The server is offline'
        }
        disabled={!online}
        onClick={() => openImport(studio)}
      >
        Import…
      </button>
      <button
        data-testid="save"
        title={
          online ? 'Save all (Ctrl/Cmd+S)' : 'The server is offline; your changes are kept in this browser'
        }
        disabled={!online}
        onClick={() => void saveAll(studio)}
      >
        Save
      </button>
      <button
        className="primary"
        data-testid="deploy"
        title={online ? 'Save and deploy (Ctrl/Cmd+Enter)' : 'The server is offline'}
        disabled={deploying || !online}
        onClick={() => void deploy(studio)}
      >
        {deploying ? 'Deploying…' : 'Deploy'}
      </button>
      <button
        className="icon-button"
        data-testid="theme"
        title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        onClick={() => s.setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
