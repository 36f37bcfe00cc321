/**
 * A context menu of registry actions at a point on the screen: each item shows the action's
 * label and shortcut and is disabled when the action is. It takes the focus (↑/↓ move, Enter
 * runs, Escape closes) and closes on a click elsewhere, a scroll or a resize.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { studio, useStudio } from '../state/store.js';
import type { ActionId } from './action-types.js';
import { ACTIONS, runAction, shortcutLabel } from './studio-actions.js';

/** Where a menu opens and what it offers. */
export interface MenuAt {
  readonly x: number;
  readonly y: number;
  readonly ids: readonly ActionId[];
}

function MenuItem({ id, onDone }: { id: ActionId; onDone: () => void }) {
  const action = ACTIONS[id];
  const enabled = useStudio((s) => action.enabled(s));
  const key = shortcutLabel(action);
  return (
    <button
      role="menuitem"
      className="menu-item"
      data-testid={`menu-${id}`}
      disabled={!enabled}
      onClick={() => {
        onDone();
        runAction(id, studio);
      }}
    >
      <span>{action.label}</span>
      {key && <span className="menu-key">{key}</span>}
    </button>
  );
}

export function ActionMenu({ at, onClose }: { at: MenuAt; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const away = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away, true);
    window.addEventListener('resize', onClose);
    window.addEventListener('wheel', onClose, true);
    return () => {
      window.removeEventListener('pointerdown', away, true);
      window.removeEventListener('resize', onClose);
      window.removeEventListener('wheel', onClose, true);
    };
  }, [onClose]);
  const onKeyDown = (e: KeyboardEvent) => {
    // The menu's keys are its own, not the studio's shortcuts.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
    next?.focus();
  };
  // Kept on screen near the pointer.
  const left = Math.min(at.x, window.innerWidth - 200);
  const top = Math.min(at.y, window.innerHeight - 40 * at.ids.length - 16);
  return createPortal(
    <div
      ref={ref}
      role="menu"
      className="action-menu"
      data-testid="context-menu"
      style={{ left, top }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {at.ids.map((id) => (
        <MenuItem key={id} id={id} onDone={onClose} />
      ))}
    </div>,
    document.body,
  );
}
