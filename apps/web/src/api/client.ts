/**
 * The admin API (`/api`), typed with the engine's DTOs. Errors come back as `ApiFailure` with
 * the server's `{ code, message, details }`.
 */
import type {
  ApiError,
  ArtifactDocument,
  ArtifactFolder,
  ArtifactSummary,
  ConfigDocument,
  DeployResponse,
  DeploymentInfo,
  HealthResponse,
  ImportClashPolicy,
  ImportRequest,
  ImportResponse,
  PutArtifactResponse,
  RenameArtifactResponse,
  RuntimeInfo,
  TryHttpRequest,
  TryHttpResponse,
  ValidateResponse,
} from '@mediate/engine';

/** A failed request: HTTP status plus the server's error body. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** A JSON body, or raw bytes (an uploaded archive) sent as they are. */
type Body = { readonly raw: Blob } | { readonly json: unknown } | undefined;
/**
 * True when a request failed because the server could not be reached: no answer at all, or a
 * proxy in between (the dev server's) saying its target is down with 502/503/504 and no API
 * error body (the API's own 502s, such as Try-it's `TRY_FAILED`, carry a code).
 */
export function isUnreachable(e: unknown): boolean {
  if (!(e instanceof ApiFailure)) return false;
  if (e.status === 0) return true;
  return [502, 503, 504].includes(e.status) && e.code === `HTTP_${e.status}`;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : { json: body });
}

async function send<T>(method: string, path: string, body: Body): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers:
        body === undefined
          ? {}
          : { 'content-type': 'raw' in body ? 'application/octet-stream' : 'application/json' },
      ...(body === undefined ? {} : { body: 'raw' in body ? body.raw : JSON.stringify(body.json) }),
    });
  } catch (e) {
    throw new ApiFailure(0, 'NETWORK', e instanceof Error ? e.message : 'The server cannot be reached.');
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json ?? {}) as Partial<ApiError>;
    throw new ApiFailure(
      res.status,
      err.code ?? `HTTP_${res.status}`,
      err.message ?? res.statusText,
      err.details ?? json,
    );
  }
  return json as T;
}

const seg = (s: string) => encodeURIComponent(s);

/** The admin API's calls. */
export const api = {
  health: () => request<HealthResponse>('GET', '/health'),
  artifacts: () => request<ArtifactSummary[]>('GET', '/artifacts'),
  artifact: (type: ArtifactFolder, name: string) =>
    request<ArtifactDocument>('GET', `/artifacts/${seg(type)}/${seg(name)}`),
  putArtifact: (type: ArtifactFolder, name: string, xml: string, rev?: string) =>
    request<PutArtifactResponse>('PUT', `/artifacts/${seg(type)}/${seg(name)}`, rev ? { xml, rev } : { xml }),
  /** Renames an artifact and every reference to it, on the server, all at once. */
  renameArtifact: (type: ArtifactFolder, name: string, to: string, rev: string) =>
    request<RenameArtifactResponse>('POST', `/artifacts/${seg(type)}/${seg(name)}/rename`, { to, rev }),
  deleteArtifact: (type: ArtifactFolder, name: string) =>
    request<unknown>('DELETE', `/artifacts/${seg(type)}/${seg(name)}`),
  config: () => request<ConfigDocument>('GET', '/config'),
  putConfig: (toml: string, rev?: string) =>
    request<{ rev: string }>('PUT', '/config', rev ? { toml, rev } : { toml }),
  validate: (xml: string) => request<ValidateResponse>('POST', '/validate', { xml }),
  /** Deploys; `exclude` leaves those artifacts out (`type:name` keys, after a refused deploy). */
  deploy: (exclude?: readonly string[]) =>
    request<DeployResponse>('POST', '/deploy', exclude?.length ? { exclude } : undefined),
  /** Imports XML text or a folder on the server's machine into the project. */
  importJson: (req: ImportRequest) => request<ImportResponse>('POST', '/import', req),
  /** Imports an uploaded archive (.car, .zip) into the project. */
  importArchive: (file: Blob, name: string, onClash: ImportClashPolicy) =>
    send<ImportResponse>('POST', `/import?file=${seg(name)}&onClash=${seg(onClash)}`, { raw: file }),
  deployments: () => request<DeploymentInfo[]>('GET', '/deployments'),
  rollback: (id: string) => request<DeployResponse>('POST', `/deployments/${seg(id)}/rollback`),
  runtime: () => request<RuntimeInfo>('GET', '/runtime'),
  tryHttp: (req: TryHttpRequest) => request<TryHttpResponse>('POST', '/try/http', req),
};
