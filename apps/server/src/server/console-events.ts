/**
 * Prints runtime events to the console in MI's log format, one line each, in batches.
 */
import { formatEventLine, type RuntimeEvent } from '@mediate/engine';
import type { Runtime } from '@mediate/engine/runtime';

/**
 * The console is written at most once per this many milliseconds, so a busy runtime's lines go
 * out as one write per interval instead of one per message (a terminal or a pipe is slow next to
 * mediation).
 */
export const CONSOLE_BATCH_MS = 50;

/** Subscribes the console; returns the unsubscribe function. */
export function printEvents(
  runtime: Runtime,
  write: (text: string) => void = (t) => process.stdout.write(t),
): () => void {
  return runtime.events.subscribe(
    (events: readonly RuntimeEvent[]) => {
      // The bus skips TRACE and DEBUG before rendering them; the rest is one string, one write.
      let out = '';
      for (const e of events) out += `${formatEventLine(e)}\n`;
      if (out) write(out);
    },
    { noReplay: true, minLevel: 'INFO', batchMs: CONSOLE_BATCH_MS },
  );
}
