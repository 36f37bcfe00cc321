/**
 * The HTTPS listener: `[transport.https] key_file` / `cert_file` (PEM) in deployment.toml put
 * proxies on `listener.secured_port` + offset; a proxy's `transports` picks its listeners; an
 * unreadable or unusable key fails the deploy with a clear message and changes nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, type EventLog, tomlFor } from './harness.js';
import { makeTlsFiles, proxyXml, send, type TlsFiles } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let tls: TlsFiles;
let http: number;
let https: number;

const files = {
  'artifacts/proxy-services/Echo.xml': proxyXml('Echo', '<inSequence><respond/></inSequence>'),
  'artifacts/proxy-services/HttpsOnly.xml': proxyXml(
    'HttpsOnly',
    '<inSequence><respond/></inSequence>',
    'transports="https"',
  ),
  'artifacts/proxy-services/HttpOnly.xml': proxyXml(
    'HttpOnly',
    '<inSequence><respond/></inSequence>',
    'transports="http"',
  ),
};

const config = (keyFile: string, certFile: string, port = https) =>
  tomlFor(http, `[transport.https]\nkey_file = "${keyFile}"\ncert_file = "${certFile}"`, port);

beforeAll(async () => {
  tls = makeTlsFiles();
  http = await freePort();
  https = await freePort();
  ({ runtime, events } = await runtimeWith(project(files, config(tls.keyFile, tls.certFile))));
});

afterAll(async () => {
  await runtime.stop();
  tls.remove();
});

describe('HTTPS listener', () => {
  it('starts both listeners, each with its event', async () => {
    // Events reach subscribers in batches, after the deploy returns.
    await events.waitFor((e) => e.kind === 'deployed');
    const started = events.all.filter((e) => e.kind === 'listener.started').map((e) => e.text);
    expect(started).toEqual([
      `Pass-through HTTP Listener started on 127.0.0.1:${http}`,
      `Pass-through HTTPS Listener started on 127.0.0.1:${https}`,
    ]);
    expect(runtime.status().listeners).toEqual([
      { kind: 'http', port: http },
      { kind: 'https', port: https },
    ]);
  });

  it('serves a proxy on https for a client that trusts the certificate', async () => {
    const r = await send(`https://localhost:${https}/services/Echo`, {
      body: '<a>secure</a>',
      type: 'application/xml',
      ca: tls.cert,
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.body).toBe('<a>secure</a>');
  });

  it('refuses a client that does not trust the certificate', async () => {
    await expect(
      send(`https://localhost:${https}/services/Echo`, { body: 'x', type: 'text/plain' }),
    ).rejects.toThrow(/self[- ]signed certificate/);
  });

  it('serves a transports="https" proxy on https only', async () => {
    const r = await send(`https://localhost:${https}/services/HttpsOnly`, {
      body: 'x',
      type: 'text/plain',
      ca: tls.cert,
    });
    expect(r.status).toBe(200);
    expect(r.body).toBe('x');
    expect(
      (await send(`http://127.0.0.1:${http}/services/HttpsOnly`, { body: 'x', type: 'text/plain' })).status,
    ).toBe(500);
  });

  it('does not serve a transports="http" proxy on https', async () => {
    const r = await send(`https://localhost:${https}/services/HttpOnly`, {
      body: 'x',
      type: 'text/plain',
      ca: tls.cert,
    });
    expect(r.status).toBe(500);
    expect(r.body).toContain(
      'The service cannot be found for the endpoint reference (EPR) /services/HttpOnly',
    );
  });

  it('a missing key file fails the deploy with a clear message and leaves HTTPS serving', async () => {
    const missing = join(tls.dir, 'missing-key.pem');
    const result = await runtime.deploy(project(files, config(missing, tls.certFile)));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      {
        severity: 'error',
        code: 'LISTENER_START',
        message: `The HTTPS listener cannot read [transport.https] key_file ${missing}: no such file.`,
        artifact: 'deployment.toml',
      },
    ]);
    const r = await send(`https://localhost:${https}/services/Echo`, {
      body: 'still',
      type: 'text/plain',
      ca: tls.cert,
    });
    expect(r.body).toBe('still');
    expect(runtime.status().listeners.map((l) => l.port)).toEqual([http, https]);
  });

  it('a key file that is not a PEM key fails the deploy, and the port it wanted stays free', async () => {
    const junk = join(tls.dir, 'junk.pem');
    writeFileSync(junk, 'not a key\n');
    const other = await freePort();
    const result = await runtime.deploy(project(files, config(junk, tls.certFile, other)));
    expect(result.ok).toBe(false);
    const error = result.diagnostics.find((d) => d.severity === 'error');
    expect(error?.code).toBe('LISTENER_START');
    expect(error?.message).toMatch(
      /^The HTTPS listener cannot use its key and certificate \(\[transport\.https\] key_file, cert_file must be a PEM private key and its certificate\): /,
    );
    expect(runtime.status().listeners.map((l) => l.port)).toEqual([http, https]);
    await expect(send(`https://localhost:${other}/services/Echo`, { ca: tls.cert })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
