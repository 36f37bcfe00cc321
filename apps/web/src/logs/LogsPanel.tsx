/**
 * The Logs tab: the runtime's event stream, virtualized (only visible rows exist in the DOM, so
 * 100k lines scroll smoothly), filtered by level, artifact, text or the selected mediator, with
 * pause, clear and an auto-scroll that lets go when the user scrolls up.
 */
import { formatPath, type RuntimeEvent } from '@mediate/engine';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { openArtifact } from '../state/selectors.js';
import { studio, useStudio } from '../state/store.js';
import type { LogFilter } from '../state/studio-types.js';
import { FilteredIndex } from './log-filter.js';
import { LogRow } from './LogRow.js';
import { RowGeometry } from './row-geometry.js';

/** Row height, and the extra height of an expanded row (its details scroll inside). */
const ROW_H = 20;
const DETAILS_H = 180;

const LEVELS: LogFilter['level'][] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

/** Position in the filtered list of the event with `seq` (events are in seq order). */
function positionOf(
  events: readonly RuntimeEvent[],
  indices: readonly number[],
  count: number,
  seq: number,
): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[indices[mid] as number] as RuntimeEvent).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo < count && events[indices[lo] as number]?.seq === seq ? lo : -1;
}

function useOnlySelected(on: boolean) {
  const mediator = useStudio((s) => {
    const a = openArtifact(s);
    return a && s.selection ? `${a.name}:${formatPath(s.selection)}` : undefined;
  });
  useEffect(() => {
    studio.getState().setFilter({ mediator: on ? mediator : undefined });
  }, [on, mediator]);
  return mediator;
}

export function LogsPanel() {
  const events = useStudio((s) => s.events);
  const version = useStudio((s) => s.logVersion);
  const epoch = useStudio((s) => s.logEpoch);
  const filter = useStudio((s) => s.filter);
  const paused = useStudio((s) => s.paused);
  const socket = useStudio((s) => s.socket);
  const names = useStudio((s) => s.project.artifacts.map((a) => a.name).join('\n'));
  const [onlySelected, setOnlySelected] = useState(false);
  const selectedMediator = useOnlySelected(onlySelected);
  const index = useRef(new FilteredIndex());
  const total = useMemo(() => index.current.update(events, epoch, filter), [events, epoch, filter, version]);
  const [frozen, setFrozen] = useState(0);
  const count = paused ? Math.min(frozen, total) : total;
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const parent = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 400 });
  const follow = useRef(true);
  const [following, setFollowing] = useState(true);
  const indices = index.current.indices;
  const geo = useMemo(() => {
    const extras = new Map<number, number>();
    for (const seq of expanded) {
      const k = positionOf(events, indices, count, seq);
      if (k >= 0) extras.set(k, DETAILS_H);
    }
    return new RowGeometry(count, ROW_H, extras);
  }, [expanded, events, indices, count, version]);
  const [first, last] = geo.range(view.top, view.height);
  useLayoutEffect(() => {
    const el = parent.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [geo]);
  useEffect(() => {
    const el = parent.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const onScroll = () => {
    const el = parent.current;
    if (!el) return;
    setView({ top: el.scrollTop, height: el.clientHeight });
    // Auto-scroll follows only while the user is at the bottom; scrolling up lets go.
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_H;
    follow.current = bottom;
    if (bottom !== following) setFollowing(bottom);
  };
  const toggle = useCallback((seq: number) => {
    setExpanded((old) => {
      const next = new Set(old);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });
  }, []);
  const s = studio.getState();
  const rows = [];
  for (let i = first; i <= last; i++) {
    const e = events[indices[i] as number];
    if (!e) continue;
    rows.push(
      <div key={e.seq} className="log-slot" style={{ top: geo.offsetOf(i), height: geo.heightOf(i) }}>
        <LogRow e={e} expanded={expanded.has(e.seq)} onToggle={toggle} />
      </div>,
    );
  }
  return (
    <div className="logs-panel" data-native-undo>
      <div className="toolbar">
        <select
          data-testid="logs-level"
          value={filter.level}
          onChange={(e) => s.setFilter({ level: e.target.value as LogFilter['level'] })}
        >
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l === 'TRACE' ? 'All levels' : `${l} and above`}
            </option>
          ))}
        </select>
        <select
          data-testid="logs-artifact"
          value={filter.artifact}
          onChange={(e) => s.setFilter({ artifact: e.target.value })}
        >
          <option value="">All artifacts</option>
          {names
            .split('\n')
            .filter(Boolean)
            .map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
        </select>
        <input
          type="search"
          placeholder="Filter text"
          data-testid="logs-text"
          value={filter.text}
          onChange={(e) => s.setFilter({ text: e.target.value })}
        />
        <label className="check" title={selectedMediator ?? 'Select a mediator first'}>
          <input
            type="checkbox"
            data-testid="logs-only-selected"
            checked={onlySelected}
            onChange={(e) => setOnlySelected(e.target.checked)}
          />
          Selected mediator only
        </label>
        <span className="spacer" />
        <span className="muted small-text" data-testid="logs-count">
          {count.toLocaleString()} {count === 1 ? 'line' : 'lines'}
          {paused && total > count ? ` (+${(total - count).toLocaleString()} while paused)` : ''}
        </span>
        <button
          data-testid="logs-pause"
          onClick={() => {
            setFrozen(total);
            s.setPaused(!paused);
          }}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button data-testid="logs-clear" onClick={() => s.clearLogs()}>
          Clear
        </button>
        <span className={`dot dot-${socket}`} title={`Event stream: ${socket}`} data-testid="logs-socket" />
      </div>
      <div className="log-list" ref={parent} onScroll={onScroll} data-testid="log-list">
        <div style={{ height: geo.total, position: 'relative' }}>{rows}</div>
        {count === 0 && (
          <div className="empty-note">
            {events.length
              ? 'No line matches the filters.'
              : 'Log lines appear here as messages flow after a deploy.'}
          </div>
        )}
      </div>
      {!following && count > 0 && (
        <button
          className="jump"
          data-testid="logs-jump"
          onClick={() => {
            follow.current = true;
            setFollowing(true);
            if (parent.current) parent.current.scrollTop = parent.current.scrollHeight;
          }}
        >
          ↓ Latest
        </button>
      )}
    </div>
  );
}
