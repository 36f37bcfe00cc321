/**
 * Filtering the log stream without rescanning it: the index of matching events grows as events
 * arrive and is rebuilt only when the filter changes or old events were dropped.
 *
 * The text filter matches the line as the Logs tab shows it (timestamp, level, category and
 * message, `formatEventLine`), or the payload its details show. Case and the width of gaps do not
 * count: the line pads the level (`]  INFO {…}`), which reads as one gap on screen.
 */
import { EVENT_LEVEL_RANK, formatEventLine, type RuntimeEvent } from '@mediate/engine';
import type { LogFilter } from '../state/studio-types.js';

const RANK = EVENT_LEVEL_RANK;

/** Text as the filter compares it: lower case, each run of white space one space. */
export function filterText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** Lines as compared, made once per event (events are immutable): a new filter rescans them all. */
const lines = new WeakMap<RuntimeEvent, string>();

function lineOf(e: RuntimeEvent): string {
  let line = lines.get(e);
  if (line === undefined) {
    line = filterText(formatEventLine(e));
    lines.set(e, line);
  }
  return line;
}

/** Whether an event passes a filter (`text`: the filter's text through `filterText`). */
export function matches(e: RuntimeEvent, f: LogFilter, text = filterText(f.text)): boolean {
  if (RANK[e.level] < RANK[f.level]) return false;
  if (f.artifact && e.artifact?.name !== f.artifact) return false;
  if (f.mediator && e.mediatorPath !== f.mediator) return false;
  if (text && !lineOf(e).includes(text) && !(e.payload ?? '').toLowerCase().includes(text)) return false;
  return true;
}

/** The positions in the event array that pass the filter, maintained incrementally. */
export class FilteredIndex {
  private epoch = -1;
  private key = '';
  private scanned = 0;
  readonly indices: number[] = [];

  /** Brings the index up to date; returns how many events match. */
  update(events: readonly RuntimeEvent[], epoch: number, f: LogFilter): number {
    const key = JSON.stringify(f);
    if (epoch !== this.epoch || key !== this.key || events.length < this.scanned) {
      this.epoch = epoch;
      this.key = key;
      this.scanned = 0;
      this.indices.length = 0;
    }
    const text = filterText(f.text);
    const all = !f.text && !f.artifact && !f.mediator && f.level === 'TRACE';
    for (let i = this.scanned; i < events.length; i++) {
      if (all || matches(events[i] as RuntimeEvent, f, text)) this.indices.push(i);
    }
    this.scanned = events.length;
    return this.indices.length;
  }
}
