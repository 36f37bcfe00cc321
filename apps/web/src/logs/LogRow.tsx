/**
 * One log line in MI's console format; expands to its payload, properties and origin. Clicking a
 * line that came from a mediator selects that mediator on the canvas. The studio's own line where
 * a restarted server's lines begin is drawn as a separator.
 */
import { formatEventLine, type RuntimeEvent, parseMediatorPath } from '@mediate/engine';
import { memo } from 'react';
import { keyByName } from '../state/selectors.js';
import { studio } from '../state/store.js';
import type { LogEvent } from '../state/studio-types.js';

/** Opens the artifact of an event's mediator and selects the mediator. */
export function revealEventMediator(e: RuntimeEvent): void {
  const s = studio.getState();
  const where = parseMediatorPath(e.mediatorPath);
  const name = where?.artifact ?? e.artifact?.name;
  const key = name ? keyByName(s.project, name) : undefined;
  if (!key) return;
  s.open(key, where?.path);
  if (s.view === 'source') s.setView('split');
}

export const LogRow = memo(function LogRow({
  e,
  expanded,
  onToggle,
}: {
  e: LogEvent;
  expanded: boolean;
  onToggle: (seq: number) => void;
}) {
  if (e.restart)
    return (
      <div className="log-row log-restart" data-testid="log-restart" data-seq={e.seq}>
        <span className="log-text">{formatEventLine(e)}</span>
      </div>
    );
  const props = e.properties ? Object.entries(e.properties) : [];
  return (
    <div
      className={`log-row level-${e.level}${expanded ? ' expanded' : ''}`}
      data-testid="log-row"
      data-seq={e.seq}
    >
      <div className="log-line" onClick={() => revealEventMediator(e)} title={e.mediatorPath}>
        <button
          className="log-toggle"
          aria-label={expanded ? 'Collapse' : 'Expand'}
          data-testid="log-expand"
          onClick={(ev) => {
            ev.stopPropagation();
            onToggle(e.seq);
          }}
        >
          {expanded ? '▾' : '▸'}
        </button>
        <span className="log-text">{formatEventLine(e)}</span>
      </div>
      {expanded && (
        <div className="log-details" data-testid="log-details">
          <dl>
            {e.mediatorPath && (
              <>
                <dt>Mediator</dt>
                <dd className="mono">{e.mediatorPath}</dd>
              </>
            )}
            {e.messageId && (
              <>
                <dt>Message</dt>
                <dd className="mono">
                  {e.messageId}
                  {e.direction ? ` (${e.direction})` : ''}
                </dd>
              </>
            )}
            {props.map(([k, v]) => (
              <div key={k} className="prop">
                <dt>{k}</dt>
                <dd className="mono">{v}</dd>
              </div>
            ))}
          </dl>
          {e.payload !== undefined && (
            <pre className="payload">
              {e.payload}
              {e.payloadTruncated ? '\n… (truncated)' : ''}
            </pre>
          )}
        </div>
      )}
    </div>
  );
});
