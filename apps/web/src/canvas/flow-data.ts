/**
 * What each React Flow node carries: its layout box and the live facts drawn on it.
 */
import type { CounterDto, Diagnostic } from '@mediate/engine';
import type { LayoutNode } from './layout.js';

export interface FlowData extends Record<string, unknown> {
  readonly item: LayoutNode;
  /** Key of the artifact the canvas shows. */
  readonly artifact: string;
  readonly selected: boolean;
  readonly problems: readonly Diagnostic[];
  readonly count?: CounterDto;
  /** Slots: whether their list is empty (drawn as a larger target). */
  readonly empty?: boolean;
}
