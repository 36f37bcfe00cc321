/**
 * The API token: required on every `/api` call when the server listens beyond loopback.
 * Generated on first start and stored with mode 0600; a one-time login URL sets a cookie.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { writeFileAtomic } from '../project-store/atomic-write.js';

export const TOKEN_COOKIE = 'mediate_token';

/** Reads the token from `<dir>/token`, creating it (0600) on first use. */
export async function loadOrCreateToken(dir: string): Promise<string> {
  const file = path.join(dir, 'token');
  const existing = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (/^[A-Za-z0-9_-]{32,}$/.test(existing)) {
    // A token file copied or created by hand may be readable by others: make it 0600 again.
    await chmod(file, 0o600);
    return existing;
  }
  const token = randomBytes(24).toString('base64url');
  await writeFileAtomic(file, `${token}\n`, 0o600);
  return token;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a request carries (bearer header or cookie), if any. */
export function tokenOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** True when the request may use the API. */
export function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const given = tokenOf(req);
  return given !== undefined && same(given, token);
}

/** True when the WebSocket's Origin is this server's own (or absent: not a browser). */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * True when the request's Host is a loopback name. A server that binds loopback has no token, so a
 * web page whose domain an attacker re-points at 127.0.0.1 (DNS rebinding) would otherwise be
 * "same origin" with the API; its requests carry the attacker's host name, which this refuses.
 */
export function loopbackHost(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (host === undefined) return false;
  try {
    const name = new URL(`http://${host}`).hostname;
    return name === 'localhost' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name);
  } catch {
    return false;
  }
}

/**
 * Why a browser request must be refused before it reaches the API or the event stream, or
 * undefined when it may go on: a foreign Origin (another site's page calling the API, which a
 * simple cross-site POST could otherwise do, since the API reads any body as JSON), or, without a
 * token, a Host that is not loopback (DNS rebinding). Clients that send no Origin (the CLI, curl)
 * are not browsers and pass the Origin check.
 */
export function crossSiteRefusal(req: IncomingMessage, token: string | undefined): string | undefined {
  if (!sameOrigin(req)) return 'Cross-origin requests are not accepted.';
  if (token === undefined && !loopbackHost(req))
    return 'This server listens on loopback only; use 127.0.0.1 or localhost as the host name.';
  return undefined;
}
