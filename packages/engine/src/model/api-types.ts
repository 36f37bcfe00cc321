/**
 * The admin API's request and response shapes (`/api`), shared by the server and the studio.
 * Browser-safe: types and constants only.
 */
import type { ArtifactFolder } from './artifacts/artifact-table.js';
import type { Diagnostic } from './diagnostics.js';
import type { RenamedReference } from './edit/rename-artifact.js';
import type { RuntimeEvent } from './events.js';

/** Every error body: `{ code, message, details? }`. */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export interface HealthResponse {
  readonly status: 'ok';
  readonly version: string;
  /**
   * This server process's id, new at every start. Event numbers (`RuntimeEvent.seq`) start again
   * at 1 with each new id, so a client that saw another id must not resume with its old `since`.
   */
  readonly boot: string;
  /**
   * Set when the project's files on disk did not deploy at start and the last good deployment
   * runs instead: names the failing files (until a deploy succeeds).
   */
  readonly warning?: string;
}

/** One row of `GET /api/artifacts`. */
export interface ArtifactSummary {
  readonly type: ArtifactFolder;
  readonly name: string;
  /** Content hash of the file; send it back on PUT to detect conflicts. */
  readonly rev: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** `GET /api/artifacts/:type/:name`. */
export interface ArtifactDocument {
  readonly type: ArtifactFolder;
  readonly name: string;
  readonly xml: string;
  readonly rev: string;
}

export interface PutArtifactRequest {
  readonly xml: string;
  /** The revision the edit started from; omit to overwrite. */
  readonly rev?: string;
}

export interface PutArtifactResponse {
  readonly rev: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** `POST /api/artifacts/:type/:name/rename`. */
export interface RenameArtifactRequest {
  /** The new name. */
  readonly to: string;
  /** The revision of the artifact the rename starts from; a stale one is refused (409). */
  readonly rev: string;
}

/** A file a rename wrote, with its text and its new revision. */
export interface RenamedFileDto {
  /** Project-relative: `artifacts/<folder>/<name>.xml`. */
  readonly path: string;
  readonly xml: string;
  readonly rev: string;
}

/** The answer to a rename: everything it changed, written as one. */
export interface RenameArtifactResponse {
  readonly type: ArtifactFolder;
  /** The new name. */
  readonly name: string;
  /** Every file written: those whose references changed, then the renamed artifact's new one. */
  readonly files: readonly RenamedFileDto[];
  /** The renamed artifact's old file (removed). */
  readonly removed: string;
  /** deployment.toml, when it named the renamed sequence. */
  readonly config?: { readonly toml: string; readonly rev: string };
  readonly references: readonly RenamedReference[];
}

export interface ConfigDocument {
  readonly toml: string;
  readonly rev: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ValidateRequest {
  readonly xml: string;
}

export interface ValidateResponse {
  readonly diagnostics: readonly Diagnostic[];
}

export interface DeployChangesDto {
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
}

/**
 * An artifact a deploy left out (or would have to leave out). `artifact` is its `type:name` key,
 * as in `changes`, or the project-relative file for a file that does not parse.
 */
export interface LeftOutArtifact {
  readonly artifact: string;
  readonly file?: string;
  /** Why: its first error, or that it references another left-out artifact. */
  readonly reason: string;
  /** Set when it is left out only because it references this left-out artifact. */
  readonly because?: string;
}

/** `POST /api/deploy` body (optional). */
export interface DeployRequest {
  /**
   * Artifacts to leave out of this deploy (`type:name` keys or file paths), chosen by the user.
   * Artifacts that reference one of them are left out too; the response lists them all.
   */
  readonly exclude?: readonly string[];
}

/** `POST /api/deploy` (and rollback). */
export interface DeployResponse {
  readonly ok: boolean;
  readonly deploymentId?: string;
  readonly changes: DeployChangesDto;
  readonly diagnostics: readonly Diagnostic[];
  /** What this deployment left out (a deploy with `exclude`). */
  readonly excluded?: readonly LeftOutArtifact[];
  /**
   * On a refused deploy: the artifacts that cannot run and those that reference them. Leaving
   * exactly these out (`exclude`) would deploy the rest; absent when that would not help (an
   * invalid deployment.toml).
   */
  readonly blocked?: readonly LeftOutArtifact[];
}

/** One row of `GET /api/deployments`, newest first. */
export interface DeploymentInfo {
  readonly id: string;
  /** ISO time of the deploy. */
  readonly time: string;
  readonly changes: DeployChangesDto;
  readonly artifacts: number;
  /** True for the deployment running now. */
  readonly current: boolean;
  /** Artifacts of the project this deployment left out, when any. */
  readonly excluded?: readonly LeftOutArtifact[];
}

/** What an import reads: an MI project, a CApp, or one XML file. */
export type ImportSourceKind = 'mi-vscode' | 'integration-studio' | 'capp' | 'definitions' | 'artifact';

/** How an import treats an artifact whose type and name the target project already has. */
export type ImportClashPolicy = 'refuse' | 'skip' | 'rename';

/** `POST /api/import` as JSON. An archive (.car, .zip) is sent as the raw body instead. */
export interface ImportRequest {
  /** XML text: a `<definitions>` file or one artifact (pasted, or an uploaded .xml file). */
  readonly xml?: string;
  /** A folder or file on the server's machine. */
  readonly path?: string;
  /** The uploaded file's name, for the report. */
  readonly file?: string;
  /** Default `refuse`: nothing is written and the clashes are listed (409 `NAME_CLASH`). */
  readonly onClash?: ImportClashPolicy;
}

/** One artifact an import wrote. */
export interface ImportedArtifact {
  readonly type: ArtifactFolder;
  readonly name: string;
  /** Where it came from: a path in the source (`a.car!/x_1.0.0/x.xml` inside an archive). */
  readonly from: string;
  /** The project-relative file it was written to. */
  readonly file: string;
  /** Its name in the source when it was renamed to avoid a clash. */
  readonly renamedFrom?: string;
}

/** Why something of the source was not imported. */
export type ImportSkipKind = 'unsupported' | 'parse-error' | 'name-clash' | 'bad-name' | 'config';

/** One thing an import did not bring in, and why. */
export interface ImportSkipped {
  readonly from: string;
  readonly kind: ImportSkipKind;
  /** What it is: `template 'LogTemplate'`, `registry resource`, `class mediator`. */
  readonly what: string;
  readonly reason: string;
  readonly line?: number;
  readonly column?: number;
}

/** What an import did. Nothing of the source is dropped without a line here. */
export interface ImportReport {
  readonly source: { readonly kind: ImportSourceKind; readonly path: string };
  /** `copied` from the source, a `default` one written, or the open project's `kept`. */
  readonly config: { readonly action: 'copied' | 'default' | 'kept'; readonly from?: string };
  readonly imported: readonly ImportedArtifact[];
  readonly skipped: readonly ImportSkipped[];
}

/** An artifact of the import whose type and name the project already has. */
export interface ImportClash {
  readonly type: ArtifactFolder;
  readonly name: string;
  readonly from: string;
}

/** `POST /api/import`: 200 with the report; 409 `NAME_CLASH` has `details: ImportClashDetails`. */
export interface ImportResponse {
  readonly report: ImportReport;
}

export interface ImportClashDetails {
  readonly clashes: readonly ImportClash[];
  readonly report: ImportReport;
}

export interface ListenerDto {
  readonly kind: 'http' | 'https' | 'ws' | 'wss';
  readonly port: number;
  readonly artifact?: string;
  readonly clients?: number;
}

export interface CounterDto {
  readonly messages: number;
  readonly errors: number;
}

/** Why messages left a retry buffer without being sent. */
export interface RetryDrops {
  /** Pushed out, oldest first, by `max_messages`. */
  readonly maxMessages: number;
  /** Pushed out, oldest first, by `max_bytes` (or one message larger than it). */
  readonly maxBytes: number;
  /** Kept longer than `max_age_ms`. */
  readonly maxAge: number;
  /** Still waiting when the runtime stopped. */
  readonly stopped: number;
}

/**
 * One back end's retry buffer (`[mediate.retry]`), counted since the runtime started:
 * `buffered` = `delivered` + every drop + `waiting`.
 */
export interface RetryBackendDto {
  /** The back end's URL (the first one used for its host, port and path). */
  readonly url: string;
  /** Messages put in the buffer because the back end could not take them. */
  readonly buffered: number;
  /** Messages sent from the buffer once the back end was back. */
  readonly delivered: number;
  readonly dropped: RetryDrops;
  /** Messages in the buffer now, and their bytes. */
  readonly waiting: number;
  readonly waitingBytes: number;
}

/** The retry buffer of HTTP-originated WebSocket sends. */
export interface RetryInfo {
  /** `[mediate.retry] enable` of the running deployment. */
  readonly enabled: boolean;
  /** Back ends that have buffered anything. */
  readonly backends: readonly RetryBackendDto[];
}

/** `GET /api/runtime`. */
export interface RuntimeInfo {
  readonly deployed: boolean;
  readonly deploymentId?: string;
  readonly listeners: readonly ListenerDto[];
  readonly backendConnections: number;
  readonly retry: RetryInfo;
  readonly artifacts: readonly ({ readonly type: string; readonly name: string } & CounterDto)[];
  readonly mediators: readonly ({ readonly artifact: string; readonly path: string } & CounterDto)[];
}

/** `POST /api/try/http`. */
export interface TryHttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface TryHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly ms: number;
}

/**
 * A message on `/api/events`: a batch of events in order. The first message of every connection
 * carries `boot` (the server process's id, as in `HealthResponse`) and no events yet.
 *
 * Resuming: `?since=<seq>&boot=<id>`. With the id of the running server, events after `since`
 * are replayed; with another id (the server restarted and numbers from 1 again), `since` is
 * ignored and everything the new server still holds is replayed, preceded by a `dropped` event
 * if some of it is gone already.
 */
export interface EventsMessage {
  readonly events: readonly RuntimeEvent[];
  readonly boot?: string;
}
