/**
 * Test support shipped with the engine (`@mediate/engine/testing`), the one harness every suite
 * and the bench use: free ports and polling, an independent hand-written WebSocket client/server
 * for interop tests, a throwaway TLS key pair, temporary folders, `deployment.toml` for a test
 * runtime, and zipping a fixture folder. The sample back end is product code:
 * `@mediate/engine/sample-backend`.
 */
export { freePort, isPortFree } from './ports.js';
export { until } from './until.js';
export { acceptKey, decodeFrame, encodeFrame, Opcode, RawPeer, type RawFrame } from './raw-websocket.js';
export {
  rawConnect,
  readHttpHead,
  startRawServer,
  type HttpHead,
  type RawClientHandshake,
  type RawServerRequest,
} from './raw-handshake.js';
export { makeTlsFiles, TEST_TLS_PAIR, type TlsFiles } from './tls-files.js';
export { Cleanup, removeTemp, tempDir, type CleanupRegistry } from './temp-dir.js';
export { sequenceXml, tomlFor } from './project-files.js';
export { filesUnder, zipFolder, type ZipWriter } from './zip-folder.js';
export { wsOpens } from './ws-opens.js';
