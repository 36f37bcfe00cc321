/**
 * A private copy of examples/websocket-seed for a journey, and `mediate start` on it. Its ports
 * are chosen by the spec or free: the inbound endpoint's `inbound.ws.port`, the HTTP/HTTPS
 * listeners (through `[server] offset = 0` and `[transport.http]`) and the back end both
 * dispatch sequences send to, so nothing collides with a running Mediate even when the journey
 * deploys.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { EXAMPLE, removeTemp, startMediate, tempDir, type Mediate } from './mediate.js';
import { freePort } from './ports.js';
import { openStudio } from './studio.js';

/** The ports a seed copy uses. */
export interface SeedPorts {
  readonly inbound: number;
  readonly http: number;
  readonly https: number;
  readonly backend: number;
}

export interface SeedCopy {
  /** The temporary folder to remove afterwards (`removeTemp`). */
  readonly work: string;
  /** The project folder inside it, for `--project`. */
  readonly project: string;
  readonly ports: SeedPorts;
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
export async function seedCopy(prefix: string, want: Partial<SeedPorts> = {}): Promise<SeedCopy> {
  const ports: SeedPorts = {
    inbound: want.inbound ?? (await freePort()),
    http: want.http ?? (await freePort()),
    https: want.https ?? (await freePort()),
    backend: want.backend ?? (await freePort()),
  };
  const work = tempDir(`mediate-e2e-${prefix}-`);
  const project = path.join(work, 'websocket-seed');
  cpSync(EXAMPLE, project, { recursive: true });
  if (ports.inbound !== 9092)
    rewrite(project, 'artifacts/inbound-endpoints/WebSocketInbound.xml', (t) =>
      t.replace(/(<parameter name="inbound\.ws\.port">)9092(<\/parameter>)/, `$1${ports.inbound}$2`),
    );
  if (ports.backend !== 8082)
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
  return { work, project, ports };
}

/** A studio on a seed copy: `mediate start --no-backend --no-deploy`, stopped with its folder. */
export interface SeedStudio extends SeedCopy {
  readonly mediate: Mediate;
  /** Stops the server and removes the copy. */
  stop(): Promise<void>;
}

/** Copies the seed (see {@link seedCopy}) and runs the studio on it, not deployed. */
export async function startSeedStudio(prefix: string, want: Partial<SeedPorts> = {}): Promise<SeedStudio> {
  const seed = await seedCopy(prefix, want);
  const mediate = await startMediate([
    '--project',
    seed.project,
    '--port',
    String(await freePort()),
    '--no-backend',
    '--no-deploy',
  ]);
  return {
    ...seed,
    mediate,
    async stop() {
      await mediate.stop();
      removeTemp(seed.work);
    },
  };
}

/**
 * Opens the studio of a {@link startSeedStudio} in `page`, with the page guard allowing its
 * origin; returns the running server.
 */
export async function openSeedStudio(
  page: Page,
  guard: { allowOrigin(url: string): void },
  studio: SeedStudio | undefined,
): Promise<Mediate> {
  if (!studio) throw new Error('the seed studio did not start (see beforeAll)');
  guard.allowOrigin(studio.mediate.url);
  await openStudio(page, studio.mediate.url);
  return studio.mediate;
}
