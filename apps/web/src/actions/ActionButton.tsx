/**
 * A button for a registry action: its label (or `children`), its tooltip with the shortcut, its
 * enabled state, and a click that runs it.
 */
import type { ReactNode } from 'react';
import { studio, useStudio } from '../state/store.js';
import type { ActionId } from './action-types.js';
import { ACTIONS, actionTitle, runAction } from './studio-actions.js';

export function ActionButton({
  id,
  testId = id,
  className,
  children,
}: {
  id: ActionId;
  testId?: string;
  className?: string;
  children?: ReactNode;
}) {
  const action = ACTIONS[id];
  const enabled = useStudio((s) => action.enabled(s));
  const title = useStudio((s) => actionTitle(action, s));
  return (
    <button
      className={className}
      data-testid={testId}
      title={title}
      disabled={!enabled}
      onClick={() => runAction(id, studio)}
    >
      {children ?? action.label}
    </button>
  );
}
