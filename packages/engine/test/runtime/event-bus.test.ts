/**
 * The event bus: replay on subscribe, resume with `since`, lazy rendering, payload caps, and a
 * slow subscriber that loses old events (and is told how many) without holding up emitters.
 */
import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import { EventBus } from '../../src/runtime/index.js';

const tick = () => new Promise((r) => setImmediate(r));

function emitN(bus: EventBus, n: number, from = 0): void {
  for (let i = from; i < from + n; i++)
    bus.emit({ kind: 'log', level: 'INFO', category: 'LogMediator', text: `line ${i}` });
}

describe('EventBus', () => {
  it('replays what the ring holds, then streams new events in order', async () => {
    const bus = new EventBus({ ringSize: 5 });
    emitN(bus, 8);
    const got: RuntimeEvent[] = [];
    bus.subscribe((batch) => void got.push(...batch));
    await tick();
    expect(got.map((e) => e.text)).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
    emitN(bus, 2, 8);
    await tick();
    expect(got.slice(-2).map((e) => [e.seq, e.text])).toEqual([
      [9, 'line 8'],
      [10, 'line 9'],
    ]);
  });

  it('resumes after `since`, and says how many are gone when the ring no longer holds them', async () => {
    const bus = new EventBus({ ringSize: 4 });
    emitN(bus, 10);
    const resumed: RuntimeEvent[] = [];
    bus.subscribe((b) => void resumed.push(...b), { since: 8 });
    const late: RuntimeEvent[] = [];
    bus.subscribe((b) => void late.push(...b), { since: 2 });
    await tick();
    expect(resumed.map((e) => e.seq)).toEqual([9, 10]);
    expect(late[0]).toMatchObject({ kind: 'dropped', missed: 4 });
    expect(late.slice(1).map((e) => e.seq)).toEqual([7, 8, 9, 10]);
  });

  it('renders text only when read, once', async () => {
    const bus = new EventBus();
    let renders = 0;
    bus.emit({ kind: 'log', level: 'INFO', category: 'LogMediator', text: () => `rendered ${++renders}` });
    expect(renders).toBe(0);
    expect(bus.recent()[0]!.text).toBe('rendered 1');
    expect(bus.recent()[0]!.text).toBe('rendered 1');
    expect(renders).toBe(1);
  });

  it('caps payload copies by the bus cap and by an event cap, marking them truncated', () => {
    const bus = new EventBus({ payloadCap: 10 });
    bus.emit({ kind: 'log', level: 'INFO', category: 'L', text: 'a', payload: () => 'x'.repeat(25) });
    bus.emit({
      kind: 'log',
      level: 'INFO',
      category: 'L',
      text: 'b',
      payload: () => 'y'.repeat(25),
      payloadCap: 4,
    });
    bus.emit({ kind: 'log', level: 'INFO', category: 'L', text: 'c', payload: () => 'short' });
    const [a, b, c] = bus.recent();
    expect([a!.payload, a!.payloadTruncated]).toEqual(['x'.repeat(10), true]);
    expect([b!.payload, b!.payloadTruncated]).toEqual(['yyyy', true]);
    expect([c!.payload, c!.payloadTruncated]).toEqual(['short', undefined]);
  });

  it('drops the oldest events of a slow subscriber and tells it how many, without blocking emit', async () => {
    const bus = new EventBus();
    let release!: () => void;
    const batches: RuntimeEvent[][] = [];
    bus.subscribe(
      (batch) => {
        batches.push([...batch]);
        if (batches.length === 1) return new Promise<void>((r) => (release = r));
        return undefined;
      },
      { noReplay: true, maxQueue: 3 },
    );
    emitN(bus, 1);
    await tick(); // first batch delivered; the subscriber is now busy
    emitN(bus, 10, 1); // emit never waits on it
    release();
    await tick();
    await tick();
    expect(batches[0]!.map((e) => e.text)).toEqual(['line 0']);
    expect(batches[1]![0]).toMatchObject({ kind: 'dropped', missed: 7 });
    expect(batches[1]!.slice(1).map((e) => e.text)).toEqual(['line 8', 'line 9', 'line 10']);
  });
});
