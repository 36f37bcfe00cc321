/**
 * The Import dialog: bring an MI project into the open project. Upload a CApp (.car), a zipped
 * MI project (.zip) or an XML file (a `<definitions>` file or one artifact), or name a folder on
 * the server's machine. Shows the report afterwards; names the project already has are listed
 * and the user chooses to skip them or import them renamed.
 */
import { useState } from 'react';
import { runImport } from '../state/import-actions.js';
import { studio, useStudio } from '../state/store.js';
import type { ImportDialogState, ImportSource } from '../state/studio-types.js';
import { ImportReportView } from './ImportReportView.js';

function Choose() {
  const [folder, setFolder] = useState('');
  const start = (source: ImportSource) => void runImport(studio, source);
  return (
    <div className="import-choose">
      <label className="import-row">
        <span>A CApp (.car), a zipped MI project (.zip) or an XML file</span>
        <input
          type="file"
          accept=".car,.zip,.xml"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) start({ kind: 'file', file });
          }}
        />
      </label>
      <form
        className="import-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (folder.trim()) start({ kind: 'path', path: folder.trim() });
        }}
      >
        <span>Or an MI project folder (or file) on the server&apos;s machine</span>
        <input
          value={folder}
          placeholder="/path/to/MyMIProject"
          data-testid="import-path"
          onChange={(e) => setFolder(e.target.value)}
        />
        <button type="submit" data-testid="import-path-submit" disabled={!folder.trim()}>
          Import folder
        </button>
      </form>
    </div>
  );
}

function Clashes({ d }: { d: ImportDialogState & { source: ImportSource } }) {
  const again = (policy: 'skip' | 'rename') => void runImport(studio, d.source, policy, d.draftKey);
  return (
    <div className="import-clashes">
      <p className="notice sev-error">
        The project already has these artifacts, so nothing was imported. Skip them, or import them under new
        names (references to them in the imported artifacts keep the old names).
      </p>
      <ul>
        {d.clashes?.map((c) => (
          <li key={`${c.type}/${c.name}`} data-testid="import-clash" className="mono">
            {c.type}/{c.name} <span className="muted">from {c.from}</span>
          </li>
        ))}
      </ul>
      <button data-testid="import-skip" onClick={() => again('skip')}>
        Skip them
      </button>
      <button data-testid="import-rename" onClick={() => again('rename')}>
        Import them renamed
      </button>
    </div>
  );
}

export function ImportDialog() {
  const d = useStudio((s) => s.importDialog);
  if (!d) return null;
  const close = () => studio.getState().setImportDialog(undefined);
  let body;
  if (d.busy) body = <p data-testid="import-busy">Importing…</p>;
  else if (d.error)
    body = (
      <p className="notice sev-error" data-testid="import-error">
        {d.error}
        <button data-testid="import-back" onClick={() => studio.getState().setImportDialog({ busy: false })}>
          Choose another
        </button>
      </p>
    );
  else if (d.clashes?.length && d.source) body = <Clashes d={{ ...d, source: d.source }} />;
  else if (d.report) body = <ImportReportView report={d.report} />;
  else body = <Choose />;
  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && !d.busy && close()}>
      <div className="dialog" role="dialog" aria-label="Import" data-testid="import-dialog">
        <header>
          <h2>Import into this project</h2>
          <button
            className="icon-button"
            aria-label="Close"
            data-testid="import-close"
            disabled={d.busy}
            onClick={close}
          >
            ✕
          </button>
        </header>
        {body}
      </div>
    </div>
  );
}
