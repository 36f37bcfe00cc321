/**
 * The studio's form and the runtime agree on every WebSocket inbound parameter: each parameter
 * the form offers changes what a deployment does, and the runtime reads no parameter the form
 * does not offer. Both sides walk one list (ws-inbound-parameters.ts); this checks that they do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  artifactDefinition,
  buildProject,
  IGNORED_INBOUND_PARAMETERS,
  httpInboundSettings,
  offeredParameters,
  wsInboundSettings,
  type ParameterDefinition,
} from '../../src/model/index.js';
import { buildDeployment, type BuiltDeployment } from '../../src/runtime/deploy/build-deployment.js';
import { EventBus } from '../../src/runtime/log/event-bus.js';

const dir = mkdtempSync(join(tmpdir(), 'mediate-inbound-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const name of ['key', 'cert', 'other']) writeFileSync(join(dir, `${name}.pem`), name);

/** A wss endpoint (so the TLS parameters are read too) with these parameter rows. */
const BASE: Record<string, string> = {
  'inbound.ws.port': '9100',
  'wss.ssl.key.file': 'key.pem',
  'wss.ssl.cert.file': 'cert.pem',
};

/** The deployment of one inbound endpoint of `protocol` with these parameter rows. */
function buildInbound(protocol: string, params: Record<string, string>, toml = ''): BuiltDeployment {
  const rows = Object.entries(params)
    .map(([name, value]) => `<parameter name="${name}">${value}</parameter>`)
    .join('');
  const { project } = buildProject(toml, [
    {
      path: 'artifacts/inbound-endpoints/In.xml',
      text: `<inboundEndpoint name="In" protocol="${protocol}" sequence="s" xmlns="http://ws.apache.org/ns/synapse"><parameters>${rows}</parameters></inboundEndpoint>`,
    },
  ]);
  const built = buildDeployment(project, {
    config: project.config,
    bus: new EventBus(),
    sequence: (name) => ({ name, current: undefined }),
    targetForUri: () => {
      throw new Error('no endpoint in this project');
    },
    baseDir: dir,
  });
  expect(built.diagnostics).toEqual([]);
  return built;
}

/** What the runtime makes of an inbound endpoint with these parameters, as plain data. */
function deployed(params: Record<string, string>): string {
  const [config] = buildInbound('wss', params, '[server]\noffset = 10\n').inbounds;
  return JSON.stringify(config, (_, v: unknown) =>
    typeof v === 'function'
      ? `path sequence ${(v as (p: string) => { name: string })('/a/b').name}`
      : v instanceof Uint8Array
        ? Buffer.from(v).toString()
        : v,
  );
}

/** A value of `p` other than its default (and other than BASE's). */
function otherValue(p: ParameterDefinition): string {
  switch (p.type) {
    case 'integer':
      return String(Number(p.default ?? BASE[p.name] ?? 0) + 1);
    case 'boolean':
      return p.default === 'true' ? 'false' : 'true';
    case 'sequence':
      return 'otherSeq';
    case 'pemFile':
      return 'other.pem';
    case 'string':
      return `not ${p.default ?? 'set'}`;
  }
}

/** What the studio's parameter table offers to add to an inbound endpoint with no parameters. */
const offered = offeredParameters(artifactDefinition('inboundEndpoint').parameters, [], 'wss');

describe('WebSocket inbound parameters: the studio and the runtime', () => {
  it('the form offers exactly the parameters the runtime reads', () => {
    expect(offered.map((p) => p.name).sort()).toEqual(Object.keys(wsInboundSettings([])).sort());
  });

  it.each(offered.map((p) => [p.name, p] as const))('the runtime acts on %s', (name, p) => {
    expect(deployed({ ...BASE, [name]: otherValue(p) })).not.toBe(deployed(BASE));
  });

  it('parameters the form does not offer change nothing at run time', () => {
    for (const name of [...IGNORED_INBOUND_PARAMETERS, 'ws.not.a.parameter'])
      expect(deployed({ ...BASE, [name]: '7' }), name).toBe(deployed(BASE));
  });

  it('absent parameters take the defaults the list gives', () => {
    const config = JSON.parse(deployed(BASE)) as Record<string, unknown>;
    expect(config).toMatchObject({
      port: 9100,
      broadcastLevel: 0,
      shutdownCode: 1001,
      shutdownMessage: 'shutdown',
      maxFrameSize: 65536,
    });
    expect(config.pathSequence).toBeUndefined();
  });
});

/** A https endpoint (so the TLS parameters are read too) with these parameter rows. */
const HTTP_BASE: Record<string, string> = {
  'inbound.http.port': '9200',
  'https.ssl.key.file': 'key.pem',
  'https.ssl.cert.file': 'cert.pem',
};

/** What the runtime makes of an https inbound endpoint with these parameters, as plain data. */
function deployedHttp(params: Record<string, string>): string {
  const [config] = buildInbound('https', params).httpInbounds;
  return JSON.stringify(config, (_, v: unknown) =>
    v instanceof RegExp ? `regexp ${v.source}` : v instanceof Uint8Array ? Buffer.from(v).toString() : v,
  );
}

const offeredHttp = offeredParameters(artifactDefinition('inboundEndpoint').parameters, [], 'https');

describe('HTTP inbound parameters: the studio and the runtime', () => {
  it('the form offers exactly the parameters the runtime reads, and none of the WebSocket ones', () => {
    expect(offeredHttp.map((p) => p.name).sort()).toEqual(Object.keys(httpInboundSettings([])).sort());
    expect(
      offeredParameters(artifactDefinition('inboundEndpoint').parameters, [], 'http').map((p) => p.name),
    ).toEqual(['inbound.http.port', 'dispatch.filter.pattern']);
  });

  it.each(offeredHttp.map((p) => [p.name, p] as const))('the runtime acts on %s', (name, p) => {
    const other = p.name === 'dispatch.filter.pattern' ? '/x/.*' : otherValue(p);
    expect(deployedHttp({ ...HTTP_BASE, [name]: other })).not.toBe(deployedHttp(HTTP_BASE));
  });

  it('parameters the form does not offer change nothing at run time', () => {
    for (const name of ['keystore', 'inbound.worker.pool.size.core', 'inbound.ws.port'])
      expect(deployedHttp({ ...HTTP_BASE, [name]: '7' }), name).toBe(deployedHttp(HTTP_BASE));
  });
});
