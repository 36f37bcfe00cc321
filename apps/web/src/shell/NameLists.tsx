/**
 * Datalists of the project's artifact names by type, for the reference inputs
 * (`sequence-names`, `endpoint-names`, `local-entry-names`, `template-names`,
 * `message-store-names`).
 */
import type { ArtifactType } from '@mediate/engine';
import { useStudio } from '../state/store.js';

/** One datalist of the names of one artifact type; re-renders only when the names change. */
function NameList({ id, type }: { id: string; type: ArtifactType }) {
  const names = useStudio((s) =>
    s.project.artifacts
      .filter((a) => a.type === type)
      .map((a) => a.name)
      .join('\n'),
  );
  return (
    <datalist id={id}>
      {names
        .split('\n')
        .filter(Boolean)
        .map((n) => (
          <option key={n} value={n} />
        ))}
    </datalist>
  );
}

export function NameLists() {
  return (
    <>
      <NameList id="sequence-names" type="sequence" />
      <NameList id="endpoint-names" type="endpoint" />
      <NameList id="local-entry-names" type="localEntry" />
      <NameList id="template-names" type="template" />
      <NameList id="message-store-names" type="messageStore" />
    </>
  );
}
