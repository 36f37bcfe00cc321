/**
 * `deployment.toml`: MI's keys where they exist, read with a TOML library.
 */
import { parse, type TomlError } from 'smol-toml';
import type { Diagnostic } from '../diagnostics.js';
import { systemParameters } from './system-parameters.js';

/** The runtime settings a project's `deployment.toml` gives. */
export interface ProjectConfig {
  /** `[server] offset`, added to the base ports as MI does (default 10). */
  readonly portOffset: number;
  /** HTTP listener port: `[transport.http] listener.port` (8280) + offset = 8290. */
  readonly httpPort: number;
  /** HTTPS listener port: `[transport.http] listener.secured_port` (8243) + offset = 8253. */
  readonly httpsPort: number;
  /** PEM files for the HTTPS listener (`[transport.https] key_file`, `cert_file`); none → no HTTPS. */
  readonly https?: { readonly keyFile: string; readonly certFile: string };
  readonly wsSender: {
    /** `[transport.ws] sender.enable`; Mediate defaults to true (MI: false). */
    readonly enable: boolean;
    readonly outflowDispatchSequence: string;
    readonly outflowDispatchFaultSequence: string;
  };
  /** `[mediate] log_payload_cap`: bytes of payload copied into a log event (default 64 KiB). */
  readonly logPayloadCap: number;
  /** `[mediate.limits]`: what one connection or listener may hold (README, "Limits"). */
  readonly limits: RuntimeLimits;
  /** `[mediate.retry]`: the opt-in retry buffer for HTTP-originated WebSocket sends. */
  readonly retry: RetrySettings;
  /** `[mediate.script]`: the script mediator's limits. */
  readonly script: ScriptSettings;
  /** `[system.parameter]`: the system properties `get-property('system', …)` reads. */
  readonly systemProperties: ReadonlyMap<string, string>;
}

/** `[mediate.script]` (Mediate's own): how long one run of a script may take. */
export interface ScriptSettings {
  /** `timeout_ms`: a run past it faults its message (default 1000). */
  readonly timeoutMs: number;
}

export const DEFAULT_SCRIPT: ScriptSettings = { timeoutMs: 1000 };

/** Mediate's own limits (MI has none of these keys), `[mediate.limits]` in deployment.toml. */
export interface RuntimeLimits {
  /** `send_buffer_high_water`: bytes waiting on a connection before its sources are paused. */
  readonly sendBufferHighWater: number;
  /** `send_buffer_hard_limit`: bytes waiting on a connection before writes to it are refused. */
  readonly sendBufferHardLimit: number;
  /** `http_max_connections`: open connections per HTTP or HTTPS listener. */
  readonly httpMaxConnections: number;
  /** `ws_max_connections`: open connections per WebSocket inbound endpoint. */
  readonly wsMaxConnections: number;
  /**
   * `reserve_connections`: file descriptors the runtime's connections leave free, so the admin
   * API, the studio and the project's files stay reachable however many clients connect.
   */
  readonly reserveConnections: number;
  /** `headers_timeout_ms`: time for a request's (or WebSocket upgrade's) headers to arrive. */
  readonly headersTimeoutMs: number;
  /** `request_timeout_ms`: time for a whole HTTP request, body included, to arrive. */
  readonly requestTimeoutMs: number;
  /** `keep_alive_timeout_ms`: how long an idle HTTP connection is kept between requests. */
  readonly keepAliveTimeoutMs: number;
}

export const DEFAULT_LIMITS: RuntimeLimits = {
  sendBufferHighWater: 1024 * 1024,
  sendBufferHardLimit: 16 * 1024 * 1024,
  httpMaxConnections: 4096,
  wsMaxConnections: 10_000,
  reserveConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 65_000,
};

/**
 * `[mediate.retry]` (Mediate's own; MI has no such buffer): a message from an HTTP client that a
 * flow sends to a ws:// or wss:// back end which is down, or whose connection dropped, is kept
 * per back end and sent, in order, once the back end is back. Off by default, as MI.
 */
export interface RetrySettings {
  /** `enable` (default false). */
  readonly enable: boolean;
  /** `max_messages`: messages kept per back end; past it the oldest are dropped (default 10,000). */
  readonly maxMessages: number;
  /** `max_bytes`: bytes kept per back end; past it the oldest are dropped (default 16 MiB). */
  readonly maxBytes: number;
  /** `max_age_ms`: a message kept longer than this is dropped instead of sent (default 60 s). */
  readonly maxAgeMs: number;
}

