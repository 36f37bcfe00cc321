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
  PutArtifactResponse,
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
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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
  deleteArtifact: (type: ArtifactFolder, name: string) =>
    request<unknown>('DELETE', `/artifacts/${seg(type)}/${seg(name)}`),
  config: () => request<ConfigDocument>('GET', '/config'),
  putConfig: (toml: string, rev?: string) =>
    request<{ rev: string }>('PUT', '/config', rev ? { toml, rev } : { toml }),
  validate: (xml: string) => request<ValidateResponse>('POST', '/validate', { xml }),
  deploy: () => request<DeployResponse>('POST', '/deploy'),
  deployments: () => request<DeploymentInfo[]>('GET', '/deployments'),
  rollback: (id: string) => request<DeployResponse>('POST', `/deployments/${seg(id)}/rollback`),
  runtime: () => request<RuntimeInfo>('GET', '/runtime'),
  tryHttp: (req: TryHttpRequest) => request<TryHttpResponse>('POST', '/try/http', req),
};
