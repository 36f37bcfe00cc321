/**
 * `/api/artifacts` and `/api/config`: read and write the project's files.
 */
import { Router } from 'express';
import { checkFolder, type ProjectStore } from '../../project-store/project-store.js';
import { lazySchema, parseBody } from '../validate-body.js';

const PutArtifact = lazySchema((z) => z.object({ xml: z.string(), rev: z.string().optional() }));
const Rename = lazySchema((z) => z.object({ to: z.string(), rev: z.string() }));
const PutConfig = lazySchema((z) => z.object({ toml: z.string(), rev: z.string().optional() }));

export function artifactRoutes(store: ProjectStore): Router {
  const r = Router();
  r.get('/artifacts', async (_req, res) => {
    res.json(await store.list());
  });
  r.get('/artifacts/:type/:name', async (req, res) => {
    res.json(await store.get(checkFolder(req.params.type), req.params.name));
  });
  r.put('/artifacts/:type/:name', async (req, res) => {
    const body = await parseBody(PutArtifact, req.body);
    const result = await store.put(checkFolder(req.params.type), req.params.name, body.xml, body.rev);
    res.status(result.created ? 201 : 200).json({ rev: result.rev, diagnostics: result.diagnostics });
  });
  // One call for the file, the name and every reference to it (all written, or none).
  r.post('/artifacts/:type/:name/rename', async (req, res) => {
    const body = await parseBody(Rename, req.body);
    res.json(await store.rename(checkFolder(req.params.type), req.params.name, body.to, body.rev));
  });
  r.delete('/artifacts/:type/:name', async (req, res) => {
    await store.delete(checkFolder(req.params.type), req.params.name);
    res.status(204).end();
  });
  r.get('/config', async (_req, res) => {
    res.json(await store.getConfig());
  });
  r.put('/config', async (req, res) => {
    const body = await parseBody(PutConfig, req.body);
    res.json(await store.putConfig(body.toml, body.rev));
  });
  return r;
}
