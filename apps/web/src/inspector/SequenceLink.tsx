/**
 * A link that opens a referenced sequence, or a word on why it cannot.
 */
import { artifactsOf, artifactKey } from '@mediate/engine';
import { studio, useStudio } from '../state/store.js';

/** A link that opens a sequence by name, or a note that it is missing. */
export function SequenceLink({ name }: { name: string | undefined }) {
  const project = useStudio((s) => s.project);
  if (!name) return null;
  const seq = artifactsOf(project, 'sequence').find((a) => a.name === name);
  if (!seq)
    return (
      <span className="muted small-text">
        {['fault', 'main'].includes(name) ? 'built in' : 'not in project'}
      </span>
    );
  return (
    <button
      className="link"
      data-testid={`open-sequence-${name}`}
      onClick={() => studio.getState().open(artifactKey(seq))}
    >
      Open {name} →
    </button>
  );
}
