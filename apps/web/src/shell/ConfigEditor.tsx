/**
 * deployment.toml: a plain text editor with the engine's checks of the keys Mediate reads.
 */
import { parseProjectConfig } from '@mediate/engine';
import { useMemo } from 'react';
import { DraftTextarea } from '../inspector/DraftInput.js';
import { configCommand } from '../state/commands.js';
import { studio, useStudio } from '../state/store.js';

export function ConfigEditor() {
  const text = useStudio((s) => s.project.configText);
  const config = useStudio((s) => s.project.config);
  const problems = useMemo(() => parseProjectConfig(text).diagnostics, [text]);
  return (
    <main className="editor">
      <div className="editor-head">
        <span className="editor-title" data-testid="editor-title">
          deployment.toml
        </span>
        <span className="muted">
          HTTP {config.httpPort} · HTTPS {config.httpsPort} · WebSocket sender{' '}
          {config.wsSender.enable ? 'on' : 'off'}
        </span>
      </div>
      <div className="config-editor">
        {problems.map((d, i) => (
          <div key={i} className={`notice sev-${d.severity}`}>
            {d.line !== undefined ? `Line ${d.line}: ` : ''}
            {d.message}
          </div>
        ))}
        <DraftTextarea
          className="mono"
          data-testid="config-editor"
          spellCheck={false}
          value={text}
          placeholder={'[transport.ws]\nsender.enable = true'}
          onValue={(t) => studio.getState().dispatch(configCommand(t), 'record')}
        />
      </div>
    </main>
  );
}
