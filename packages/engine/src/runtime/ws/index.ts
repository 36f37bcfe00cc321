/**
 * WebSocket plumbing shared by the inbound endpoint and the sender: MI's non-token
 * `synapse(contentType='…')` subprotocols, negotiated on top of `ws`.
 */
export {
  formatSynapseSubprotocol,
  parseProtocolHeader,
  parseSynapseSubprotocol,
  selectSubprotocol,
  type SubprotocolPolicy,
} from './subprotocol.js';
export { handleUpgradeWithSubprotocol, type UpgradeCallback } from './server-upgrade.js';
export {
  checkSubprotocolAnswer,
  connectWebSocket,
  WebSocketConnectError,
  type ConnectedWebSocket,
  type ConnectWebSocketOptions,
  type WebSocketTlsOptions,
} from './connect.js';
