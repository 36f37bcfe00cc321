/**
 * The WebSocket inbound endpoint's parameters: every `<parameter name>` Mediate knows, with its
 * type, default, meaning and the MI class that reads it (MI 4.4's
 * `org.wso2.carbon.inbound.endpoint.protocol.websocket`: InboundWebsocketConstants names them,
 * WebsocketEndpointManager and InboundWebsocketSourceHandler read them). This list is the one
 * place they are written down: the studio's form offers the ones that are not `ignored`,
 * validation checks every one, and the runtime reads them through `wsInboundSettings`, whose
 * result has exactly these names (so it cannot read one that is not here).
 */
import { checkInboundPort, type ParameterDefinition } from './define-artifact.js';

const WEBSOCKET = 'org.wso2.carbon.inbound.endpoint.protocol.websocket';
const MANAGER = `${WEBSOCKET}.management.WebsocketEndpointManager`;
const SOURCE_HANDLER = `${WEBSOCKET}.InboundWebsocketSourceHandler`;
const MEDIATE_ONLY = 'Mediate only';
const POLLING = "MI's polling inbound endpoints, not the WebSocket listener";

/** Every WebSocket inbound parameter, in the order the form offers them. */
export const WS_INBOUND_PARAMETERS = [
  {
    name: 'inbound.ws.port',
    type: 'integer',
    required: true,
    meaning: 'The port the endpoint listens on (one listener per port).',
    readBy: MANAGER,
    check: checkInboundPort,
  },
  {
    name: 'ws.use.port.offset',
    type: 'boolean',
    default: 'false',
    meaning: "true: listen on the port plus the server's port offset ([server] offset).",
    readBy: MANAGER,
  },
  {
    name: 'ws.client.side.broadcast.level',
    type: 'integer',
    default: '0',
    meaning:
      '0: reply to the client that sent; 1: to every client on the same path; 2: as 1 without the sender.',
    readBy: SOURCE_HANDLER,
    check: (level) =>
      level !== '' && !/^[012]$/.test(level)
        ? {
            code: 'INBOUND_BROADCAST_LEVEL',
            message: `ws.client.side.broadcast.level is '${level}'; expected 0, 1 or 2.`,
          }
        : undefined,
  },
  {
    name: 'ws.outflow.dispatch.sequence',
    type: 'sequence',
    meaning: "The sequence that receives the back end's frames on this client's connections.",
    readBy: SOURCE_HANDLER,
  },
  {
    name: 'ws.outflow.dispatch.fault.sequence',
    type: 'sequence',
    meaning: 'The fault sequence of the outflow dispatch sequence.',
    readBy: SOURCE_HANDLER,
  },
  {
    name: 'ws.default.content.type',
    type: 'string',
    meaning: 'The content type of frames from clients that negotiated no subprotocol.',
    readBy: SOURCE_HANDLER,
  },
  {
    name: 'dispatch.custom.sequence',
    type: 'boolean',
    default: 'false',
    meaning: "true: run the sequence named after the client's path (/a/b → a-b) when there is one.",
    readBy: SOURCE_HANDLER,
  },
  {
    name: 'ws.shutdown.status.code',
    type: 'integer',
    default: '1001',
    meaning: 'The close code sent to clients when the endpoint stops.',
    readBy: MANAGER,
    check: (code) =>
      !/^\d+$/.test(code)
        ? {
            code: 'INBOUND_SHUTDOWN_CODE',
            message: `ws.shutdown.status.code '${code}' is not a number; 1001 is used.`,
            severity: 'warning',
          }
        : undefined,
  },
  {
    name: 'ws.shutdown.status.message',
    type: 'string',
    default: 'shutdown',
    meaning: 'The reason sent with that close frame.',
    readBy: MANAGER,
  },
  {
    name: 'ws.max.frame.size',
    type: 'integer',
    default: '65536',
    meaning:
      "The largest frame accepted, in bytes (MI has Netty's 65536, fixed); larger ones close with 1009.",
    readBy: MEDIATE_ONLY,
    check: (size) =>
      !/^\d+$/.test(size)
        ? { code: 'INBOUND_FRAME_SIZE', message: `ws.max.frame.size '${size}' must be a number of bytes.` }
        : undefined,
  },
  {
    name: 'wss.ssl.key.file',
    type: 'pemFile',
    required: true,
    protocols: ['wss'],
    meaning: "The PEM file of the listener's private key (MI reads a Java key store instead).",
    readBy: MEDIATE_ONLY,
  },
  {
    name: 'wss.ssl.cert.file',
    type: 'pemFile',
    required: true,
    protocols: ['wss'],
    meaning: "The PEM file of the listener's certificate (chain).",
    readBy: MEDIATE_ONLY,
  },
  {
    name: 'wss.ssl.cert.pass',
    type: 'string',
    protocols: ['wss'],
    meaning: 'The passphrase of an encrypted private key.',
    readBy: MANAGER,
  },
  ...(
    [
      [
        'ws.boss.thread.pool.size',
        'Netty boss threads.',
        `${WEBSOCKET}.configuration.NettyThreadPoolConfiguration`,
      ],
      [
        'ws.worker.thread.pool.size',
        'Netty worker threads.',
        `${WEBSOCKET}.configuration.NettyThreadPoolConfiguration`,
      ],
      ['ws.subprotocol.handler.class', 'Java subprotocol handlers.', MANAGER],
      ['ws.pipeline.handler.class', 'A Netty channel handler.', MANAGER],
      ['sequential', 'Ordered processing of polling inbound endpoints.', POLLING],
      ['coordination', 'Cluster coordination of polling inbound endpoints.', POLLING],
    ] as const
  ).map(([name, meaning, readBy]) => ({
    name,
    type: 'string' as const,
    ignored: true as const,
    meaning,
    readBy,
  })),
] as const satisfies readonly ParameterDefinition[];

