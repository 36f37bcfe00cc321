/**
 * The studio's files over HTTP (issue 10, "Assets"): the precompressed copy the browser accepts
 * (brotli first, then gzip, else the original), `immutable` caching for hashed assets and
 * `no-cache` for index.html and deep links; and the real build's first load within 250 kB on
 * the wire.
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStudio } from '../src/server/static-studio.js';
import { Cleanup, repoRoot, tempDir } from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** GET without any automatic decompression, so the test sees the bytes on the wire. */
function get(base: string, url: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    http
      .get(`${base}${url}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

const SCRIPT = `console.log(${JSON.stringify('studio '.repeat(500))});\n`;
const INDEX = '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>';

describe('serveStudio on a build folder', () => {
  let base = '';
  beforeAll(async () => {
    const dist = tempDir('mediate-dist-', cleanup);
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), INDEX);
    const js = path.join(dist, 'assets', 'index-AbC123.js');
    await writeFile(js, SCRIPT);
    await writeFile(`${js}.br`, brotliCompressSync(SCRIPT));
    await writeFile(`${js}.gz`, gzipSync(SCRIPT));
    const app = express();
    serveStudio(app, dist);
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.add(() => new Promise((r) => server.close(r)));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  it('sends the brotli copy to a browser that accepts it, cached as immutable', async () => {
    const res = await get(base, '/assets/index-AbC123.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 10);
  });

  it('sends gzip to a client that accepts only gzip, and the original to one that accepts neither', async () => {
    const gz = await get(base, '/assets/index-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await get(base, '/assets/index-AbC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html every time, at / and for deep links', async () => {
    for (const url of ['/', '/index.html', '/sequences/dispatchSeq']) {
      const res = await get(base, url, 'br, gzip');
      expect(res.status, url).toBe(200);
      expect(res.body.toString(), url).toBe(INDEX);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('answers 404 for an asset that does not exist, instead of the page', async () => {
    const res = await get(base, '/assets/missing-000000.js', 'br');
    // A stale hashed name must not be answered with HTML, which the browser would run as a script.
    expect(res.status).toBe(404);
  });
});

describe('the real studio build (pnpm build)', () => {
  const dist = path.join(repoRoot, 'apps/web/dist');

  it('has brotli and gzip copies of every script and style the first page load fetches, 250 kB or less in all', () => {
    const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const assets = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    let wire = Buffer.byteLength(index);
    for (const asset of assets) {
      const file = path.join(dist, asset);
      const br = statSync(`${file}.br`).size;
      expect(statSync(`${file}.gz`).size, asset).toBeGreaterThan(0);
      expect(br, asset).toBeLessThan(statSync(file).size);
      wire += br;
    }
    // The budget for the first load over the wire (the Monaco chunk loads later, on demand).
    expect(wire).toBeLessThanOrEqual(250 * 1024);
  });
});
