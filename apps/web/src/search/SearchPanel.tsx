/**
 * The project search (Ctrl/Cmd+F outside the Source editor, or the top bar's Search): a box at the
 * top of the editor and the hits below it. A hit opens its artifact and selects its mediator (an
 * XML hit also reveals its line in the Source view). Arrow keys move, Enter opens, Escape closes.
 */
import { formatPath } from '@mediate/engine';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { studio, useStudio } from '../state/store.js';
import { searchProject, type SearchHit } from './project-search.js';

const KIND_LABEL: Readonly<Record<SearchHit['kind'], string>> = {
  artifact: 'artifact',
  mediator: 'mediator',
  xml: 'XML',
};

/** Opens what a hit points at and closes the search. */
function go(hit: SearchHit): void {
  const s = studio.getState();
  s.setSearch(false);
  s.open(hit.key, hit.path);
  if (hit.line !== undefined) s.revealLine(hit.key, hit.line, hit.column ?? 1);
}

export function SearchPanel() {
  const search = useStudio((s) => s.search);
  const project = useStudio((s) => s.project);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const deferred = useDeferredValue(query);
  const hits = useMemo(
    () => (search.open ? searchProject(project, deferred) : []),
    [project, deferred, search.open],
  );
  useEffect(() => {
    if (!search.open) return;
    input.current?.focus();
    input.current?.select();
  }, [search]);
  useEffect(() => setActive(0), [deferred]);
  useEffect(() => {
    document.querySelector('.search-hits .active')?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  if (!search.open) return null;
  const close = () => studio.getState().setSearch(false);
  return (
    <div className="search-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="search-panel" data-testid="search-panel" role="dialog" aria-label="Search the project">
        <input
          ref={input}
          type="search"
          className="mono"
          data-testid="search-input"
          placeholder="Search artifact names, mediators and XML"
          aria-controls="search-hits"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, hits.length - 1));
            else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
            else if (e.key === 'Enter' && hits[active]) go(hits[active]);
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
        {deferred.trim() !== '' && (
          <p className="muted search-count" data-testid="search-count">
            {hits.length === 0 ? `Nothing matches “${deferred.trim()}”.` : `${hits.length} found`}
          </p>
        )}
        <ul className="search-hits" id="search-hits" role="listbox">
          {hits.map((h, i) => (
            <li
              key={`${h.kind}:${h.key}:${h.path ? formatPath(h.path) : ''}:${h.line ?? ''}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              data-testid="search-hit"
              data-kind={h.kind}
              data-artifact={h.artifact}
              data-path={h.path ? formatPath(h.path) : undefined}
              onMouseEnter={() => setActive(i)}
              onClick={() => go(h)}
            >
              <span className={`hit-kind hit-${h.kind}`}>{KIND_LABEL[h.kind]}</span>
              <span className="hit-artifact">{h.artifact}</span>
              <span className={`hit-text${h.kind === 'xml' ? ' mono' : ''}`}>{h.text}</span>
              {h.line !== undefined && <span className="muted hit-line">line {h.line}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
