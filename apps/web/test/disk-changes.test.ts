/**
 * The "Changed on disk" notice's state: `disk.changed` events collect their files (once each),
 * events replayed from before the studio opened are ignored.
 */
import type { RuntimeEvent } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { noteDiskEvents, type DiskChanges } from '../src/state/disk-changes.js';

const event = (time: number, kind: RuntimeEvent['kind'], files?: string): RuntimeEvent => ({
  seq: time,
  time,
  kind,
  level: 'WARN',
  category: 'ProjectWatcher',
  text: `Changed on disk: ${files ?? ''}`,
  ...(files !== undefined ? { properties: { files } } : {}),
});

describe('noteDiskEvents', () => {
  it('collects the changed files of disk.changed events after the studio opened', () => {
    const store = createStore<DiskChanges>()(() => ({ files: [] }));
    noteDiskEvents(
      [
        event(5, 'disk.changed', 'artifacts/sequences/old.xml'),
        event(10, 'log'),
        event(12, 'disk.changed', 'deployment.toml,artifacts/proxy-services/Svc.xml'),
      ],
      10,
      store,
    );
    expect(store.getState().files).toEqual(['artifacts/proxy-services/Svc.xml', 'deployment.toml']);
    noteDiskEvents([event(20, 'disk.changed', 'artifacts/proxy-services/Svc.xml')], 10, store);
    expect(store.getState().files).toEqual(['artifacts/proxy-services/Svc.xml', 'deployment.toml']);
  });
});
