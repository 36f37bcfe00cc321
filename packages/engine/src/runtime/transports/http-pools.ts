/**
 * The keep-alive connection pools of HTTP back ends (`send`/`call` to http:// and https://),
 * one pair per runtime: made on first use, destroyed by the runtime's `stop()` so no back-end
 * socket outlives it.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** Sockets kept per back end (host and port) and scheme. */
const MAX_SOCKETS = 256;

export class HttpPools {
  private httpAgent: HttpAgent | undefined;
  private httpsAgent: HttpsAgent | undefined;

  /** The pool for http:// back ends. */
  get http(): HttpAgent {
    return (this.httpAgent ??= new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }));
  }

  /** The pool for https:// back ends. */
  get https(): HttpsAgent {
    return (this.httpsAgent ??= new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }));
  }

  /** Closes every pooled socket; a later request starts a new pool. */
  stop(): void {
    this.httpAgent?.destroy();
    this.httpsAgent?.destroy();
    this.httpAgent = undefined;
    this.httpsAgent = undefined;
  }
}
