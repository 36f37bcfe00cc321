// @ts-check
/**
 * Request/response over a child's IPC channel, used to drive the load generators and the back
 * end step by step (open, start, mark, stop) so the bench decides when each cell's measured
 * window begins and ends, and reads the target's /proc counters at those same moments.
 */

let nextId = 1;

/**
 * Sends `message` to a child and resolves with its reply.
 * @param {import('node:child_process').ChildProcess} proc
 * @param {Record<string, unknown>} message must have a `cmd`
 * @param {number} [timeoutMs]
 * @returns {Promise<any>}
 */
export function request(proc, message, timeoutMs = 60_000) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (/** @type {any} */ reply) => {
      if (reply?.id !== id) return;
      done();
      if (reply.error) reject(new Error(`${String(message.cmd)}: ${reply.error}`));
      else resolve(reply.result);
    };
    const onExit = () => {
      done();
      reject(new Error(`${String(message.cmd)}: the process exited`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${String(message.cmd)}: no reply within ${timeoutMs} ms`));
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      proc.off('message', onMessage);
      proc.off('exit', onExit);
    }
    proc.on('message', onMessage);
    proc.once('exit', onExit);
    proc.send({ ...message, id });
  });
}

/**
 * Child side: answers requests with the handler named by `cmd`, and exits when the bench goes
 * away (its IPC channel closes), so no child outlives the bench.
 * @param {Record<string, (msg: any) => unknown>} handlers
 */
export function serve(handlers) {
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (/** @type {any} */ msg) => {
    const handler = handlers[msg?.cmd];
    try {
      if (!handler) throw new Error(`unknown command ${msg?.cmd}`);
      const result = await handler(msg);
      process.send?.({ id: msg.id, result });
    } catch (e) {
      process.send?.({ id: msg.id, error: /** @type {Error} */ (e).message ?? String(e) });
    }
  });
}

/**
 * Child side: tells the bench the child is ready (e.g. with the port it listens on).
 * @param {Record<string, unknown>} info
 */
export function ready(info) {
  process.send?.({ ready: true, ...info });
}

/**
 * Waits for a child's `ready` message.
 * @param {import('./children.js').Child} child
 * @param {number} [timeoutMs]
 * @returns {Promise<any>}
 */
export function waitReady(child, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const onMessage = (/** @type {any} */ m) => {
      if (!m?.ready) return;
      cleanup();
      resolve(m);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${child.name} not ready within ${timeoutMs} ms:\n${child.tail()}`));
    }, timeoutMs);
    const onExit = () => {
      cleanup();
      reject(new Error(`${child.name} exited before it was ready:\n${child.tail()}`));
    };
    function cleanup() {
      clearTimeout(timer);
      child.proc.off('message', onMessage);
      child.proc.off('exit', onExit);
    }
    child.proc.on('message', onMessage);
    child.proc.once('exit', onExit);
  });
}
