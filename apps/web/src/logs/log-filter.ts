/**
 * Filtering the log stream without rescanning it: the index of matching events grows as events
 * arrive and is rebuilt only when the filter changes or old events were dropped.
 */
import { EVENT_LEVEL_RANK, type RuntimeEvent } from '@mediate/engine';
import type { LogFilter } from '../state/studio-types.js';

const RANK = EVENT_LEVEL_RANK;

/** Whether an event passes a filter. */
export function matches(e: RuntimeEvent, f: LogFilter, text = f.text.toLowerCase()): boolean {
  if (RANK[e.level] < RANK[f.level]) return false;
  if (f.artifact && e.artifact?.name !== f.artifact) return false;
  if (f.mediator && e.mediatorPath !== f.mediator) return false;
  if (text && !e.text.toLowerCase().includes(text) && !(e.payload ?? '').toLowerCase().includes(text))
    return false;
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
    const text = f.text.toLowerCase();
    const all = !f.text && !f.artifact && !f.mediator && f.level === 'TRACE';
    for (let i = this.scanned; i < events.length; i++) {
      if (all || matches(events[i] as RuntimeEvent, f, text)) this.indices.push(i);
    }
    this.scanned = events.length;
    return this.indices.length;
  }
}
