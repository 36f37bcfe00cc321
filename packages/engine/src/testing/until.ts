/** Polling for tests and the bench: wait for a condition on real sockets and processes. */

/**
 * Calls `check` (sync or async) until it returns a value other than `undefined` or `false`, and
 * resolves with that value; a `check` that throws is retried. After `timeoutMs` it rejects with
 * "timed out waiting for <what>" and the last error, if any.
 */
export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 5000,
  what = 'condition',
  intervalMs = 20,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
