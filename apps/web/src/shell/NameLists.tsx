/**
 * Datalists of the project's sequence and endpoint names, for the reference inputs.
 */
import { useStudio } from '../state/store.js';

export function NameLists() {
  const sequences = useStudio((s) =>
    s.project.artifacts
      .filter((a) => a.type === 'sequence')
      .map((a) => a.name)
      .join('\n'),
  );
  const endpoints = useStudio((s) =>
    s.project.artifacts
      .filter((a) => a.type === 'endpoint')
      .map((a) => a.name)
      .join('\n'),
  );
  return (
    <>
      <datalist id="sequence-names">
        {sequences
          .split('\n')
          .filter(Boolean)
          .map((n) => (
            <option key={n} value={n} />
          ))}
      </datalist>
      <datalist id="endpoint-names">
        {endpoints
          .split('\n')
          .filter(Boolean)
          .map((n) => (
            <option key={n} value={n} />
          ))}
      </datalist>
    </>
  );
}
