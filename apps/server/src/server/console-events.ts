/**
 * Prints runtime events to the console in MI's log format, one line each, in batches.
 */
import { formatEventLine, type RuntimeEvent } from '@mediate/engine';
import type { Runtime } from '@mediate/engine/runtime';

const QUIET = new Set(['TRACE', 'DEBUG']);

/** Subscribes the console; returns the unsubscribe function. */
export function printEvents(
  runtime: Runtime,
  write: (text: string) => void = (t) => process.stdout.write(t),
): () => void {
  return runtime.events.subscribe(
    (events: readonly RuntimeEvent[]) => {
      let out = '';
      for (const e of events) if (!QUIET.has(e.level)) out += `${formatEventLine(e)}\n`;
      if (out) write(out);
    },
    { noReplay: true },
  );
}
