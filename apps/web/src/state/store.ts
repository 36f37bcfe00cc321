/**
 * The studio's one store (zustand), built from slices. `createStudioStore` makes a fresh one
 * (tests); the app uses the `studio` singleton through `useStudio`.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createLogsSlice } from './logs-slice.js';
import { createRuntimeSlice } from './runtime-slice.js';
import type { Studio, StudioInternals } from './studio-types.js';
import { createUiSlice } from './ui-slice.js';
import { createWorkspaceSlice, type StoreOptions } from './workspace-slice.js';

export type StudioStore = StoreApi<Studio & StudioInternals>;

/** A new store. */
export function createStudioStore(opts: StoreOptions = {}): StudioStore {
  return createStore<Studio & StudioInternals>()((...a) => ({
    ...createWorkspaceSlice(opts)(...a),
    ...createUiSlice(...a),
    ...createLogsSlice(...a),
    ...createRuntimeSlice(...a),
  }));
}

/** The app's store. */
export const studio: StudioStore = createStudioStore();

/** Reads the app's store in a component. */
export function useStudio<T>(selector: (s: Studio & StudioInternals) => T): T {
  return useStore(studio, selector);
}
