/**
 * `/api/validate`, `/api/deploy`, `/api/deployments` and rollback.
 */
import { Router } from 'express';
import { refuseDoctype } from '../../project-store/project-store.js';
import type { RuntimeHost } from '../runtime-host.js';
import { lazySchema, parseBody } from '../validate-body.js';

const Validate = lazySchema((z) => z.object({ xml: z.string() }));
const Deploy = lazySchema((z) => z.object({ exclude: z.array(z.string().min(1)).max(10_000).optional() }));

export function deployRoutes(host: RuntimeHost): Router {
  const r = Router();
  r.post('/validate', async (req, res) => {
    const { xml } = await parseBody(Validate, req.body);
    // The same refusal as a save (422): the issue refuses DOCTYPEs on every XML the API reads,
    // not only on the ones it writes.
    refuseDoctype(xml);
    // Parsed and checked against the current project in the store's worker thread.
    res.json({ diagnostics: await host.store.checker.validate(xml) });
  });
  // DeployResponse.deploymentId is the deployment running after the call: a new one when the
  // deploy changed something, else the one already running (a deploy that changes nothing
  // records no new deployment). See RuntimeHost.deployTexts.
  // `exclude` (DeployRequest): the user's "Deploy without them", after a refused deploy's
  // `blocked` list.
  r.post('/deploy', async (req, res) => {
    const { exclude } = await parseBody(Deploy, req.body);
    const result = await host.deploy(exclude ?? []);
    res.status(result.ok ? 200 : 422).json(result);
  });
  r.get('/deployments', async (_req, res) => {
    res.json(await host.history.list(host.currentId));
  });
  r.post('/deployments/:id/rollback', async (req, res) => {
    const result = await host.rollback(req.params.id);
    res.status(result.ok ? 200 : 422).json(result);
  });
  return r;
}
