// @ts-check
/**
 * The project folders Mediate runs in the bench: a copy of the bundled example with its ports
 * and back-end address rewritten, and a generated 50-artifact project for the deploy timing.
 *
 * Every rewrite checks that it matched, so a change to the example shows up as a clear error here
 * instead of as a benchmark that silently measures something else.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SEED_PROJECT = path.join(REPO_ROOT, 'examples/websocket-seed');

const OFFSET = 10;

/**
 * Replaces `pattern` in a file, failing if it is not there.
 * @param {string} file
 * @param {RegExp} pattern
 * @param {string} replacement
 */
async function rewrite(file, pattern, replacement) {
  const text = await readFile(file, 'utf8');
  if (!pattern.test(text))
    throw new Error(`${path.basename(file)}: expected to find ${pattern} in the example`);
  await writeFile(file, text.replace(pattern, replacement));
}

/**
 * Makes the `[transport.http]` listener use `httpPort` while keeping the example's offset: the
 * base port is set to `httpPort - offset`, so MI's offset arithmetic still applies.
 * @param {string} tomlFile
 * @param {number} httpPort
 */
async function setHttpPort(tomlFile, httpPort) {
  const text = await readFile(tomlFile, 'utf8');
  if (!/^offset\s*=\s*10\s*$/m.test(text))
    throw new Error('deployment.toml: expected `offset = 10` under [server]');
  if (/^\[transport\.http\]/m.test(text))
    throw new Error('deployment.toml: already has [transport.http]; update the bench');
  await writeFile(tomlFile, `${text.trimEnd()}\n\n[transport.http]\nlistener.port = ${httpPort - OFFSET}\n`);
}

/**
 * Copies the example project and points it at free ports and the bench's back end.
 * @param {string} dir destination (created)
 * @param {{ inboundPort: number, httpPort: number, backendUrl: string, log: 'none' | 'simple' | 'full' }} o
 *   `log`: what `outDispatchSeq` logs per back-end reply. The example logs `full`; Scenario A
 *   compares against relays that log nothing, so it uses `none`, and the logging variant `simple`.
 */
export async function prepareSeedProject(dir, o) {
  if (o.httpPort - OFFSET < 1) throw new Error(`HTTP port ${o.httpPort} is below the offset`);
  await mkdir(path.dirname(dir), { recursive: true });
  await cp(SEED_PROJECT, dir, { recursive: true });
  const art = path.join(dir, 'artifacts');
  await rewrite(
    path.join(art, 'inbound-endpoints/WebSocketInbound.xml'),
    /(<parameter name="inbound\.ws\.port">)\d+(<\/parameter>)/,
    `$1${o.inboundPort}$2`,
  );
  // Scenario A runs inboundDispatchSeq (the inbound endpoint's), Scenario B dispatchSeq (the proxy's).
  for (const sequence of ['inboundDispatchSeq', 'dispatchSeq'])
    await rewrite(
      path.join(art, `sequences/${sequence}.xml`),
      /ws:\/\/localhost:8082\/websocket/,
      o.backendUrl,
    );
  await rewrite(
    path.join(art, 'sequences/outDispatchSeq.xml'),
    /[ \t]*<log level="full"\/>\r?\n/,
    o.log === 'none' ? '' : `   <log level="${o.log}"/>\n`,
  );
  await setHttpPort(path.join(dir, 'deployment.toml'), o.httpPort);
}

/** The HTTP proxy's URL for Scenario B (`websocketProxy1`). */
export const PROXY_PATH = '/services/websocketProxy1';

/**
 * Writes a 50-artifact project: 25 sequences, 10 endpoints, 8 proxies, 4 APIs, 2 local entries
 * and 1 WebSocket inbound endpoint, with the mediators a real project uses (property, variable,
 * filter with XPath and JSONPath, log with expressions, send to named endpoints).
 * @param {string} dir
 * @param {{ inboundPort: number, httpPort: number, backendUrl: string }} o
 * @returns {Promise<{ count: number, files: string[], sequenceFile: (i: number) => string }>}
 */
