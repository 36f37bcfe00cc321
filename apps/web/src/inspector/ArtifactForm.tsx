/**
 * The artifact's own fields above its canvas, from its definition: its name, one input per
 * field (referenced sequences are links that open them), buttons that add missing inline
 * sequences, an API's resources, and its parameters.
 */
import {
  artifactDefinition,
  artifactKey,
  attribute,
  fieldKey,
  fieldValue,
  nameAttribute,
  type ApiArtifact,
  type Artifact,
  type ArtifactField,
} from '@mediate/engine';
import type { ReactNode } from 'react';
import { artifactAttributeCommand, inlineSequenceCommand } from '../state/commands.js';
import { studio } from '../state/store.js';
import { DraftInput } from './DraftInput.js';
import { ParametersTable } from './ParametersTable.js';
import { SequenceLink } from './SequenceLink.js';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="form-row">
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

/** The datalist of names a field offers. */
const NAMES: Partial<Record<ArtifactField['type'], string>> = {
  sequence: 'sequence-names',
  endpoint: 'endpoint-names',
};

export function ArtifactForm({ artifact: a }: { artifact: Artifact }) {
  const key = artifactKey(a);
  const set = (at: readonly string[], attr: string) => (v: string) =>
    studio.getState().dispatch(artifactAttributeCommand(key, at, attr, v === '' ? undefined : v), 'record');
  const def = a.type === 'unsupported' ? undefined : artifactDefinition(a.type);
  const fields = def?.fields ?? [];
  const field = (f: ArtifactField) => {
    const value = fieldValue(a.doc.root, f) ?? '';
    return (
      <Row key={fieldKey(f)} label={f.label}>
        <span className="with-link">
          <DraftInput
            data-testid={`artifact-field-${fieldKey(f)}`}
            value={value}
            list={NAMES[f.type]}
            placeholder={f.default}
            spellCheck={false}
            onValue={set(f.at ?? [], f.attribute)}
          />
          {f.type === 'sequence' && <SequenceLink name={value || undefined} />}
        </span>
      </Row>
    );
  };
  const lists = def?.lists?.kind === 'inline' && def.lists.addable ? def.lists : undefined;
  const present = new Set(a.lists.map((l) => l.key));
  const nameAttr = nameAttribute(a.doc.root);
  return (
    <section className="artifact-form" data-testid="artifact-form">
      <div className="form-grid">
        <Row label={nameAttr === 'key' ? 'Key' : 'Name'}>
          <DraftInput
            data-testid="artifact-field-name"
            value={attribute(a.doc.root, nameAttr) ?? ''}
            onValue={set([], nameAttr)}
          />
        </Row>
        {fields.map(field)}
      </div>
      {a.type === 'api' && <Resources api={a} />}
      {lists && (
        <div className="inline-adds">
          {lists.elements
            .filter((k) => !present.has(k))
            .map((k) => (
              <button
                key={k}
                className="small"
                data-testid={`add-inline-${k}`}
                onClick={() =>
                  studio.getState().dispatch(inlineSequenceCommand(key, [lists.owner, k]), 'record')
                }
              >
                + Inline {k}
              </button>
            ))}
        </div>
      )}
      {(a.type === 'inboundEndpoint' || a.type === 'proxy') &&
        (def?.parameters?.known || a.parameters.length > 0) && <ParametersTable artifact={a} />}
      {fields.length === 0 && <p className="muted">Edit this artifact in the Source view.</p>}
    </section>
  );
}

/** An API's resources: methods, URI pattern and the sequences they name. */
function Resources({ api }: { api: ApiArtifact }) {
  return (
    <ul className="resources">
      {api.resources.map((r, i) => (
        <li key={i}>
          <span className="mono">{r.methods.join(' ') || 'ANY'}</span> {r.uriTemplate ?? r.urlMapping ?? '/*'}{' '}
          {[r.inSequence, r.outSequence, r.faultSequence].map((s) => (
            <SequenceLink key={s} name={s} />
          ))}
        </li>
      ))}
    </ul>
  );
}
