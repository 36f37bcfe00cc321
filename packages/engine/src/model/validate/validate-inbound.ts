/**
 * Checks of a WebSocket inbound endpoint's attributes and parameters (MI's
 * InboundWebsocketConstants and WebsocketEndpointManager rules).
 */
import type { InboundEndpointArtifact } from '../artifacts/artifact-types.js';
import type { XmlElement } from '../xml/xml-types.js';
import type { ArtifactEmit } from './artifact-emit.js';

/** Protocols the runtime serves. */
export const INBOUND_PROTOCOLS = ['ws', 'wss'] as const;

/** Parameters MI reads that mean nothing on Node; accepted and ignored with a warning. */
export const IGNORED_INBOUND_PARAMETERS = [
  'ws.boss.thread.pool.size',
  'ws.worker.thread.pool.size',
  'ws.subprotocol.handler.class',
  'ws.pipeline.handler.class',
  'sequential',
  'coordination',
] as const;

/** Validates one inbound endpoint artifact. */
export function validateInbound(
  a: InboundEndpointArtifact,
  emit: ArtifactEmit,
  seqRef: (name: string | undefined, what: string, el?: XmlElement) => void,
): void {
  if (a.className !== undefined) {
    emit(
      'error',
      'INBOUND_CLASS_UNSUPPORTED',
      `Custom inbound class '${a.className}' cannot run in Mediate; use protocol="ws" or "wss".`,
    );
  } else if (a.protocol === undefined) {
    emit('error', 'REQUIRED_FIELD', `Inbound endpoint '${a.name}' needs a protocol.`, undefined, 'protocol');
  } else if (!(INBOUND_PROTOCOLS as readonly string[]).includes(a.protocol)) {
    emit(
      'error',
      'INBOUND_PROTOCOL_UNSUPPORTED',
      `Inbound protocol '${a.protocol}' is not supported; use ws or wss.`,
      undefined,
      'protocol',
    );
  }
  if (a.sequence === undefined)
    emit('error', 'REQUIRED_FIELD', `Inbound endpoint '${a.name}' needs a sequence.`, undefined, 'sequence');
  seqRef(a.sequence, 'sequence');
  seqRef(a.onError, 'onError');
  const param = (n: string) => a.parameters.find((p) => p.name === n)?.value.trim();
  const port = param('inbound.ws.port');
  if (port === undefined || port === '') {
    emit(
      'error',
      'REQUIRED_FIELD',
      `Inbound endpoint '${a.name}' needs the parameter inbound.ws.port.`,
      undefined,
      'inbound.ws.port',
    );
  } else if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    emit(
      'error',
      'INBOUND_PORT',
      `Validation failed for the port parameter ${port}: use a number from 1 to 65535.`,
      undefined,
      'inbound.ws.port',
    );
  }
  const level = param('ws.client.side.broadcast.level');
  if (level !== undefined && level !== '' && !/^[012]$/.test(level)) {
    emit(
      'error',
      'INBOUND_BROADCAST_LEVEL',
      `ws.client.side.broadcast.level is '${level}'; expected 0, 1 or 2.`,
      undefined,
      'ws.client.side.broadcast.level',
    );
  }
  const code = param('ws.shutdown.status.code');
  if (code !== undefined && !/^\d+$/.test(code)) {
    emit(
      'warning',
      'INBOUND_SHUTDOWN_CODE',
      `ws.shutdown.status.code '${code}' is not a number; 1001 is used.`,
      undefined,
      'ws.shutdown.status.code',
    );
  }
  const maxFrame = param('ws.max.frame.size');
  if (maxFrame !== undefined && !/^\d+$/.test(maxFrame)) {
    emit(
      'error',
      'INBOUND_FRAME_SIZE',
      `ws.max.frame.size '${maxFrame}' must be a number of bytes.`,
      undefined,
      'ws.max.frame.size',
    );
  }
  seqRef(param('ws.outflow.dispatch.sequence'), 'ws.outflow.dispatch.sequence');
  seqRef(param('ws.outflow.dispatch.fault.sequence'), 'ws.outflow.dispatch.fault.sequence');
  for (const p of a.parameters) {
    if ((IGNORED_INBOUND_PARAMETERS as readonly string[]).includes(p.name)) {
      emit(
        'warning',
        'INBOUND_PARAMETER_IGNORED',
        `Parameter ${p.name} has no meaning on Node and is ignored.`,
        undefined,
        p.name,
      );
    }
  }
  if (a.protocol === 'wss') {
    // Node reads PEM files, not Java keystores: Mediate's own two parameters name them.
    for (const need of ['wss.ssl.key.file', 'wss.ssl.cert.file']) {
      if (!param(need))
        emit(
          'error',
          'REQUIRED_FIELD',
          `A wss endpoint needs the parameter ${need} (a PEM file).`,
          undefined,
          need,
        );
    }
  }
}
