/**
 * An inline input for a new or changed artifact name, checked as the user types with the
 * engine's one name rule (also the API's and validation's).
 */
import { artifactNameProblem } from '@mediate/engine';
import { useState } from 'react';

export function NameInput({
  initial,
  taken,
  onDone,
  testId,
}: {
  initial: string;
  taken: (name: string) => boolean;
  onDone: (name: string | undefined) => void;
  testId: string;
}) {
  const [name, setName] = useState(initial);
  const problem =
    artifactNameProblem(name) ?? (name !== initial && taken(name) ? 'That name is taken.' : undefined);
  return (
    <div className="name-input">
      <input
        autoFocus
        value={name}
        data-testid={testId}
        aria-invalid={!!problem}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !problem) onDone(name);
          if (e.key === 'Escape') onDone(undefined);
        }}
        onBlur={() => onDone(undefined)}
      />
      {problem && name && <div className="field-error">{problem}</div>}
    </div>
  );
}
