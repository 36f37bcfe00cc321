/**
 * TLS on the WebSocket side: a `wss` inbound endpoint (PEM files in `wss.ssl.key.file` /
 * `wss.ssl.cert.file`), and `wss://` back ends through the sender. The sender has no trust-store
 * setting, so a self-signed back end is refused; Node's NODE_EXTRA_CA_CERTS (read once, at
 * process start) is the way to trust one, shown here in a child process.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, until, type EventLog, tomlFor } from './harness.js';
import { makeTlsFiles, proxyXml, send, sequenceXml, type TlsFiles } from './http-helpers.js';

const CHILD = process.env.MEDIATE_WSS_CHILD === '1';
const EXTRA_CA_TEST = 'reaches a wss back end whose CA is in NODE_EXTRA_CA_CERTS';

let runtime: Runtime | undefined;
let events: EventLog;
let tls: TlsFiles | undefined;
let backend: { port: number; received: string[]; close(): Promise<void> } | undefined;

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  await backend?.close();
  backend = undefined;
  if (!CHILD) tls?.remove();
  tls = undefined;
});

/** The key pair: the parent's files in the child, a fresh pair otherwise. */
function tlsFiles(): TlsFiles {
  if (CHILD) {
    const keyFile = process.env.MEDIATE_WSS_KEY as string;
    const certFile = process.env.MEDIATE_WSS_CERT as string;
    return { dir: dirname(keyFile), keyFile, certFile, cert: '', remove: () => undefined };
  }
  return makeTlsFiles();
}

