/**
 * Serves the built studio (`apps/web/dist`): the precompressed copy a browser accepts (brotli,
 * else gzip, made at build time by the studio's Vite config) and caching that fits each file.
 *
 * - `assets/*` carry a content hash in their names, so they never change under the same URL:
 *   `immutable`, cached for a year. A new build has new names.
 * - `index.html` names the current assets: `no-cache` (revalidated with its ETag every time), so a
 *   new build is picked up at the next load.
 * - Any other deep link (`/sequences/x` typed in the address bar) gets `index.html`; a missing
 *   `assets/` file is a 404.
 */
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Express } from 'express';
import expressStaticGzip from 'express-static-gzip';

const YEAR_S = 365 * 24 * 3600;

/** Cache-Control for a file of the build. */
function cacheControl(file: string): string {
  const rel = file.split(path.sep).join('/');
  if (rel.includes('/assets/')) return `public, max-age=${YEAR_S}, immutable`;
  return 'no-cache';
}

/** Mounts the studio at `/` on `app`; `dist` must hold `index.html`. */
export function serveStudio(app: Express, dist: string): void {
  app.use(
    expressStaticGzip(dist, {
      enableBrotli: true,
      // Brotli is about 15% smaller than gzip for our chunks; prefer it when both are accepted.
      orderPreference: ['br', 'gzip'],
      index: 'index.html',
      serveStatic: {
        // Our own header below; serve-static's default max-age would say otherwise.
        cacheControl: false,
        setHeaders: (res: ServerResponse, file: string) => {
          res.setHeader('cache-control', cacheControl(file));
        },
      },
    }),
  );
  // An asset name of an older build (a tab open across a rebuild): a 404, never the page, which
  // the browser would try to run as a script or apply as a style.
  app.use('/assets', (req, res) => {
    res.status(404).type('text/plain').send(`No studio asset ${req.originalUrl}; reload the page.\n`);
  });
  app.get('/{*splat}', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(path.join(dist, 'index.html'));
  });
}
