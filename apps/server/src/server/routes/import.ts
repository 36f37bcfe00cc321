/**
 * `POST /api/import`: imports into the open project. The body is either JSON
 * (`ImportRequest`: pasted or uploaded XML, or a path on this machine) or the raw bytes of an
 * uploaded archive (.car, .zip) with `?file=<name>&onClash=<policy>`. Mounted before the API's
 * JSON parser, as an archive is not JSON and is allowed to be larger.
 */
import type { IncomingMessage } from 'node:http';
import express, { Router } from 'express';
import type { ImportClashPolicy, ImportResponse } from '@mediate/engine';
import { readImportSource, type ImportInput } from '../../import/read-source.js';
import { ImportError } from '../../import/source-tree.js';
import { importIntoProject } from '../../project-store/import-into-project.js';
import type { ProjectStore } from '../../project-store/project-store.js';
import { ApiFailure } from '../../api-failure.js';
import { verifyUtf8 } from '../utf8-body.js';
import { lazySchema, parseBody } from '../validate-body.js';

const POLICIES = ['refuse', 'skip', 'rename'] as const;

const ImportBody = lazySchema((z) =>
  z
    .object({
      xml: z.string().min(1).optional(),
      path: z.string().min(1).optional(),
      file: z.string().max(500).optional(),
      onClash: z.enum(POLICIES).optional(),
    })
    .refine((b) => (b.xml === undefined) !== (b.path === undefined), {
      message: 'give either xml (the text to import) or path (a folder or file on the server)',
    }),
);

const isJson = (req: IncomingMessage) => /\bjson\b/i.test(req.headers['content-type'] ?? '');

function policyOf(value: unknown): ImportClashPolicy {
  if (value === undefined) return 'refuse';
  if (typeof value === 'string' && (POLICIES as readonly string[]).includes(value))
    return value as ImportClashPolicy;
  throw new ApiFailure(400, 'BAD_REQUEST', `onClash must be one of ${POLICIES.join(', ')}.`);
}

export function importRoutes(store: ProjectStore): Router {
  const r = Router();
  const json = express.json({ limit: '16mb', type: isJson, strict: true, verify: verifyUtf8 });
  const raw = express.raw({ limit: '64mb', type: (req) => !isJson(req) });
  r.post('/import', json, raw, async (req, res) => {
    let input: ImportInput;
    let onClash: ImportClashPolicy;
    if (Buffer.isBuffer(req.body) && req.body.length > 0) {
      const file = typeof req.query.file === 'string' && req.query.file ? req.query.file : 'upload';
      input = { bytes: req.body, name: file };
      onClash = policyOf(req.query.onClash);
    } else {
      const body = await parseBody(ImportBody, Buffer.isBuffer(req.body) ? {} : req.body);
      input =
        body.xml !== undefined
          ? { xml: body.xml, name: body.file ?? 'pasted XML' }
          : { path: body.path as string };
      onClash = body.onClash ?? 'refuse';
    }
    let read;
    try {
      read = await readImportSource(input);
    } catch (e) {
      if (e instanceof ImportError) throw new ApiFailure(422, 'NOT_IMPORTABLE', e.message);
      throw e;
    }
    const report = await importIntoProject(store, read, onClash);
    const response: ImportResponse = { report };
    res.json(response);
  });
  return r;
}
