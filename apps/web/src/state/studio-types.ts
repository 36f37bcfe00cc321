/**
 * The shape of the studio's one store, slice by slice. Only `project` (through commands
 * dispatched with `record`) enters the undo history; everything else here is view or session
 * state.
 */
import type {
  DeployResponse,
  DeploymentInfo,
  Diagnostic,
  ImportClash,
  ImportReport,
  MediatorPath,
  Project,
  RuntimeEvent,
  RuntimeInfo,
} from '@mediate/engine';
import type { Command } from './commands.js';
import type { History, HistoryMode } from './history.js';

/** The server's copy of a file, as last loaded or saved. */
export interface SavedFile {
  readonly xml: string;
  readonly rev: string;
}

/** Source text that does not parse: shown in the editor, never in the model. */
export interface SourceDraft {
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** A save that met a newer revision on the server. */
export interface Conflict {
  readonly file: string;
  readonly message: string;
}

export type ServerState = 'connecting' | 'online' | 'offline';

/**
 * An edit held back because it would replace source that does not parse (a draft): the user
 * keeps the draft (the edit is dropped) or discards it (the edit goes ahead).
 */
export interface DraftPrompt {
  /** What the edit is (`Change log`, `Undo Insert log`). */
  readonly label: string;
  /** The artifacts whose drafts it would replace. */
  readonly keys: readonly string[];
  /** Drops those drafts and makes the edit. */
  readonly proceed: () => void;
}

export interface WorkspaceSlice {
  readonly project: Project;
  readonly history: History;
  /** Server copies by file path. */
  readonly saved: Readonly<Record<string, SavedFile>>;
  readonly savedConfig?: SavedFile;
  readonly drafts: Readonly<Record<string, SourceDraft>>;
  readonly conflicts: readonly Conflict[];
  readonly server: ServerState;
  readonly saving: boolean;
  /** An edit waiting for the user to keep or discard a draft it would replace. */
  readonly draftPrompt?: DraftPrompt;
  /**
   * Applies a command; `history` says whether it becomes an undo step (`record`) or not
   * (`skip`). Returns false (and says why) when the edit fails, or when it would replace a
   * draft: then it waits in `draftPrompt`.
   */
  dispatch(cmd: Command, history: HistoryMode): boolean;
  /** Answers `draftPrompt`: discard the drafts and make the edit, or keep them and drop it. */
  resolveDraftPrompt(discard: boolean): void;
  undo(): void;
  redo(): void;
  /** Source typed in the editor: a good parse is a command, a bad one a draft. */
  applySource(key: string, text: string): void;
  /** Drops source that did not parse: the editor shows the model's text again. */
  discardDraft(key: string): void;
  /** Replaces everything from a load (not undoable). */
  loadWorkspace(project: Project, saved: Record<string, SavedFile>, savedConfig?: SavedFile): void;
}

export type ViewMode = 'design' | 'source' | 'split';
export type DockTab = 'logs' | 'try' | 'problems' | 'deployments';
export type Theme = 'light' | 'dark';

export interface Toast {
  readonly id: number;
  readonly kind: 'info' | 'success' | 'error';
  readonly title: string;
  readonly detail?: string;
  /** Toasts about one thing (`offline`) share a key: a new one replaces the old, never stacks. */
  readonly key?: string;
}

/** What the user imports: an uploaded file, pasted XML, or a folder on the server's machine. */
export type ImportSource =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'xml'; readonly text: string; readonly name: string }
  | { readonly kind: 'path'; readonly path: string };

/** The Import dialog: choosing, importing, then the report, the clashes or an error. */
export interface ImportDialogState {
  readonly source?: ImportSource;
  readonly busy: boolean;
  /** The artifact whose Source view held pasted `<definitions>` (its draft goes once imported). */
  readonly draftKey?: string;
  readonly report?: ImportReport;
  /** Names the project already has: nothing was imported; skip or rename them. */
  readonly clashes?: readonly ImportClash[];
  readonly error?: string;
}

