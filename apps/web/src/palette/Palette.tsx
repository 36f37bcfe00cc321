/**
 * The palette: every catalog kind, grouped and searchable. Drag an item onto a drop slot, a
 * mediator or the empty canvas, or double-click it (or focus it and press Enter or Space) to
 * insert after the selected mediator, or at the end when nothing is selected.
 */
import { CATALOG, PALETTE_GROUPS, type MediatorDefinition, type MediatorKind } from '@mediate/engine';
import { useMemo, useState } from 'react';
import { endDrag, startDrag } from '../canvas/dnd.js';
import { MediatorIcon } from '../canvas/icons.js';
import { insertCommand } from '../state/commands.js';
import { openArtifact } from '../state/selectors.js';
import { studio } from '../state/store.js';

const DEFINITIONS: readonly MediatorDefinition[] = Object.values(CATALOG);

/** The catalog's kinds by palette group, filtered by a search text; empty groups are left out. */
export function paletteGroups(query = '') {
  const q = query.trim().toLowerCase();
  const match = (d: MediatorDefinition) =>
    !q || d.label.toLowerCase().includes(q) || d.kind.includes(q) || d.description.toLowerCase().includes(q);
  return PALETTE_GROUPS.map((group) => ({
    group,
    items: DEFINITIONS.filter((d) => d.group === group && match(d)),
  })).filter((g) => g.items.length > 0);
}

/** Inserts a kind after the selection, or at the end of the open artifact's first list. */
export function insertFromPalette(kind: MediatorKind): void {
  const s = studio.getState();
  const a = openArtifact(s);
  if (!a) return;
  const sel = s.selection;
  if (sel && typeof sel[sel.length - 1] === 'number') {
    s.dispatch(
      insertCommand(s.openKey as string, sel.slice(0, -1), (sel[sel.length - 1] as number) + 1, { kind }),
      'record',
    );
    return;
  }
  const list = a.lists[0];
  if (!list) {
    s.toast({ kind: 'info', title: 'Nothing to insert into', detail: `${a.name} has no mediator list.` });
    return;
  }
  s.dispatch(insertCommand(s.openKey as string, [list.key], list.mediators.length, { kind }), 'record');
}

export function Palette() {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => paletteGroups(query), [query]);
  return (
    <section className="palette" aria-label="Palette">
      <div className="panel-title">Palette</div>
      <input
        className="search"
        type="search"
        placeholder="Search mediators"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="palette-search"
      />
      <div className="palette-groups">
        {groups.map(({ group, items }) => (
          <section key={group} className="palette-group">
            <h3>{group}</h3>
            <ul>
              {items.map((d) => (
                <li
                  key={d.kind}
                  className="palette-item"
                  data-testid={`palette-${d.kind}`}
                  data-kind={d.kind}
                  title={d.description}
                  draggable
                  tabIndex={0}
                  onDragStart={(e) => startDrag(e, { op: 'insert', kind: d.kind as MediatorKind })}
                  onDragEnd={endDrag}
                  onDoubleClick={() => insertFromPalette(d.kind as MediatorKind)}
                  role="button"
                  aria-label={`Insert ${d.label}`}
                  onKeyDown={(e) => {
                    if (e.key !== 'Enter' && e.key !== ' ') return;
                    e.preventDefault();
                    insertFromPalette(d.kind as MediatorKind);
                  }}
                >
                  <MediatorIcon name={d.icon} size={16} />
                  <span>{d.label}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {groups.length === 0 && <p className="muted">No mediator matches “{query}”.</p>}
      </div>
    </section>
  );
}