export async function generateProject50(dir, o) {
  const ns = 'xmlns="http://ws.apache.org/ns/synapse"';
  /** @type {[string, string][]} */
  const files = [];
  const seq = (/** @type {number} */ i) => `benchSeq${String(i).padStart(2, '0')}`;
  const ep = (/** @type {number} */ i) => `benchEp${String(i).padStart(2, '0')}`;
  for (let i = 0; i < 25; i++) {
    const next = i < 24 && i % 5 !== 4 ? `\n            <sequence key="${seq(i + 1)}"/>` : '';
    files.push([
      `sequences/${seq(i)}.xml`,
      `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="${seq(i)}" ${ns}>
    <property name="step" value="${i}"/>
    <property name="OUT_ONLY" value="true"/>
    <variable name="orderId" expression="\${payload.order.id}" type="STRING"/>
    <filter source="json-eval($.order.status)" regex="open">
        <then>
            <log level="custom">
                <property name="order" expression="json-eval($.order.id)"/>
                <property name="to" expression="get-property('To')"/>
            </log>${next}
        </then>
        <else>
            <filter xpath="//status = 'closed'">
                <then>
                    <drop/>
                </then>
                <else>
                    <send>
                        <endpoint key="${ep(i % 10)}"/>
                    </send>
                </else>
            </filter>
        </else>
    </filter>
</sequence>
`,
    ]);
  }
  for (let i = 0; i < 10; i++)
    files.push([
      `endpoints/${ep(i)}.xml`,
      `<endpoint name="${ep(i)}" ${ns}>\n    <address uri="${o.backendUrl}"/>\n</endpoint>\n`,
    ]);
  for (let i = 0; i < 8; i++)
    files.push([
      `proxy-services/benchProxy${i}.xml`,
      `<proxy name="benchProxy${i}" transports="http" startOnLoad="true" ${ns}>\n    <target inSequence="${seq(i * 3)}" faultSequence="${seq(i * 3 + 1)}"/>\n</proxy>\n`,
    ]);
  for (let i = 0; i < 4; i++)
    files.push([
      `apis/benchApi${i}.xml`,
      `<api name="benchApi${i}" context="/bench${i}" ${ns}>
    <resource methods="POST" uri-template="/orders/{id}">
        <inSequence>
            <property name="id" expression="get-property('uri.var.id')"/>
            <sequence key="${seq(i + 20)}"/>
            <respond/>
        </inSequence>
    </resource>
    <resource methods="GET" url-mapping="/status/*" inSequence="${seq(i + 10)}"/>
</api>
`,
    ]);
  for (let i = 0; i < 2; i++)
    files.push([
      `local-entries/benchEntry${i}.xml`,
      `<localEntry key="benchEntry${i}" ${ns}><![CDATA[entry ${i}]]></localEntry>\n`,
    ]);
  files.push([
    'inbound-endpoints/benchInbound.xml',
    `<inboundEndpoint name="benchInbound" protocol="ws" sequence="${seq(0)}" onError="${seq(1)}" suspend="false" ${ns}>
    <parameters>
        <parameter name="inbound.ws.port">${o.inboundPort}</parameter>
    </parameters>
</inboundEndpoint>
`,
  ]);
  const written = [];
  for (const [rel, text] of files) {
    const file = path.join(dir, 'artifacts', rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    written.push(file);
  }
  await writeFile(
    path.join(dir, 'deployment.toml'),
    `[server]\noffset = ${OFFSET}\n\n[transport.http]\nlistener.port = ${o.httpPort - OFFSET}\n`,
  );
  return {
    count: files.length,
    files: written,
    sequenceFile: (i) => path.join(dir, 'artifacts/sequences', `${seq(i)}.xml`),
  };
}
