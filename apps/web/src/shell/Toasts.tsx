/**
 * Toasts: deploy results and errors, at the bottom of the editor column above the dock (so they
 * never cover the inspector). Errors stay until dismissed.
 */
import { studio, useStudio } from '../state/store.js';
import { DiskChanged } from './DiskChanged.js';

export function Toasts() {
  const toasts = useStudio((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      <DiskChanged />
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} data-testid={`toast-${t.kind}`} role="status">
          <div className="toast-title">{t.title}</div>
          {t.detail && <div className="toast-detail">{t.detail}</div>}
          <button
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => studio.getState().dismiss(t.id)}
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
