/**
 * HTTP and HTTPS inbound endpoints in the model: their parameters are checked for their protocol
 * only (the WebSocket ones are not asked of them), with located diagnostics; other protocols
 * keep their clear diagnostic; the port counts among the project's listeners.
 */
import { describe, expect, it } from 'vitest';
import {
  buildProject,
  dispatchFilterPattern,
  parseArtifact,
  portUsers,
  serializeArtifact,
  validateProject,
  type Diagnostic,
  type Project,
} from '../src/model/index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** An inbound endpoint file whose parameters start on line 3. */
function inbound(protocol: string, params: Record<string, string>, name = 'In'): string {
  const rows = Object.entries(params).map(([n, v]) => `        <parameter name="${n}">${v}</parameter>`);
  return [
    `<inboundEndpoint name="${name}" protocol="${protocol}" sequence="main" ${NS}>`,
    '    <parameters>',
    ...rows,
    '    </parameters>',
    '</inboundEndpoint>',
    '',
  ].join('\n');
}

function projectOf(files: Record<string, string>, toml = ''): Project {
  const { project, diagnostics } = buildProject(
    toml,
    Object.entries(files).map(([path, text]) => ({ path, text })),
  );
  expect(diagnostics).toEqual([]);
  return project;
}

const found = (text: string, toml = ''): Diagnostic[] =>
  validateProject(projectOf({ 'artifacts/inbound-endpoints/In.xml': text }, toml));
const codes = (ds: Diagnostic[]) => ds.map((d) => [d.severity, d.code, d.field]);

describe('HTTP inbound endpoint validation', () => {
  it('an http endpoint with its port validates clean and round-trips', () => {
    const text = inbound('http', { 'inbound.http.port': '8285', 'dispatch.filter.pattern': '/api/.*' });
    expect(found(text)).toEqual([]);
    expect(serializeArtifact(parseArtifact(text).artifact!)).toBe(text);
  });

  it('needs inbound.http.port (InboundHttpListener), not inbound.ws.port', () => {
    const ds = found(inbound('http', {}));
    expect(codes(ds)).toEqual([['error', 'REQUIRED_FIELD', 'inbound.http.port']]);
    expect(ds[0]!.message).toBe('A http endpoint needs the parameter inbound.http.port.');
  });

  it('a port that is not a number is INBOUND_PORT on the parameter', () => {
    expect(codes(found(inbound('http', { 'inbound.http.port': 'eighty' })))).toEqual([
      ['error', 'INBOUND_PORT', 'inbound.http.port'],
    ]);
  });

  it('a dispatch.filter.pattern that is not a regular expression is INBOUND_DISPATCH_PATTERN', () => {
    const ds = found(inbound('http', { 'inbound.http.port': '8285', 'dispatch.filter.pattern': '/api/(.*' }));
    expect(codes(ds)).toEqual([['error', 'INBOUND_DISPATCH_PATTERN', 'dispatch.filter.pattern']]);
  });

  it('an https endpoint needs its PEM key and certificate; MI keystores are accepted with a warning', () => {
    const ds = found(inbound('https', { 'inbound.http.port': '8286', keystore: '<KeyStore/>' }));
    expect(codes(ds)).toEqual([
      ['warning', 'INBOUND_PARAMETER_IGNORED', 'keystore'],
      ['error', 'REQUIRED_FIELD', 'https.ssl.key.file'],
      ['error', 'REQUIRED_FIELD', 'https.ssl.cert.file'],
    ]);
  });

  it('a WebSocket endpoint is not asked for HTTP parameters', () => {
    expect(found(inbound('ws', { 'inbound.ws.port': '9092' }))).toEqual([]);
  });

  it('other protocols keep their diagnostic', () => {
    const ds = found(inbound('kafka', {}));
    expect(codes(ds)).toEqual([['error', 'INBOUND_PROTOCOL_UNSUPPORTED', 'protocol']]);
    expect(ds[0]!.message).toContain('use ws, wss, http or https');
  });

  it('its port counts among the listeners: the HTTP listener port is INBOUND_PORT_IN_USE', () => {
    const text = inbound('http', { 'inbound.http.port': '8290' });
    expect(portUsers(projectOf({ 'artifacts/inbound-endpoints/In.xml': text }))).toContainEqual({
      port: 8290,
      who: "inbound endpoint 'In'",
      inbound: 'In',
    });
    expect(codes(found(text))).toEqual([['error', 'INBOUND_PORT_IN_USE', 'inbound.http.port']]);
  });
});

describe("an API's binds-to (InboundApiUtils)", () => {
  const api = (bindsTo: string) =>
    `<api name="A" context="/a" binds-to="${bindsTo}" ${NS}>\n  <resource methods="GET"><inSequence><respond/></inSequence></resource>\n</api>\n`;

  it('naming http endpoints of the project, or default, validates clean', () => {
    const p = projectOf({
      'artifacts/inbound-endpoints/In.xml': inbound('http', { 'inbound.http.port': '8285' }),
      'artifacts/apis/A.xml': api('In, default'),
    });
    expect(validateProject(p)).toEqual([]);
  });

  it('naming something else is API_BINDS_TO_UNKNOWN on the API', () => {
    const p = projectOf({
      'artifacts/inbound-endpoints/Ws.xml': inbound('ws', { 'inbound.ws.port': '9092' }, 'Ws'),
      'artifacts/apis/A.xml': api('Ws,Nope'),
    });
    expect(validateProject(p).map((d) => [d.severity, d.code, d.artifact, d.line, d.column])).toEqual([
      ['warning', 'API_BINDS_TO_UNKNOWN', 'A', 1, 1],
      ['warning', 'API_BINDS_TO_UNKNOWN', 'A', 1, 1],
    ]);
  });
});

describe('dispatchFilterPattern (HTTPEndpointManager.compilePattern: COMMENTS | DOTALL, Matcher.matches)', () => {
  it('matches a whole URI only', () => {
    const re = dispatchFilterPattern('/api/.*');
    expect(re.test('/api/x?y=1')).toBe(true);
    expect(re.test('/other/api/x')).toBe(false);
  });

  it('ignores blanks and # comments outside character classes, and . matches a newline', () => {
    const re = dispatchFilterPattern('/a [ ]b .*  # comment');
    expect(re.test('/a b\nc')).toBe(true);
    expect(re.test('/a  b')).toBe(false);
  });
});
