/**
 * Asks before an edit replaces source that does not parse: the canvas, the inspector, undo or a
 * delete would otherwise drop what the user typed in the Source view. "Keep draft" drops the
 * edit instead; "Discard draft" makes it. Escape keeps the draft.
 */
import { findByKey } from '@mediate/engine';
import { useEffect, useRef } from 'react';
import { studio, useStudio } from '../state/store.js';

export function DraftPrompt() {
  const prompt = useStudio((s) => s.draftPrompt);
  const names = useStudio((s) =>
    (s.draftPrompt?.keys ?? []).map((k) => findByKey(s.project.artifacts, k)?.name || k).join(', '),
  );
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!prompt) return;
    keep.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      studio.getState().resolveDraftPrompt(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [prompt]);
  if (!prompt) return null;
  const several = prompt.keys.length > 1;
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="draft-prompt-title"
        data-testid="draft-confirm"
      >
        <h2 id="draft-prompt-title">Unparsed source in {names}</h2>
        <p>
          The Source view of {names} holds text that does not parse yet. “{prompt.label}” changes{' '}
          {several ? 'these artifacts' : 'this artifact'} and would replace that text with the edited model.
        </p>
        <div className="modal-actions">
          <button
            ref={keep}
            data-testid="draft-keep"
            onClick={() => studio.getState().resolveDraftPrompt(false)}
          >
            Keep draft
          </button>
          <button
            className="primary"
            data-testid="draft-discard"
            onClick={() => studio.getState().resolveDraftPrompt(true)}
          >
            Discard draft and apply
          </button>
        </div>
      </div>
    </div>
  );
}
