/**
 * The event bus: replay on subscribe, resume with `since`, lazy rendering, payload caps, and a
 * slow subscriber that loses old events (and is told how many) without holding up emitters, JSON
 * batches serialized once, and a ring that holds rendered text, not what it was rendered from.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import { EventBus } from '../../src/runtime/index.js';

// A collector the test can run, to see what the ring keeps alive.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

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

  it('drops exactly the overflow of a subscriber that stays slow for many times its queue', async () => {
    const bus = new EventBus();
    let release!: () => void;
    const batches: RuntimeEvent[][] = [];
    bus.subscribe(
      (batch) => {
        batches.push([...batch]);
        if (batches.length === 1) return new Promise<void>((r) => (release = r));
        return undefined;
      },
      { noReplay: true, maxQueue: 100 },
    );
    emitN(bus, 1);
    await tick();
    emitN(bus, 1000, 1); // ten queues' worth while busy: the queue compacts as it goes
    release();
    await tick();
    await tick();
    expect(batches[1]![0]).toMatchObject({ kind: 'dropped', missed: 900 });
    expect(batches[1]!.slice(1).map((e) => e.text)).toEqual(
      Array.from({ length: 100 }, (_, i) => `line ${901 + i}`),
    );
  });

  it('hands a long queue over in batches of at most 256 over several turns, in order, none lost', async () => {
    const bus = new EventBus({ ringSize: 10 });
    const sizes: number[] = [];
    const texts: string[] = [];
    bus.subscribe(
      (batch) => {
        sizes.push(batch.length);
        texts.push(...batch.map((e) => e.text));
      },
      { noReplay: true },
    );
    emitN(bus, 1000);
    await tick();
    expect(sizes).toEqual([256]);
    for (let i = 0; i < 5; i++) await tick();
    expect(sizes).toEqual([256, 256, 256, 232]);
    expect(texts).toEqual(Array.from({ length: 1000 }, (_, i) => `line ${i}`));
  });

  it('passes a JSON subscriber the batch as one JSON array, each event serialized once', async () => {
    const bus = new EventBus();
    const texts: string[] = [];
    const events: RuntimeEvent[][] = [];
    bus.subscribe(
      (batch, json) => {
        events.push([...batch]);
        texts.push(json ?? 'none');
      },
      { noReplay: true, json: true },
    );
    let renders = 0;
    bus.emit({
      kind: 'log',
      level: 'WARN',
      category: 'LogMediator',
      text: () => `quote " and ${++renders}`,
      artifact: { type: 'sequence', name: 's' },
      mediatorPath: 's:0',
      properties: { a: '1' },
      payload: () => '{"x":1}',
    });
    emitN(bus, 1);
    await tick();
    expect(JSON.parse(texts[0]!)).toEqual(events[0]);
    expect(events[0]![0]).toMatchObject({
      text: 'quote " and 1',
      artifact: { type: 'sequence', name: 's' },
      properties: { a: '1' },
      payload: '{"x":1}',
    });
    // Another subscriber joining later replays the same rendering (no second render).
    const replayed: string[] = [];
    bus.subscribe((_b, json) => void replayed.push(json ?? ''), { json: true });
    await tick();
    expect(JSON.parse(replayed[0]!)).toEqual(events[0]);
    expect(renders).toBe(1);
  });

  it('lets go of what an event was built from once it is rendered (the ring keeps only text)', async () => {
    const bus = new EventBus();
    const ref = emitHolding(bus);
    expect(bus.recent()[0]!.text).toBe('size 1024');
    await tick();
    gc();
    expect(ref.deref()).toBeUndefined();
  });
});

/**
 * Emits an event whose text closure holds a stand-in for a message payload; returns a weak
 * reference to it (a function of its own, so no test variable keeps it alive).
 */
function emitHolding(bus: EventBus): WeakRef<object> {
  const payload = { bytes: new Uint8Array(1024) };
  bus.emit({ kind: 'log', level: 'INFO', category: 'L', text: () => `size ${payload.bytes.length}` });
  return new WeakRef(payload);
}
