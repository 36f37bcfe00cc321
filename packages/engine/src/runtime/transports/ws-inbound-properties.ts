/**
 * The properties MI's WebSocket inbound endpoint sets on every message of a client
 * (InboundWebsocketSourceHandler.getSynapseMessageContext and injectForMediation, MI 4.4): the
 * client's path as requested, its channel's identifier and id, the endpoint's name, the outflow
 * sequences it names, and IS_INBOUND. They are fixed for the life of a connection, so they are
 * computed once per client and read on demand, never written into each frame's context.
 */
import { randomInt } from 'node:crypto';

/** What the properties are made of, known when the client connects. */
export interface InboundClientFacts {
  /** The request URI as the client sent it, query included (`/chat?u=a`). */
  readonly requestUri: string;
  readonly endpointName: string;
  readonly local: { readonly address?: string; readonly port?: number };
  readonly remote: { readonly address?: string; readonly port?: number };
  /** The names of the inbound's `ws.outflow.dispatch.sequence` and `.fault.sequence`, if given. */
  readonly outflowSequence?: string;
  readonly outflowFaultSequence?: string;
}

/** A client's properties by scope, as MI sets them. */
export interface InboundClientProperties {
  readonly default: ReadonlyMap<string, unknown>;
  readonly axis2: ReadonlyMap<string, unknown>;
}

/** Netty's `channel.toString()` for an accepted channel: `[id: 0x…, L:/host:port - R:/host:port]`. */
function channelIdentifier(id: number, f: InboundClientFacts): string {
  const at = (a: InboundClientFacts['local']) => `/${a.address ?? '?'}:${a.port ?? '?'}`;
  return `[id: 0x${id.toString(16).padStart(8, '0')}, L:${at(f.local)} - R:${at(f.remote)}]`;
}

/** Builds a client's properties once, at connect. */
export function inboundClientProperties(f: InboundClientFacts): InboundClientProperties {
  // MI uses the Netty channel's hash code as `clientId`: an int that says which connection.
  const id = randomInt(0, 2 ** 31 - 1);
  const identifier = channelIdentifier(id, f);
  const both: [string, unknown][] = [
    ['IS_INBOUND', true],
    ['websocket.source.channel.identifier', identifier],
  ];
  if (f.outflowSequence !== undefined) both.push(['ws.outflow.dispatch.sequence', f.outflowSequence]);
  if (f.outflowFaultSequence !== undefined)
    both.push(['ws.outflow.dispatch.fault.sequence', f.outflowFaultSequence]);
  return {
    default: new Map([
      ...both,
      ['websocket.subscriber.path', f.requestUri],
      ['inbound.endpoint.name', f.endpointName],
      // ApiConstants.API_CALLER: who injected the message.
      ['API_CALLER', f.endpointName],
    ]),
    axis2: new Map([...both, ['clientId', id]]),
  };
}

/**
 * The broadcast group of a client: its path without the query (MI's WebsocketSubscriberPathManager
 * keys clients by `subscriberPath.getPath()`, so `/chat?u=a` and `/chat?u=b` are one group).
 */
export function broadcastGroup(requestUri: string): string {
  const q = requestUri.search(/[?#]/);
  return q === -1 ? requestUri : requestUri.slice(0, q);
}
