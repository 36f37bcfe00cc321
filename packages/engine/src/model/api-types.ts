/**
 * The admin API's request and response shapes (`/api`), shared by the server and the studio.
 * Browser-safe: types and constants only.
 */
import type { ArtifactType } from './artifacts/artifact-types.js';
import { ARTIFACT_FOLDERS } from './artifacts/artifact-types.js';
import type { Diagnostic } from './diagnostics.js';
import type { RuntimeEvent } from './events.js';

/** The artifact types as the API names them: the project's folder names. */
export type ArtifactFolder = (typeof ARTIFACT_FOLDERS)[keyof typeof ARTIFACT_FOLDERS];

/** Folder name → model type. */
export const FOLDER_TYPES: Readonly<Record<ArtifactFolder, Exclude<ArtifactType, 'unsupported'>>> =
  Object.fromEntries(Object.entries(ARTIFACT_FOLDERS).map(([type, folder]) => [folder, type])) as Record<
    ArtifactFolder,
    Exclude<ArtifactType, 'unsupported'>
  >;

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

/** `POST /api/deploy` (and rollback). */
export interface DeployResponse {
  readonly ok: boolean;
  readonly deploymentId?: string;
  readonly changes: DeployChangesDto;
  readonly diagnostics: readonly Diagnostic[];
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

/** `GET /api/runtime`. */
export interface RuntimeInfo {
  readonly deployed: boolean;
  readonly deploymentId?: string;
  readonly listeners: readonly ListenerDto[];
  readonly backendConnections: number;
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
