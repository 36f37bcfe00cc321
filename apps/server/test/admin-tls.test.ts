/**
 * TLS on the admin port (`mediate start --tls-key --tls-cert`), with a throwaway self-signed pair
 * made at test time: the studio, the API and the event stream over HTTPS and wss, the login
 * cookie `Secure`; the warning when the port is reachable beyond loopback without TLS; one clear
 * line for each bad file; `mediate deploy` to an https:// URL.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import path from 'node:path';
import { makeTlsFiles, type TlsFiles } from '@mediate/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { runStart } from '../src/commands/start.js';
import { mediate, mediateRun } from './helpers/child.js';
import {
  Cleanup,
  freePort,
  smallProject,
  startServer,
  tempDir,
  tomlFor,
  versionProxy,
  writeFiles,
} from './helpers/server.js';

const WARNING =
  'Warning: the admin port is reachable beyond loopback over plain HTTP, so the API token and the login cookie travel unencrypted; serve it over HTTPS with --tls-key FILE --tls-cert FILE (PEM)\n';

const cleanup = new Cleanup();
let tls: TlsFiles;
let scratch: string;

beforeAll(async () => {
  tls = makeTlsFiles();
  cleanup.add(() => tls.remove());
  scratch = tempDir('mediate-test-', cleanup);
});
afterAll(() => cleanup.run());

async function project(name: string): Promise<string> {
  return smallProject(path.join(scratch, name), await freePort());
}

/** A GET over HTTPS trusting only the test certificate. */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca: tls.cert, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Opens the event stream over wss; resolves with its first message that carries events (the
 * stream opens with a hello naming the server's boot, which has none).
 */
function firstEvents(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ca: tls.cert, headers });
    cleanup.add(() => ws.terminate());
    ws.on('message', (d) => {
      const text = String(d);
      if ((JSON.parse(text) as { events: unknown[] }).events.length === 0) return;
      resolve(text);
      ws.close();
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('--tls-key and --tls-cert', () => {
  it('serve the studio, the API and the event stream over HTTPS and wss on loopback', async () => {
    const server = await startServer(cleanup, {
      project: await project('loopback'),
      tls: { keyFile: tls.keyFile, certFile: tls.certFile },
    });
    expect(server.output()).toContain(`Studio: https://127.0.0.1:${server.port}/\n`);
    expect(server.output()).not.toContain('Warning:');
    const health = await get(`${server.base}/api/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    const events = JSON.parse(await firstEvents(`wss://127.0.0.1:${server.port}/api/events`)) as {
      events: { kind: string }[];
    };
    expect(events.events.some((e) => e.kind === 'deployed')).toBe(true);
    // Nothing is served in clear text on that port.
    await expect(fetch(`http://127.0.0.1:${server.port}/api/health`)).rejects.toThrow();
  });

  it('beyond loopback: an https login link whose cookie is Secure, and no plain-HTTP warning', async () => {
    const server = await startServer(cleanup, {
      project: await project('remote'),
      host: '0.0.0.0',
      tls: { keyFile: tls.keyFile, certFile: tls.certFile },
    });
    expect(server.output()).not.toContain('Warning:');
    const link = /Log in once with (https:\/\/127\.0\.0\.1:\d+\/login\?code=\S+)\n/.exec(
      server.output(),
    )?.[1];
    expect(link).toBeDefined();
    const login = await get(link!);
    expect(login.status).toBe(302);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^mediate_token=[A-Za-z0-9_-]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const pair = cookie.split(';')[0]!;
    expect((await get(`${server.base}/api/artifacts`)).status).toBe(401);
    expect((await get(`${server.base}/api/artifacts`, { cookie: pair })).status).toBe(200);
    await expect(
      firstEvents(`wss://127.0.0.1:${server.port}/api/events`, { cookie: pair }),
    ).resolves.toContain('"events"');
  });

  it('are missing beyond loopback: the console warns that the token travels unencrypted', async () => {
    const remote = await startServer(cleanup, { project: await project('plain'), host: '0.0.0.0' });
    expect(remote.output().split(WARNING)).toHaveLength(2);
    const local = await startServer(cleanup, { project: await project('plain-local') });
    expect(local.output()).not.toContain('Warning:');
  });
});

describe('bad TLS files', () => {
  async function refusal(tlsKey: string | undefined, tlsCert: string | undefined): Promise<string> {
    const port = await freePort();
    const error = await runStart({
      project: await project(`bad-${port}`),
      port,
      host: '127.0.0.1',
      deploy: false,
      version: '0.0.0-test',
      write: () => undefined,
      ...(tlsKey !== undefined ? { tlsKey } : {}),
      ...(tlsCert !== undefined ? { tlsCert } : {}),
    }).then(
      (r) => {
        cleanup.add(r.stop);
        return undefined;
      },
      (e: Error) => e.message,
    );
    expect(error).toBeDefined();
    return error!;
  }

  it('are refused before anything starts, each with what is wrong and which file', async () => {
    const missing = path.join(scratch, 'nope.pem');
    const garbage = path.join(scratch, 'garbage.pem');
    await writeFile(garbage, 'not a certificate\n');
    const otherKey = path.join(scratch, 'other-key.pem');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await writeFile(otherKey, privateKey.export({ type: 'pkcs8', format: 'pem' }));

    expect(await refusal(tls.keyFile, undefined)).toBe(
      '--tls-key needs --tls-cert (or MEDIATE_TLS_CERT) too: the certificate, as a PEM file',
    );
    expect(await refusal(undefined, tls.certFile)).toBe(
      '--tls-cert needs --tls-key (or MEDIATE_TLS_KEY) too: its private key, as a PEM file',
    );
    expect(await refusal(missing, tls.certFile)).toBe(`cannot read --tls-key ${missing}: no such file`);
    expect(await refusal(tls.keyFile, scratch)).toBe(`cannot read --tls-cert ${scratch}: it is a folder`);
    expect(await refusal(tls.keyFile, garbage)).toBe(`--tls-cert ${garbage} is not a PEM certificate`);
    expect(await refusal(garbage, tls.certFile)).toBe(`--tls-key ${garbage} is not a PEM private key`);
    // A certificate given as the key: also not a private key.
    expect(await refusal(tls.certFile, tls.certFile)).toBe(
      `--tls-key ${tls.certFile} is not a PEM private key`,
    );
    expect(await refusal(otherKey, tls.certFile)).toBe(
      `--tls-key ${otherKey} is not the private key of the certificate in --tls-cert ${tls.certFile}`,
    );
  });

  it('make `mediate start` exit 1 with that one line (options or MEDIATE_TLS_* variables)', async () => {
    const home = tempDir('mediate-test-', cleanup);
    const dir = await project('cli');
    const missing = path.join(scratch, 'missing-cert.pem');
    const args = ['start', '--project', dir, '--port', String(await freePort()), '--no-deploy'];
    const byOption = mediate(cleanup, [...args, '--tls-key', tls.keyFile, '--tls-cert', missing], {
      MEDIATE_HOME: home,
    });
    expect(await byOption.exited).toBe(1);
    expect(byOption.stderr()).toBe(`mediate start: cannot read --tls-cert ${missing}: no such file\n`);
    const byEnv = mediate(cleanup, args, { MEDIATE_HOME: home, MEDIATE_TLS_KEY: tls.keyFile });
    expect(await byEnv.exited).toBe(1);
    expect(byEnv.stderr()).toBe(
      'mediate start: --tls-key needs --tls-cert (or MEDIATE_TLS_CERT) too: the certificate, as a PEM file\n',
    );
  });
});

describe('mediate deploy --url https://…', () => {
  it('deploys to a TLS server whose certificate NODE_EXTRA_CA_CERTS trusts, and says what to do otherwise', async () => {
    const httpPort = await freePort();
    const served = await smallProject(path.join(scratch, 'served'), httpPort);
    const server = await startServer(cleanup, {
      project: served,
      tls: { keyFile: tls.keyFile, certFile: tls.certFile },
    });
    const local = path.join(scratch, 'local');
    await writeFiles(local, {
      'deployment.toml': tomlFor(httpPort),
      'artifacts/proxy-services/Svc.xml': versionProxy('Svc', 'v2'),
    });

    const untrusted = await mediateRun(cleanup, ['deploy', local, '--url', `${server.base}/`]);
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr).toMatch(
      /^mediate deploy: cannot reach https:\/\/127\.0\.0\.1:\d+\/: its certificate is not trusted \(.+\)\. If it is self-signed, run with NODE_EXTRA_CA_CERTS=<the certificate, or the CA that signed it, as PEM>\.\n$/,
    );

    const plain = await mediateRun(cleanup, ['deploy', local, '--url', `http://127.0.0.1:${server.port}/`]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('If it serves HTTPS (--tls-key), use an https:// URL.');

    const trusted = await mediateRun(cleanup, ['deploy', local, '--url', `${server.base}/`], {
      NODE_EXTRA_CA_CERTS: tls.certFile,
    });
    expect(trusted.stderr).toBe('');
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toMatch(/^Deployed \S+: 0 added, 1 updated, 1 removed, 0 unchanged\.\n$/);
  });
});
