/**
 * A private copy of examples/websocket-seed for a journey, with the ports it would listen on
 * chosen by the spec: the inbound endpoint's `inbound.ws.port` and the HTTP/HTTPS listeners
 * (through `[server] offset = 0` and `[transport.http]`). Free ports by default, so nothing
 * collides with a running Mediate even if the journey deploys.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, tempDir } from './mediate.js';
import { freePort } from './ports.js';

export interface SeedCopy {
  /** The temporary folder to remove afterwards (`removeTemp`). */
  readonly work: string;
  /** The project folder inside it, for `--project`. */
  readonly project: string;
  readonly ports: { readonly inbound: number; readonly http: number; readonly https: number };
}

/** Rewrites `file` (relative to the project) with `edit`, failing if nothing changed. */
export function rewrite(project: string, file: string, edit: (text: string) => string): void {
  const full = path.join(project, file);
  const before = readFileSync(full, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`${file}: the rewrite found nothing to change`);
  writeFileSync(full, after);
}

/** Copies the seed into a new temporary folder with the given (or free) ports. */
export async function seedCopy(
  prefix: string,
  want: { inbound?: number; http?: number; https?: number } = {},
): Promise<SeedCopy> {
  const ports = {
    inbound: want.inbound ?? (await freePort()),
    http: want.http ?? (await freePort()),
    https: want.https ?? (await freePort()),
  };
  const work = tempDir(prefix);
  const project = path.join(work, 'websocket-seed');
  cpSync(EXAMPLE, project, { recursive: true });
  if (ports.inbound !== 9092)
    rewrite(project, 'artifacts/inbound-endpoints/WebSocketInbound.xml', (t) =>
      t.replace(/(<parameter name="inbound\.ws\.port">)9092(<\/parameter>)/, `$1${ports.inbound}$2`),
    );
  rewrite(
    project,
    'deployment.toml',
    (t) =>
      `${t.replace(/^offset = 10$/m, 'offset = 0')}\n[transport.http]\n` +
      `listener.port = ${ports.http}\nlistener.secured_port = ${ports.https}\n`,
  );
  return { work, project, ports };
}
