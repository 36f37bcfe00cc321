/**
 * The ports a project listens on, and the port a new inbound endpoint gets: the first from 9092
 * up that no inbound endpoint (running or suspended) and no HTTP(S) listener uses.
 */
import { describe, expect, it } from 'vitest';
import { buildProject, freeInboundPort, portUsers } from '../src/model/index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const inbound = (name: string, port: string, suspend = false) => ({
  path: `artifacts/inbound-endpoints/${name}.xml`,
  text:
    `<inboundEndpoint name="${name}" protocol="ws" sequence="main" suspend="${suspend}" ${NS}>\n` +
    `    <parameters>\n        <parameter name="inbound.ws.port">${port}</parameter>\n    </parameters>\n` +
    '</inboundEndpoint>\n',
});

function project(config: string, ...files: ReturnType<typeof inbound>[]) {
  const r = buildProject(config, files);
  expect(r.diagnostics).toEqual([]);
  return r.project;
}

describe('freeInboundPort', () => {
  it('is 9092 in an empty project', () => {
    expect(freeInboundPort(project(''))).toBe(9092);
  });

  it('skips the ports of inbound endpoints, suspended ones too', () => {
    const p = project('', inbound('a', '9092'), inbound('b', '9093', true), inbound('c', '9095'));
    expect(freeInboundPort(p)).toBe(9094);
  });

  it('skips the HTTP listener and the HTTPS listener port of deployment.toml', () => {
    const config =
      '[server]\noffset = 0\n[transport.http]\nlistener.port = 9092\nlistener.secured_port = 9093\n';
    expect(freeInboundPort(project(config))).toBe(9094);
  });

  it('ignores a port that is not a number', () => {
    expect(freeInboundPort(project('', inbound('a', 'x9092')))).toBe(9092);
  });
});

describe('portUsers', () => {
  it('names who listens where; suspended endpoints do not listen', () => {
    const p = project('', inbound('a', '9092'), inbound('b', '9093', true));
    expect(portUsers(p)).toEqual([
      { port: 8290, who: 'the HTTP listener' },
      { port: 9092, who: "inbound endpoint 'a'", inbound: 'a' },
    ]);
  });
});