type Definition = (typeof WS_INBOUND_PARAMETERS)[number];

/** The parameters the runtime reads (all but the ignored ones). */
type Read = Exclude<Definition, { readonly ignored: true }>;

/** A parameter's value as the runtime uses it. */
type SettingOf<D extends Read> = D['type'] extends 'integer'
  ? number
  : D['type'] extends 'boolean'
    ? boolean
    : D extends { readonly default: string }
      ? string
      : string | undefined;

/** The WebSocket inbound settings, by parameter name, defaults applied. */
export type WsInboundSettings = { readonly [D in Read as D['name']]: SettingOf<D> };

/** Names of the parameters MI reads for machinery Node has no use for. */
export const IGNORED_INBOUND_PARAMETERS: readonly string[] = WS_INBOUND_PARAMETERS.filter(
  (p) => 'ignored' in p && p.ignored,
).map((p) => p.name);

/**
 * Reads an inbound endpoint's parameter rows as typed settings, once, with the defaults of the
 * list above: the text is trimmed; an absent parameter (for integers and booleans, a blank one
 * too) takes its default; integers are `Number(text)` (NaN when absent without a default);
 * booleans are true only for `true`.
 */
export function wsInboundSettings(
  rows: readonly { readonly name: string; readonly value: string }[],
): WsInboundSettings {
  const out: Record<string, string | number | boolean | undefined> = {};
  for (const p of WS_INBOUND_PARAMETERS as readonly ParameterDefinition[]) {
    if (p.ignored) continue;
    const text = rows.find((r) => r.name === p.name)?.value.trim();
    const blank = text === undefined || (text === '' && (p.type === 'integer' || p.type === 'boolean'));
    const value = blank ? p.default : text;
    out[p.name] = p.type === 'integer' ? Number(value) : p.type === 'boolean' ? value === 'true' : value;
  }
  return out as WsInboundSettings;
}
