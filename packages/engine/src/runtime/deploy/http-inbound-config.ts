/**
 * An HTTP or HTTPS inbound endpoint's listener settings, from its parameters (the list in
 * `http-inbound-parameters.ts`, read once through `httpInboundSettings`) and the project.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ApiArtifact, InboundEndpointArtifact } from '../../model/artifacts/artifact-types.js';
import { attribute } from '../../model/xml/xml-query.js';
import { dispatchFilterPattern, httpInboundSettings } from '../../model/artifacts/http-inbound-parameters.js';
import { INBOUND_ON_ERROR_DEFAULT } from '../../model/artifacts/inbound-endpoint.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { SequenceSlot } from '../mediation/mediation-types.js';
import type { HttpInboundConfig } from '../transports/http-inbound.js';
import type { ApiRoute } from '../transports/http-routes.js';

/** What the settings need from the build. */
export interface HttpInboundDeps {
  sequence(name: string): SequenceSlot;
  /** Folder that relative PEM file paths are read from. */
  readonly baseDir: string;
}

/** Reads a PEM file named by a parameter; throws a message naming the parameter and the path. */
export function pemFile(name: string | undefined, param: string, baseDir: string): Buffer {
  if (!name) throw new Error(`the parameter ${param} (a PEM file) is missing`);
  const path = isAbsolute(name) ? name : resolve(baseDir, name);
  try {
    return readFileSync(path);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new Error(`${param} ${path}: ${why}`);
  }
}

/** An API's `binds-to` names (comma-separated, trimmed); `default` (the HTTP listener) when none. */
export function bindingsOf(a: ApiArtifact): string[] {
  const names = (attribute(a.doc.root, 'binds-to') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length ? names : ['default'];
}

/**
 * The listener of an http/https inbound endpoint, with the APIs bound to it; undefined (and a
 * diagnostic) when its key or certificate cannot be read.
 */
export function httpInboundConfig(
  a: InboundEndpointArtifact,
  apis: readonly ApiRoute[],
  deps: HttpInboundDeps,
  diagnostics: Diagnostic[],
): HttpInboundConfig | undefined {
  const p = httpInboundSettings(a.parameters);
  const protocol = a.protocol === 'https' ? 'https' : 'http';
  let tls: HttpInboundConfig['tls'];
  if (protocol === 'https') {
    try {
      const passphrase = p['https.ssl.cert.pass'];
      tls = {
        key: pemFile(p['https.ssl.key.file'], 'https.ssl.key.file', deps.baseDir),
        cert: pemFile(p['https.ssl.cert.file'], 'https.ssl.cert.file', deps.baseDir),
        ...(passphrase ? { passphrase } : {}),
      };
    } catch (e) {
      diagnostics.push({
        severity: 'error',
        code: 'TLS_FILE',
        message: `Inbound endpoint ${a.name}: cannot read its key or certificate: ${(e as Error).message}.`,
        artifact: a.name,
        line: a.doc.root.pos?.line,
        column: a.doc.root.pos?.column,
      });
      return undefined;
    }
  }
  const pattern = p['dispatch.filter.pattern'];
  return {
    name: a.name,
    port: p['inbound.http.port'],
    protocol,
    ...(tls ? { tls } : {}),
    sequence: deps.sequence(a.sequence ?? 'main'),
    fault: deps.sequence(a.onError ?? INBOUND_ON_ERROR_DEFAULT),
    apis,
    // Validation checked the pattern compiles.
    ...(pattern ? { pattern: dispatchFilterPattern(pattern) } : {}),
  };
}
