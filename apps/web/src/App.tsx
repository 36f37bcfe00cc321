/**
 * The studio shell. For now only the palette, drawn from the engine's catalog: it proves the
 * browser-safe model (@mediate/engine) loads in the browser. Explorer, canvas, inspector and the
 * bottom dock come with later issues (DESIGN.md §6).
 */
import { CATALOG, PALETTE_GROUPS, type MediatorDefinition, type PaletteGroup } from '@mediate/engine';

const DEFINITIONS: readonly MediatorDefinition[] = Object.values(CATALOG);

/** The catalog's kinds by palette group, in palette order; empty groups are left out. */
export function paletteGroups(): { group: PaletteGroup; items: MediatorDefinition[] }[] {
  return PALETTE_GROUPS.map((group) => ({
    group,
    items: DEFINITIONS.filter((d) => d.group === group),
  })).filter((g) => g.items.length > 0);
}

export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Mediate</span>
      </header>
      <aside className="palette" aria-label="Palette">
        {paletteGroups().map(({ group, items }) => (
          <section key={group} className="palette-group">
            <h2>{group}</h2>
            <ul>
              {items.map((d) => (
                <li key={d.kind} className="palette-item" data-kind={d.kind} title={d.description}>
                  {d.label}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </aside>
      <main className="canvas" />
    </div>
  );
}