/** A wss:// echo back end on an https server with the given pair. */
async function startWssBackend(files: TlsFiles) {
  const { readFileSync } = await import('node:fs');
  const server: Server = createServer({
    key: readFileSync(files.keyFile),
    cert: readFileSync(files.certFile),
  });
  const wss = new WebSocketServer({ server });
  const received: string[] = [];
  wss.on('connection', (ws) =>
    ws.on('message', (d: Buffer) => {
      received.push(d.toString());
      ws.send(d.toString());
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** An HTTP proxy sending its body to a wss:// back end, logging the error if that fails. */
async function proxyTo(uri: string): Promise<number> {
  const http = await freePort();
  const p = project(
    {
      'artifacts/proxy-services/ToWss.xml': proxyXml(
        'ToWss',
        `<inSequence><send><endpoint><address uri="${uri}"/></endpoint></send></inSequence>
         <faultSequence><log level="custom"><property name="error" expression="get-property('ERROR_MESSAGE')"/></log></faultSequence>`,
      ),
    },
    tomlFor(http),
  );
  ({ runtime, events } = await runtimeWith(p));
  return http;
}

describe.skipIf(CHILD)('wss inbound endpoint', () => {
  const inbound = (
    port: number,
    params: string,
  ) => `<inboundEndpoint name="SecureEcho" protocol="wss" sequence="echo" xmlns="http://ws.apache.org/ns/synapse">
  <parameters>
    <parameter name="inbound.ws.port">${port}</parameter>
${params}
  </parameters>
</inboundEndpoint>`;
  const echo = sequenceXml('echo', '<respond/>');

  it('echoes to a client that trusts the certificate, and refuses one that does not', async () => {
    tls = tlsFiles();
    const port = await freePort();
    const params = `    <parameter name="wss.ssl.key.file">${tls.keyFile}</parameter>
    <parameter name="wss.ssl.cert.file">${tls.certFile}</parameter>`;
    ({ runtime, events } = await runtimeWith(
      project(
        {
          'artifacts/inbound-endpoints/SecureEcho.xml': inbound(port, params),
          'artifacts/sequences/echo.xml': echo,
        },
        tomlFor(0),
      ),
    ));
    await events.waitFor(
      (e) =>
        e.kind === 'listener.started' &&
        e.text === `Netty SSL Listener starting on port ${port} (inbound endpoint SecureEcho)`,
    );
    const ws = new WebSocket(`wss://localhost:${port}/chat`, { ca: tls.cert });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise<string>((r) => ws.once('message', (d: Buffer) => r(d.toString())));
    ws.send('over wss');
    expect(await reply).toBe('over wss');
    ws.close(1000);
    await new Promise((r) => ws.once('close', r));
    await events.waitFor((e) => e.kind === 'client.closed' && e.artifact?.name === 'SecureEcho');

    const untrusted = new WebSocket(`wss://localhost:${port}/chat`);
    const error = await new Promise<Error>((r) => untrusted.once('error', r));
    expect(error.message).toMatch(/self[- ]signed certificate/);
  });

  it('fails the deploy with a clear message when the key file does not exist', async () => {
    tls = tlsFiles();
    const port = await freePort();
    ({ runtime, events } = await runtimeWith(project({ 'artifacts/sequences/echo.xml': echo }, tomlFor(0))));
    const missing = join(tls.dir, 'nope.pem');
    const params = `    <parameter name="wss.ssl.key.file">${missing}</parameter>
    <parameter name="wss.ssl.cert.file">${tls.certFile}</parameter>`;
    const result = await runtime.deploy(
      project(
        {
          'artifacts/inbound-endpoints/SecureEcho.xml': inbound(port, params),
          'artifacts/sequences/echo.xml': echo,
        },
        tomlFor(0),
      ),
    );
    expect(result.ok).toBe(false);
    expect(result.diagnostics.find((d) => d.severity === 'error')).toMatchObject({
      code: 'TLS_FILE',
      artifact: 'SecureEcho',
      message: `Inbound endpoint SecureEcho: cannot read its key or certificate: wss.ssl.key.file ${missing}: no such file.`,
    });
    expect(runtime.status().listeners.some((l) => l.port === port)).toBe(false);
  });
});

describe('wss:// back ends through the sender', () => {
  it.skipIf(CHILD)('refuses a self-signed back end: the fault sequence runs with the TLS error', async () => {
    tls = tlsFiles();
    backend = await startWssBackend(tls);
    const http = await proxyTo(`wss://localhost:${backend.port}/ws`);
    const r = await send(`http://127.0.0.1:${http}/services/ToWss`, { body: 'hi', type: 'text/plain' });
    expect(r.status).toBe(202);
    const line = await events.waitFor((e) => e.kind === 'log' && e.properties?.error !== undefined);
    expect(line.properties?.error).toMatch(
      new RegExp(
        `^Unexpected error during sending message out\\. WebSocket handshake failed: self[- ]signed certificate \\(localhost:${backend.port}\\)$`,
      ),
    );
    expect(backend.received).toEqual([]);
  });

  it(
    EXTRA_CA_TEST,
    async () => {
      if (!CHILD) {
        // NODE_EXTRA_CA_CERTS is read when the process starts: run this test again in a child.
        tls = tlsFiles();
        const env: NodeJS.ProcessEnv = {};
        for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VITEST')) env[k] = v;
        Object.assign(env, {
          MEDIATE_WSS_CHILD: '1',
          MEDIATE_WSS_KEY: tls.keyFile,
          MEDIATE_WSS_CERT: tls.certFile,
          NODE_EXTRA_CA_CERTS: tls.certFile,
          NO_COLOR: '1',
        });
        const vitest = join(
          dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
          'vitest.mjs',
        );
        const engine = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
        const child = spawn(
          process.execPath,
          [vitest, 'run', 'test/runtime/wss-tls.test.ts', '-t', EXTRA_CA_TEST],
          {
            cwd: engine,
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        const code = await new Promise<number | null>((r) => child.once('close', r));
        expect(output, output).toMatch(/Tests\s+1 passed/);
        expect(code, output).toBe(0);
        return;
      }
      tls = tlsFiles();
      backend = await startWssBackend(tls);
      const http = await proxyTo(`wss://localhost:${backend.port}/ws`);
      const r = await send(`http://127.0.0.1:${http}/services/ToWss`, {
        body: 'trusted',
        type: 'text/plain',
      });
      expect(r.status).toBe(202);
      await until(() => backend!.received.length === 1, 5000, 'the wss back end to get the frame');
      expect(backend.received).toEqual(['trusted']);
      const connected = await events.waitFor((e) => e.kind === 'backend.connected');
      expect(connected.text).toBe(`Connected to back end wss://localhost:${backend.port}/ws for universal`);
    },
    60_000,
  );
});
