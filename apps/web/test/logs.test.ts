/** The log filter's incremental index, and Try-it's prefilled URLs. */
import { buildProject, formatEventLine, type RuntimeEvent } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import { FilteredIndex, matches } from '../src/logs/log-filter.js';
import { RowGeometry } from '../src/logs/row-geometry.js';
import type { LogFilter } from '../src/state/studio-types.js';
import { httpTargets, wsTargets } from '../src/tryit/try-targets.js';

const ev = (seq: number, over: Partial<RuntimeEvent> = {}): RuntimeEvent => ({
  seq,
  time: 0,
  kind: 'log',
  level: 'INFO',
  category: 'LogMediator',
  text: `line ${seq}`,
  artifact: { type: 'sequence', name: 'outDispatchSeq' },
  mediatorPath: 'outDispatchSeq:sequence/0',
  ...over,
});
const ALL: LogFilter = { level: 'TRACE', artifact: '', text: '' };

describe('log filters', () => {
  it('filters by level, artifact, text and mediator', () => {
    expect(matches(ev(1, { level: 'DEBUG' }), { ...ALL, level: 'INFO' })).toBe(false);
    expect(matches(ev(1), { ...ALL, artifact: 'other' })).toBe(false);
    expect(matches(ev(1, { payload: 'Hello' }), { ...ALL, text: 'hello' })).toBe(true);
    expect(matches(ev(1), { ...ALL, mediator: 'outDispatchSeq:sequence/1' })).toBe(false);
  });

  it('matches the text of the line as shown: timestamp, level, category and message', () => {
    const e = ev(1, { time: new Date(2026, 11, 5, 8, 0, 7, 42).getTime(), category: 'Deployer' });
    const line = formatEventLine(e);
    expect(line).toBe('[2026-12-05 08:00:07,042]  INFO {Deployer} - line 1');
    for (const text of ['Deployer', 'info', '2026-12-05 08:00', '] INFO {deployer} - line', line])
      expect(matches(e, { ...ALL, text }), text).toBe(true);
    expect(matches(e, { ...ALL, text: 'warn' })).toBe(false);
  });

  it('extends the index as events arrive and rebuilds it when the filter changes', () => {
    const events = Array.from({ length: 100_000 }, (_, i) =>
      ev(i, { level: i % 10 === 0 ? 'WARN' : 'INFO' }),
    );
    const idx = new FilteredIndex();
    const f: LogFilter = { ...ALL, level: 'WARN' };
    expect(idx.update(events.slice(0, 50_000), 0, f)).toBe(5_000);
    expect(idx.update(events, 0, f)).toBe(10_000);
    expect(idx.update(events, 0, ALL)).toBe(100_000);
    expect(idx.update(events.slice(10), 1, f)).toBe(9_999);
  });
});

describe('try-it targets', () => {
  const { project } = buildProject('[server]\noffset = 20\n', [
    {
      path: 'artifacts/inbound-endpoints/in.xml',
      text: '<inboundEndpoint name="in" protocol="ws" xmlns="http://ws.apache.org/ns/synapse"><parameters><parameter name="inbound.ws.port">9092</parameter></parameters></inboundEndpoint>',
    },
    {
      path: 'artifacts/inbound-endpoints/hin.xml',
      text: '<inboundEndpoint name="hin" protocol="http" xmlns="http://ws.apache.org/ns/synapse"><parameters><parameter name="inbound.http.port">8285</parameter></parameters></inboundEndpoint>',
    },
    {
      path: 'artifacts/proxy-services/p.xml',
      text: '<proxy name="p" xmlns="http://ws.apache.org/ns/synapse"><target inSequence="s"/></proxy>',
    },
    {
      path: 'artifacts/apis/a.xml',
      text: '<api name="a" context="/orders" xmlns="http://ws.apache.org/ns/synapse"><resource methods="GET" uri-template="/{id}"><inSequence/></resource></api>',
    },
  ]);
  it('prefills WebSocket URLs from inbound endpoints', () => {
    expect(wsTargets(project, 'localhost')).toEqual([{ label: 'in', url: 'ws://localhost:9092/' }]);
  });
  it('prefills HTTP URLs from proxies and APIs on the configured port, and HTTP inbound endpoints', () => {
    expect(httpTargets(project).map((t) => t.url)).toEqual([
      'http://127.0.0.1:8300/services/p',
      'http://127.0.0.1:8300/orders/1',
      'http://127.0.0.1:8285/',
    ]);
  });
});

describe('RowGeometry', () => {
  it('places fixed rows and expanded ones, and finds the row at a position', () => {
    const g = new RowGeometry(100_000, 20, new Map([[10, 100]]));
    expect(g.offsetOf(10)).toBe(200);
    expect(g.offsetOf(11)).toBe(320);
    expect(g.heightOf(10)).toBe(120);
    expect(g.total).toBe(2_000_100);
    expect(g.indexAt(250)).toBe(10);
    expect(g.indexAt(320)).toBe(11);
    expect(g.indexAt(10_000_000)).toBe(99_999);
    expect(g.range(0, 100, 2)).toEqual([0, 7]);
  });
});
