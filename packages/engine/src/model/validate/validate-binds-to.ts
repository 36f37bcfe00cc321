/**
 * An API's `binds-to` (InboundApiUtils): the HTTP(S) inbound endpoints it is served on instead
 * of the HTTP listener (`default` names the listener). A name that is no http or https inbound
 * endpoint of the project binds the API to nothing that exists, which MI accepts silently; here it
 * is a warning on the API.
 */
import type { Artifact } from '../artifacts/artifact-types.js';
import type { Diagnostic } from '../diagnostics.js';
import { attribute } from '../xml/xml-query.js';

/** Warns about each `binds-to` name of an API that no HTTP(S) inbound endpoint has. */
export function validateBindsTo(artifacts: readonly Artifact[], out: Diagnostic[]): void {
  const endpoints = new Set(
    artifacts
      .filter((a) => a.type === 'inboundEndpoint' && (a.protocol === 'http' || a.protocol === 'https'))
      .map((a) => a.name),
  );
  for (const a of artifacts) {
    if (a.type !== 'api') continue;
    const root = a.doc.root;
    const names = (attribute(root, 'binds-to') ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    for (const name of names) {
      if (name === 'default' || endpoints.has(name)) continue;
      out.push({
        severity: 'warning',
        code: 'API_BINDS_TO_UNKNOWN',
        message: `API '${a.name}' binds to '${name}', which is not an http or https inbound endpoint of this project; the API is not served there.`,
        artifact: a.name || a.file || '(unnamed)',
        field: 'binds-to',
        line: root.pos?.line,
        column: root.pos?.column,
      });
    }
  }
}
