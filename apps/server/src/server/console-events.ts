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

/** Where lines go: a function, or a console that can say it is backed up (ConsoleOut). */
export type ConsoleTarget =
  | ((text: string) => void)
  | { write(text: string): void; readonly backedUp: boolean; drained(): Promise<void> };

/**
 * Subscribes the console; returns the unsubscribe function. While a {@link ConsoleTarget} is
 * backed up, lines wait in the event bus (bounded: the oldest are dropped and a line says how
 * many), so a slow terminal never slows mediation.
 */
export function printEvents(runtime: Runtime, target: ConsoleTarget): () => void {
  const write = typeof target === 'function' ? target : (text: string) => target.write(text);
  return runtime.events.subscribe(
    (events: readonly RuntimeEvent[]) => {
      // The bus skips TRACE and DEBUG before rendering them; the rest is one string, one write.
      let out = '';
      for (const e of events) out += `${formatEventLine(e)}\n`;
      if (out) write(out);
      return typeof target !== 'function' && target.backedUp ? target.drained() : undefined;
    },
    { noReplay: true, minLevel: 'INFO', batchMs: CONSOLE_BATCH_MS },
  );
}
