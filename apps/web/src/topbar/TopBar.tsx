/**
 * The top bar: save state (saved / unsaved / conflict), undo and redo, Search, Import, Save and
 * Deploy (the action registry's buttons: label, tooltip, shortcut and enabled state come from
 * actions/studio-actions.ts), the runtime's status, and the theme switch. Import, Save and Deploy
 * are disabled while the server cannot be reached; the status says so.
 */
import { useMemo } from 'react';
import { ActionButton } from '../actions/ActionButton.js';
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
  const deploying = useStudio((s) => s.deploying);
  const theme = useStudio((s) => s.theme);
  return (
    <header className="topbar">
      <span className="brand">Mediate</span>
      <SaveState />
      <ActionButton id="undo" className="icon-button">
        ↶
      </ActionButton>
      <ActionButton id="redo" className="icon-button">
        ↷
      </ActionButton>
      <ActionButton id="search" testId="search-open" className="search-button" />
      <span className="spacer" />
      <RuntimeStatus />
      <ActionButton id="import" />
      <ActionButton id="save" />
      <ActionButton id="deploy" className="primary">
        {deploying ? 'Deploying…' : 'Deploy'}
      </ActionButton>
      <button
        className="icon-button"
        data-testid="theme"
        title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        onClick={() => studio.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
