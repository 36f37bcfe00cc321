/**
 * The default-scope names a message context answers without a property being set: what MI
 * computes from the message itself (To, MessageID, MESSAGE_FORMAT, …), the WebSocket flags, what
 * an entry point sets (proxy.name, REST_METHOD), and an inbound client's own properties.
 */
import type { ArtifactScope } from './message-scopes.js';
import type { MessageFormat } from './message-format.js';
import { builtFormat } from './message-format.js';
import { mediaType, type Payload } from './payload.js';

/** What the special names are read from (a MessageContext). */
export interface SpecialSource {
  readonly to: string | undefined;
  readonly messageId: string;
  readonly messageFormat: MessageFormat | undefined;
  readonly payload: Payload;
  readonly transportIn: string | undefined;
  readonly artifact: ArtifactScope | undefined;
  readonly frame: 'text' | 'binary' | undefined;
  readonly sourceHandshake: boolean;
  readonly connectionTerminate: boolean;
  readonly targetHandshake: boolean;
  readonly response: boolean;
  readonly firstTo: string | undefined;
  readonly client: { inboundProperty?(scope: 'default' | 'axis2', name: string): unknown } | undefined;
  axis2Properties(): ReadonlyMap<string, unknown>;
}

/** The value of a special default-scope name, or undefined when `name` is not one. */
export function specialProperty(ctx: SpecialSource, name: string): unknown {
  switch (name) {
    case 'To':
      return ctx.to ?? '';
    case 'MessageID':
      return ctx.messageId;
    // GetPropertyFunction.evaluate: isDoingPOX (= doingREST, which a GET also is, so `get`
    // never shows), else isSOAP11 ? soap11 : soap12.
    case 'MESSAGE_FORMAT':
      return ctx.messageFormat ?? builtFormat(mediaType(ctx.payload.contentType));
    case 'ContentType':
      return ctx.payload.contentType;
    case 'TRANSPORT_IN_NAME':
      return ctx.transportIn;
    // The Axis2 operation an HTTP request is dispatched to: `mediate` for proxies
    // (ProxyService.buildAxisService) and for APIs and main (SynapseDispatcher), with no namespace.
    case 'OperationName':
      return ctx.transportIn !== undefined ? 'mediate' : undefined;
    case 'OperationNamespace':
      return ctx.transportIn !== undefined ? '' : undefined;
    // SynapseConstants.PROXY_SERVICE is the key `proxy.name`, set by ProxyServiceMessageReceiver.
    case 'proxy.name':
      return ctx.artifact?.type === 'proxy' ? ctx.artifact.name : undefined;
    // Also set by ProxyServiceMessageReceiver (Booleans): a REST request's envelope is SOAP 1.1.
    case 'IsClientDoingREST':
      return ctx.artifact?.type === 'proxy' && ctx.messageFormat ? ctx.messageFormat === 'pox' : undefined;
    case 'IsClientDoingSOAP11':
      return ctx.artifact?.type === 'proxy' && ctx.messageFormat ? ctx.messageFormat !== 'soap12' : undefined;
    case 'websocket.text.frame.present':
      return ctx.frame === 'text' ? 'true' : undefined;
    case 'websocket.binary.frame.present':
      return ctx.frame === 'binary' ? 'true' : undefined;
    case 'source.handshake.present':
    case 'websocket.source.handshake.present':
      return ctx.sourceHandshake ? 'true' : undefined;
    case 'connection.terminate':
      return ctx.connectionTerminate ? 'true' : undefined;
    case 'websocket.target.handshake.present':
      return ctx.targetHandshake ? 'true' : undefined;
    case 'RESPONSE':
      return ctx.response ? 'true' : undefined;
    // What Synapse's API dispatcher sets (RESTConstants), read by the log's entry-point prefix.
    case 'REST_METHOD':
      return ctx.artifact?.type === 'api' ? ctx.axis2Properties().get('HTTP_METHOD') : undefined;
    case 'REST_FULL_REQUEST_PATH':
      return ctx.artifact?.type === 'api' ? ctx.firstTo : undefined;
    default:
      return ctx.client?.inboundProperty?.('default', name);
  }
}

/**
 * InboundWebsocketResponseSender's test of `websocket.text.frame.present` /
 * `websocket.binary.frame.present`: a value a sequence set decides (only a BOOLEAN `true`
 * counts, as MI compares with `equals(true)`); otherwise whether the message is such a frame.
 */
export function framePresent(
  ctx: {
    readonly frame: 'text' | 'binary' | undefined;
    readonly frameData: Buffer | undefined;
    defaultProperties(): ReadonlyMap<string, unknown>;
  },
  kind: 'text' | 'binary',
): boolean {
  const set = ctx.defaultProperties().get(`websocket.${kind}.frame.present`);
  return set !== undefined ? set === true : ctx.frame === kind && ctx.frameData !== undefined;
}
