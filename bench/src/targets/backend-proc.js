// @ts-check
/**
 * The sample back end in its own process (so its CPU never counts against a target), counting
 * every data frame it receives so Scenario B can check that each accepted request arrived.
 *
 * Runs `startSampleBackend` from @mediate/engine/testing in its default `dummy` mode, because that
 * is the mode that accepts the `synapse(contentType='application/json')` subprotocol the seed's
 * dispatchSeq asks for (Mediate, like MI, refuses a back end that does not agree to it). Its
 * canned 29-byte reply to such connections would not be comparable with the relay's, though, so
 * the hook answers every text frame on every connection the same way: upper-cased, same size as
 * the request (the upstream Netty example's behaviour, and what performance.md measured).
 */
import { startSampleBackend } from '@mediate/engine/sample-backend';
import { ready, serve } from '../util/ipc.js';

let frames = 0;
let bytes = 0;

const backend = await startSampleBackend({
  port: 0,
  host: '127.0.0.1',
  mode: 'dummy',
  receivedLimit: 0, // recording decodes every frame to a string: a cost the benchmark must not add
  onMessage: (data, isBinary) => {
    frames++;
    bytes += data.length;
    return isBinary ? undefined : data.toString().toUpperCase();
  },
});

serve({
  count: () => ({
    frames,
    bytes,
    connections: backend.connections(),
    totalConnections: backend.totalConnections(),
  }),
});
ready({ port: backend.port, url: backend.url });
