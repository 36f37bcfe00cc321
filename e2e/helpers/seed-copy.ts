/**
 * A copy of examples/websocket-seed whose ports are rewritten to free ones, so a journey that
 * deploys never collides with a running Mediate: the inbound endpoint's `inbound.ws.port`, the
 * HTTP listener through `[server] offset = 0` and `[transport.http] listener.port`, and both
 * dispatch sequences' back-end address.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE } from './mediate.js';
import { freePort } from './ports.js';

/** The ports a seed copy uses. */
export interface SeedPorts {
  readonly inbound: number;
  readonly http: number;
  readonly https: number;
  readonly backend: number;
}

/** Rewrites `file` (relative to the project) with `edit`, failing if nothing changed. */
function rewrite(project: string, file: string, edit: (text: string) => string): void {
  const full = path.join(project, file);
  const before = readFileSync(full, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`${file}: the rewrite found nothing to change`);
  writeFileSync(full, after);
}

/** Copies the seed to `<dir>/websocket-seed` on free ports; returns the folder and the ports. */
export async function seedCopy(dir: string): Promise<{ project: string; ports: SeedPorts }> {
  const ports: SeedPorts = {
    inbound: await freePort(),
    http: await freePort(),
    https: await freePort(),
    backend: await freePort(),
  };
  const project = path.join(dir, 'websocket-seed');
  cpSync(EXAMPLE, project, { recursive: true });
  rewrite(project, 'artifacts/inbound-endpoints/WebSocketInbound.xml', (t) =>
    t.replace(/(<parameter name="inbound\.ws\.port">)9092(<\/parameter>)/, `$1${ports.inbound}$2`),
  );
  for (const sequence of ['dispatchSeq', 'inboundDispatchSeq'])
    rewrite(project, `artifacts/sequences/${sequence}.xml`, (t) =>
      t.replace('ws://localhost:8082/websocket', `ws://localhost:${ports.backend}/websocket`),
    );
  rewrite(
    project,
    'deployment.toml',
    (t) =>
      `${t.replace(/^offset = 10$/m, 'offset = 0')}\n[transport.http]\n` +
      `listener.port = ${ports.http}\nlistener.secured_port = ${ports.https}\n`,
  );
  return { project, ports };
}
