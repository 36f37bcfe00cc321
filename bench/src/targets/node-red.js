// @ts-check
/**
 * Starts Node-RED 4.1.15 from the npm package as its own process, with a throw-away user
 * directory, a settings file that turns off everything that could reach the network or install
 * modules, and the bench flows.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnChild } from '../util/children.js';
import { pollUntil } from '../util/http.js';
import { benchFlows } from './node-red-flows.js';

const require = createRequire(import.meta.url);
/** Node-RED's own launcher, as `npx node-red` would run it. */
const RED_JS = path.join(path.dirname(require.resolve('node-red/package.json')), 'red.js');
export const NODE_RED_VERSION = /** @type {{ version: string }} */ (require('node-red/package.json')).version;

export const WS_PATH = '/a';
export const HTTP_PATH = '/b';

/** `WS_NO_BUFFER_UTIL` is passed on so `--no-bufferutil` applies to Node-RED's `ws` as well. */
function wsEnv() {
  return process.env.WS_NO_BUFFER_UTIL ? { WS_NO_BUFFER_UTIL: process.env.WS_NO_BUFFER_UTIL } : {};
}

/**
 * @param {number} port
 * @param {string} userDir
 */
function settingsText(port, userDir) {
  const settings = {
    uiHost: '127.0.0.1',
    uiPort: port,
    userDir,
    flowFile: 'flows.json',
    credentialSecret: false,
    // No editor and no admin API: only the flows' own HTTP and WebSocket endpoints.
    httpAdminRoot: false,
    httpNodeRoot: '/',
    // "Started flows" is logged at info; that is how readiness is detected.
    logging: { console: { level: 'info', metrics: false, audit: false } },
    diagnostics: { enabled: false, ui: false },
    runtimeState: { enabled: false, ui: false },
    telemetry: { enabled: false, updateNotification: false },
    externalModules: {
      autoInstall: false,
      palette: { allowInstall: false, allowUpdate: false, allowUpload: false },
      modules: { allowInstall: false },
    },
    functionExternalModules: false,
    exportGlobalContextKeys: false,
    editorTheme: { tours: false, projects: { enabled: false } },
  };
  return `module.exports = ${JSON.stringify(settings, null, 2)};\n`;
}

/**
 * @param {{ userDir: string, port: number, backendUrl: string, timeoutMs?: number }} o
 * @returns {Promise<{ child: import('../util/children.js').Child, startMs: number }>}
 */
export async function startNodeRed(o) {
  await mkdir(o.userDir, { recursive: true });
  const settingsFile = path.join(o.userDir, 'settings.js');
  await writeFile(settingsFile, settingsText(o.port, o.userDir));
  const flows = benchFlows({ backendUrl: o.backendUrl, wsPath: WS_PATH, httpPath: HTTP_PATH });
  await writeFile(path.join(o.userDir, 'flows.json'), JSON.stringify(flows, null, 2));
  const t0 = performance.now();
  const child = spawnChild(
    'node-red',
    process.execPath,
    [RED_JS, '--settings', settingsFile, '--userDir', o.userDir],
    {
      cwd: o.userDir,
      // No proxy variables: Node-RED's WebSocket client would honour them and leave loopback.
      env: { PATH: process.env.PATH, HOME: o.userDir, NODE_ENV: 'production', ...wsEnv() },
    },
  );
  const outcome = await pollUntil(
    async () => {
      if (child.proc.exitCode !== null || child.proc.signalCode !== null) return 'exited';
      return /Started flows/.test(child.tail()) ? 'started' : undefined;
    },
    { timeoutMs: o.timeoutMs ?? 60_000, intervalMs: 50, what: 'Node-RED "Started flows"' },
  ).catch((e) => e.message);
  if (outcome !== 'started') throw new Error(`Node-RED did not start (${outcome}):\n${child.tail()}`);
  return { child, startMs: performance.now() - t0 };
}