export const DEFAULT_RETRY: RetrySettings = {
  enable: false,
  maxMessages: 10_000,
  maxBytes: 16 * 1024 * 1024,
  maxAgeMs: 60_000,
};

const RETRY_KEYS = ['enable', 'max_messages', 'max_bytes', 'max_age_ms'];

export const DEFAULT_CONFIG: ProjectConfig = {
  portOffset: 10,
  httpPort: 8290,
  httpsPort: 8253,
  wsSender: {
    enable: true,
    outflowDispatchSequence: 'outflowDispatchSeq',
    outflowDispatchFaultSequence: 'outflowFaultSeq',
  },
  logPayloadCap: 65536,
  limits: DEFAULT_LIMITS,
  retry: DEFAULT_RETRY,
  script: DEFAULT_SCRIPT,
  systemProperties: new Map(),
};

type Table = Record<string, unknown>;

/** Reads `deployment.toml` text. Never throws; problems come back as diagnostics. */
export function parseProjectConfig(
  text: string,
  file = 'deployment.toml',
): { config: ProjectConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (e) {
    const err = e as TomlError;
    const message = (err.message ?? String(e)).split('\n')[0] ?? 'invalid TOML';
    diagnostics.push({
      severity: 'error',
      code: 'CONFIG_TOML',
      message: `deployment.toml is not valid TOML: ${message}`,
      artifact: file,
      line: err.line,
      column: err.column,
    });
    return { config: DEFAULT_CONFIG, diagnostics };
  }
  const table = (t: unknown, key: string): Table => {
    const v = (t as Table | undefined)?.[key];
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Table) : {};
  };
  const dotted = (t: Table, key: string): unknown =>
    key in t ? t[key] : key.split('.').reduce<unknown>((acc, k) => (acc as Table | undefined)?.[k], t);
  const num = (t: Table, key: string, fallback: number, where: string, min = 0, max = 65535): number => {
    const v = dotted(t, key);
    if (v === undefined) return fallback;
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      diagnostics.push({
        severity: 'error',
        code: 'CONFIG_VALUE',
        message: `${where} must be a whole number from ${min} to ${max}, not ${JSON.stringify(String(v))}.`,
        artifact: file,
      });
      return fallback;
    }
    return n;
  };
  const str = (t: Table, key: string, fallback: string): string => {
    const v = dotted(t, key);
    return typeof v === 'string' && v.trim() ? v.trim() : fallback;
  };
  const server = table(doc, 'server');
  const transport = table(doc, 'transport');
  const http = table(transport, 'http');
  const https = table(transport, 'https');
  const ws = table(transport, 'ws');
  const mediate = table(doc, 'mediate');
  const limitsTable = table(mediate, 'limits');
  const GiB = 1024 * 1024 * 1024;
  const HOUR_MS = 3_600_000;
  const limit = (key: string, fallback: number, min: number, max: number) =>
    num(limitsTable, key, fallback, `[mediate.limits] ${key}`, min, max);
  const limits: RuntimeLimits = {
    httpMaxConnections: limit('http_max_connections', DEFAULT_LIMITS.httpMaxConnections, 1, 1_000_000),
    wsMaxConnections: limit('ws_max_connections', DEFAULT_LIMITS.wsMaxConnections, 1, 1_000_000),
    reserveConnections: limit('reserve_connections', DEFAULT_LIMITS.reserveConnections, 16, 100_000),
    headersTimeoutMs: limit('headers_timeout_ms', DEFAULT_LIMITS.headersTimeoutMs, 100, HOUR_MS),
    requestTimeoutMs: limit('request_timeout_ms', DEFAULT_LIMITS.requestTimeoutMs, 100, HOUR_MS),
    keepAliveTimeoutMs: limit('keep_alive_timeout_ms', DEFAULT_LIMITS.keepAliveTimeoutMs, 100, HOUR_MS),
    sendBufferHighWater: limit('send_buffer_high_water', DEFAULT_LIMITS.sendBufferHighWater, 1024, GiB),
    sendBufferHardLimit: limit('send_buffer_hard_limit', DEFAULT_LIMITS.sendBufferHardLimit, 1024, GiB),
  };
  if (limits.requestTimeoutMs < limits.headersTimeoutMs)
    diagnostics.push({
      severity: 'error',
      code: 'CONFIG_VALUE',
      message: `[mediate.limits] request_timeout_ms (${limits.requestTimeoutMs}) must be at least headers_timeout_ms (${limits.headersTimeoutMs}): the headers are part of the request.`,
      artifact: file,
    });
  if (limits.sendBufferHardLimit <= limits.sendBufferHighWater)
    diagnostics.push({
      severity: 'error',
      code: 'CONFIG_VALUE',
      message: `[mediate.limits] send_buffer_hard_limit (${limits.sendBufferHardLimit}) must be above send_buffer_high_water (${limits.sendBufferHighWater}).`,
      artifact: file,
    });
  // [mediate.retry] is Mediate's own table: a key it does not know (`enabled`) is a mistake.
  const retryTable = table(mediate, 'retry');
  for (const k of Object.keys(retryTable))
    if (!RETRY_KEYS.includes(k))
      diagnostics.push({
        severity: 'error',
        code: 'CONFIG_KEY',
        message: `[mediate.retry] has no key ${JSON.stringify(k)}; its keys are ${RETRY_KEYS.join(', ')}.`,
        artifact: file,
      });
  if (retryTable.enable !== undefined && typeof retryTable.enable !== 'boolean')
    diagnostics.push({
      severity: 'error',
      code: 'CONFIG_VALUE',
      message: '[mediate.retry] enable must be true or false.',
      artifact: file,
    });
  const retry: RetrySettings = {
    enable: retryTable.enable === true,
    maxMessages: num(
      retryTable,
      'max_messages',
      DEFAULT_RETRY.maxMessages,
      '[mediate.retry] max_messages',
      1,
      10_000_000,
    ),
    maxBytes: num(retryTable, 'max_bytes', DEFAULT_RETRY.maxBytes, '[mediate.retry] max_bytes', 1, GiB),
    maxAgeMs: num(
      retryTable,
      'max_age_ms',
      DEFAULT_RETRY.maxAgeMs,
      '[mediate.retry] max_age_ms',
      1,
      86_400_000,
    ),
  };
  const offset = num(server, 'offset', 10, '[server] offset', 0, 60000);
  const enable = dotted(ws, 'sender.enable');
  if (enable !== undefined && typeof enable !== 'boolean') {
    diagnostics.push({
      severity: 'error',
      code: 'CONFIG_VALUE',
      message: '[transport.ws] sender.enable must be true or false.',
      artifact: file,
    });
  }
  const keyFile = str(https, 'key_file', '');
  const certFile = str(https, 'cert_file', '');
  if (Boolean(keyFile) !== Boolean(certFile)) {
    diagnostics.push({
      severity: 'error',
      code: 'CONFIG_VALUE',
      message: '[transport.https] needs both key_file and cert_file.',
      artifact: file,
    });
  }
  const config: ProjectConfig = {
    portOffset: offset,
    httpPort: num(http, 'listener.port', 8280, '[transport.http] listener.port') + offset,
    httpsPort: num(http, 'listener.secured_port', 8243, '[transport.http] listener.secured_port') + offset,
    ...(keyFile && certFile ? { https: { keyFile, certFile } } : {}),
    wsSender: {
      enable: typeof enable === 'boolean' ? enable : true,
      outflowDispatchSequence: str(
        ws,
        'sender.outflow_dispatch_sequence',
        DEFAULT_CONFIG.wsSender.outflowDispatchSequence,
      ),
      outflowDispatchFaultSequence: str(
        ws,
        'sender.outflow_dispatch_fault_sequence',
        DEFAULT_CONFIG.wsSender.outflowDispatchFaultSequence,
      ),
    },
    logPayloadCap: num(mediate, 'log_payload_cap', 65536, '[mediate] log_payload_cap', 0, 16 * 1024 * 1024),
    limits,
    retry,
    script: {
      timeoutMs: num(
        table(mediate, 'script'),
        'timeout_ms',
        DEFAULT_SCRIPT.timeoutMs,
        '[mediate.script] timeout_ms',
        1,
        600_000,
      ),
    },
    systemProperties: systemParameters(doc, diagnostics, file),
  };
  for (const port of [config.httpPort, config.httpsPort]) {
    if (port > 65535)
      diagnostics.push({
        severity: 'error',
        code: 'CONFIG_VALUE',
        message: `Port ${port} (base port + [server] offset) is above 65535.`,
        artifact: file,
      });
  }
  return { config, diagnostics };
}
