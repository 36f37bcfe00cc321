/**
 * Test helpers shipped with the engine (`@mediate/engine/testing`): a Netty-like sample WebSocket
 * back end, an independent hand-written WebSocket client/server for interop tests, and a
 * throwaway TLS key pair.
 */
export {
  startSampleBackend,
  type SampleBackend,
  type SampleBackendHook,
  type SampleBackendOptions,
} from './sample-backend.js';
export { acceptKey, decodeFrame, encodeFrame, Opcode, RawPeer, type RawFrame } from './raw-websocket.js';
export {
  rawConnect,
  readHttpHead,
  startRawServer,
  type HttpHead,
  type RawClientHandshake,
  type RawServerRequest,
} from './raw-handshake.js';
export { makeTlsFiles, type TlsFiles } from './tls-files.js';