export interface UiSlice {
  /** Key of the artifact in the editor. */
  readonly openKey?: string;
  /** The selected mediator of the open artifact. */
  readonly selection?: MediatorPath;
  readonly view: ViewMode;
  readonly dockTab: DockTab;
  readonly dockOpen: boolean;
  /** Height of the open dock in pixels. */
  readonly dockHeight: number;
  readonly theme: Theme;
  readonly clipboard?: { readonly xml: string; readonly label: string };
  readonly toasts: readonly Toast[];
  /** The Import dialog, when open. */
  readonly importDialog?: ImportDialogState;
  /** A source line to reveal (from Problems). */
  readonly reveal?: {
    readonly key: string;
    readonly line: number;
    readonly column: number;
    readonly n: number;
  };
  /** The project search (Ctrl+F): open, and bumped on every request so it takes the focus. */
  readonly search: { readonly open: boolean; readonly n: number };
  open(key: string | undefined, path?: MediatorPath): void;
  /** Opens (and focuses) or closes the project search. */
  setSearch(open: boolean): void;
  select(path: MediatorPath | undefined): void;
  setView(view: ViewMode): void;
  setDock(tab: DockTab, open?: boolean): void;
  toggleDock(): void;
  setDockHeight(px: number): void;
  setTheme(theme: Theme): void;
  setClipboard(clip: { xml: string; label: string } | undefined): void;
  toast(t: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
  /** Dismisses the toast with this key, if any. */
  dismissKey(key: string): void;
  revealLine(key: string, line: number, column: number): void;
  /** Opens, updates or (undefined) closes the Import dialog. */
  setImportDialog(d: ImportDialogState | undefined): void;
}

export type SocketState = 'connecting' | 'open' | 'closed';

export interface LogFilter {
  /** Lowest level shown. */
  readonly level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readonly artifact: string;
  readonly text: string;
  /** `<artifact>:<path>` of the selected mediator, when "only selected" is on. */
  readonly mediator?: string;
}

/**
 * A line of the Logs tab: a runtime event, or (`restart`) the studio's own line where a new
 * server process starts. Seqs are the studio's: the server's seq plus `LogsSlice.seqOffset`, so
 * they keep increasing across server restarts.
 */
export interface LogEvent extends RuntimeEvent {
  readonly restart?: true;
}

export interface LogsSlice {
  /** Appended in place (never copied: 100k lines); `logVersion` says it changed. */
  readonly events: LogEvent[];
  readonly logVersion: number;
  /** Bumped by clear and trim, so derived views start again. */
  readonly logEpoch: number;
  /** The last seq received from the current server process (its own numbering; resume with it). */
  readonly lastSeq: number;
  /** The id of the server process that numbered `lastSeq` (from the stream's first message). */
  readonly boot?: string;
  /** Added to the current server's seqs: the studio's seq of its restart line (0 before any). */
  readonly seqOffset: number;
  readonly socket: SocketState;
  readonly paused: boolean;
  readonly filter: LogFilter;
  appendEvents(events: readonly RuntimeEvent[]): void;
  /** The stream's first message named the server process: a new one starts a new numbering. */
  serverHello(boot: string): void;
  clearLogs(): void;
  setPaused(paused: boolean): void;
  setFilter(f: Partial<LogFilter>): void;
  setSocket(s: SocketState): void;
}

export interface RuntimeSlice {
  readonly runtime?: RuntimeInfo;
  readonly deploying: boolean;
  readonly lastDeploy?: DeployResponse;
  readonly deployments: readonly DeploymentInfo[];
  setRuntime(r: RuntimeInfo | undefined): void;
  setDeploying(d: boolean): void;
  setLastDeploy(r: DeployResponse | undefined): void;
  setDeployments(d: readonly DeploymentInfo[]): void;
}

/** The whole store. */
export type Studio = WorkspaceSlice & UiSlice & LogsSlice & RuntimeSlice;

/** Internal setters the async actions use. */
export interface StudioInternals {
  setSaved(saved: Record<string, SavedFile>, savedConfig?: SavedFile): void;
  setConflicts(c: readonly Conflict[]): void;
  setServer(s: ServerState): void;
  setSaving(s: boolean): void;
}
