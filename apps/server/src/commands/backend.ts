/**
 * `mediate backend`: the sample WebSocket back end of the example project (what the MI docs'
 * Netty example server does), until interrupted.
 */
import { startSampleBackend } from '@mediate/engine/sample-backend';

export interface BackendOptions {
  readonly port: number;
  readonly host: string;
  readonly uppercase: boolean;
}

/** Starts the back end and prints where; returns a function that stops it. */
export async function runBackend(
  options: BackendOptions,
  write: (line: string) => void,
): Promise<() => Promise<void>> {
  let backend;
  try {
    backend = await startSampleBackend({
      port: options.port,
      host: options.host,
      mode: options.uppercase ? 'uppercase' : 'dummy',
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `port ${options.port} is already in use; is a back end already running? Choose another with --port.`
        : (e as Error).message,
    );
  }
  write(
    `Sample WebSocket back end (${options.uppercase ? 'upper-cases text' : "echoes text; answers synapse(contentType='application/json'|'application/xml') with a dummy reply"}) at ${backend.url}`,
  );
  return () => backend.close();
}
