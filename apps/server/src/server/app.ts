/**
 * The HTTP side of `mediate start`: the admin API under `/api`, the event stream, and the
 * built studio at `/`. Routes are thin: they parse, call the store or the runtime, map errors.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ApiError } from '@mediate/engine';
import { ApiFailure } from '../api-failure.js';
import { authorized, crossSiteRefusal, TOKEN_COOKIE } from './auth.js';
import { EventsSocket } from './events-socket.js';
import { artifactRoutes } from './routes/artifacts.js';
import { deployRoutes } from './routes/deploy.js';
import { importRoutes } from './routes/import.js';
import { runtimeRoutes } from './routes/runtime.js';
import { serveStudio } from './static-studio.js';
import { verifyUtf8 } from './utf8-body.js';
import type { RuntimeHost } from './runtime-host.js';

export interface AppOptions {
  readonly host: RuntimeHost;
  readonly version: string;
  /** Required on every `/api` call when set (listening beyond loopback). */
  readonly token?: string;
  /** The code of the one-time login link printed on the console. */
  readonly loginCode?: string;
  /** The built studio (`apps/web/dist`), if present. */
  readonly webDist?: string;
  /** Largest JSON request body (default 1 MiB). */
  readonly bodyLimit?: string;
  /** PEM key and certificate: HTTPS (and wss for the event stream) instead of HTTP. */
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer };
}

function sendError(res: Response, status: number, body: ApiError): void {
  if (res.headersSent) return;
  res.status(status).json(body);
}

/** Builds the server (not yet listening). */
export function createAppServer(options: AppOptions): { server: Server; events: EventsSocket } {
  const app = express();
  app.disable('x-powered-by');
  // The console prints a one-time login link: it sets the token cookie once, then stops working,
  // so a link left in a terminal's scrollback or a shell history cannot be reused.
  let loginCode = options.loginCode;
  app.get('/login', (req, res) => {
    const given = typeof req.query.code === 'string' ? req.query.code : '';
    if (options.token === undefined || loginCode === undefined || given !== loginCode) {
      sendError(res, 401, {
        code: 'UNAUTHORIZED',
        message:
          'This login link is not valid or was already used; restart the server for a new one, or send the token as Authorization: Bearer.',
      });
      return;
    }
    loginCode = undefined;
    // Secure over HTTPS: the browser then never sends the token over plain HTTP.
    res.cookie(TOKEN_COOKIE, options.token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: options.tls !== undefined,
    });
    res.redirect('/');
  });
  app.use('/api', (req, res, next) => {
    const refusal = crossSiteRefusal(req, options.token);
    if (refusal) return sendError(res, 403, { code: 'FORBIDDEN_ORIGIN', message: refusal });
    if (authorized(req, options.token)) return next();
    sendError(res, 401, {
      code: 'UNAUTHORIZED',
      message:
        'A token is required: send Authorization: Bearer <token>, or open the login link printed on the console.',
    });
  });
  // Before the JSON parser: an import may upload an archive.
  app.use('/api', importRoutes(options.host.store));
  app.use(
    '/api',
    express.json({ limit: options.bodyLimit ?? '1mb', type: () => true, strict: true, verify: verifyUtf8 }),
  );
  app.use('/api', runtimeRoutes(options.host, options.version));
  app.use('/api', artifactRoutes(options.host.store));
  app.use('/api', deployRoutes(options.host));
  app.use('/api', (req, res) => {
    sendError(res, 404, { code: 'NOT_FOUND', message: `No API route ${req.method} ${req.path}.` });
  });
  if (options.webDist && existsSync(path.join(options.webDist, 'index.html'))) {
    serveStudio(app, options.webDist);
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('Mediate is running, but the studio is not built: run `pnpm build`.\n');
    });
  }
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiFailure) {
      sendError(res, err.status, {
        code: err.code,
        message: err.message,
        ...(err.details !== undefined ? { details: err.details } : {}),
      });
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') {
      sendError(res, 413, {
        code: 'BODY_TOO_LARGE',
        message: `The request body is over the ${options.bodyLimit ?? '1mb'} limit.`,
      });
      return;
    }
    if (e.type === 'body.encoding.invalid') {
      sendError(res, 400, { code: 'BAD_ENCODING', message: e.message ?? 'The request body is not UTF-8.' });
      return;
    }
    if (e.type === 'entity.parse.failed') {
      sendError(res, 400, {
        code: 'BAD_JSON',
        message: `The request body is not valid JSON: ${e.message ?? ''}`,
      });
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      sendError(res, e.status, { code: 'BAD_REQUEST', message: e.message ?? 'Bad request.' });
      return;
    }
    sendError(res, 500, { code: 'INTERNAL', message: `Internal error: ${e.message ?? String(err)}` });
  });
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, app)
    : createServer(app);
  const events = new EventsSocket(options.host.runtime, options.host.bootId, options.token);
  server.on('upgrade', (req, socket, head) => {
    if (!events.handleUpgrade(req, socket, head)) socket.destroy();
  });
  return { server, events };
}
