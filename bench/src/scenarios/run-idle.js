// @ts-check
/**
 * The idle-capacity test for a fresh relay and a fresh Mediate (fresh, so what they hold is what
 * idle clients cost, not heap left over from the load scenarios).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMediateTarget, startWsRelay } from '../targets/start-targets.js';
import { forkChild } from '../util/children.js';
import { idleCapacity, runIdle } from './idle.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * @param {{ opts: import('../options.js').Options, ctx: import('../targets/start-targets.js').Ctx }} o
 */
export async function runIdlePhase(o) {
  const { opts, ctx } = o;
  const cap = idleCapacity(opts.idleClients);
  if (cap.clients < opts.idleClients)
    ctx.log(
      `Idle: the open-file limit is ${cap.fdLimit} and a hop needs 2 per client: ${cap.clients} clients instead of ${opts.idleClients}`,
    );
  ctx.log(`Idle: ${cap.clients} clients through each target`);
  const idle = forkChild('idle-clients', path.join(here, '../load/idle-clients.js'));
  /** @type {Record<string, any>[]} */
  const out = [];
  const starters = [
    () => startWsRelay(ctx, 'relay'),
    () => startMediateTarget(ctx, 'mediate-idle', 'none', { profile: false }),
  ];
  for (const start of starters) {
    /** @type {{ name: string, url: string, pid: number, child: import('../util/children.js').Child } | undefined} */
    let t;
    try {
      t = await start();
      const r = await runIdle(
        { idle, backend: ctx.backend.child },
        { ...t, name: t.name.replace(/-idle$/, '') },
        cap.clients,
      );
      out.push({ ...r, fdLimit: cap.fdLimit, wanted: opts.idleClients });
      ctx.log(
        `  ${r.target}: ${r.clients} clients (${r.failed} failed) in ${(r.connectMs / 1000).toFixed(1)} s, RSS ${(r.rss / 1048576).toFixed(0)} MiB`,
      );
    } catch (e) {
      out.push({ target: t?.name ?? 'target', error: /** @type {Error} */ (e).message });
      ctx.log(`  idle test failed: ${/** @type {Error} */ (e).message.split('\n')[0]}`);
    } finally {
      await t?.child.stop();
    }
  }
  await idle.stop();
  return out;
}
