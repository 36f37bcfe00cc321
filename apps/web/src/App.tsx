/**
 * The studio shell (DESIGN.md §6): explorer and palette on the left, the editor in the middle,
 * the inspector on the right, the dock below, the top bar above.
 */
import { useEffect, type CSSProperties } from 'react';
import { Dock } from './dock/Dock.js';
import { Explorer } from './explorer/Explorer.js';
import { ImportDialog } from './import/ImportDialog.js';
import { Inspector } from './inspector/Inspector.js';
import { Palette } from './palette/Palette.js';
import { DraftPrompt } from './shell/DraftPrompt.js';
import { SearchPanel } from './search/SearchPanel.js';
import { EditorArea } from './shell/EditorArea.js';
import { NameLists } from './shell/NameLists.js';
import { Toasts } from './shell/Toasts.js';
import { useLiveData } from './shell/use-live-data.js';
import { useShortcuts } from './shell/use-shortcuts.js';
import { useStudio } from './state/store.js';
import { TopBar } from './topbar/TopBar.js';

export function App() {
  const theme = useStudio((s) => s.theme);
  const dockOpen = useStudio((s) => s.dockOpen);
  const dockHeight = useStudio((s) => s.dockHeight);
  useLiveData();
  useShortcuts();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div
      className={`app${dockOpen ? '' : ' dock-closed'}`}
      style={
        {
          ...(dockOpen ? { gridTemplateRows: `44px minmax(0, 1fr) ${dockHeight}px` } : {}),
          // Toasts stand just above the dock (closed, it is a 34px tab strip).
          '--dock-h': `${dockOpen ? dockHeight : 34}px`,
        } as CSSProperties
      }
    >
      <TopBar />
      <aside className="sidebar">
        <Explorer />
        <Palette />
      </aside>
      <EditorArea />
      <Inspector />
      <Dock />
      <SearchPanel />
      <Toasts />
      <NameLists />
      <ImportDialog />
      <DraftPrompt />
    </div>
  );
}
