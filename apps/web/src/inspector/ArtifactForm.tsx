/**
 * The artifact's own fields above its canvas: a sequence's name and error handler, a proxy's
 * transports and target, an API's context and resources, an inbound endpoint's protocol,
 * sequences and parameters. Referenced sequences are links that open them.
 */
import { elementChildren, localName, type Artifact, type XmlElement } from '@mediate/engine';
import type { ReactNode } from 'react';
import { artifactKey } from '../model/artifact-keys.js';
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

export function ArtifactForm({ artifact: a }: { artifact: Artifact }) {
  const key = artifactKey(a);
  const set = (at: readonly string[], attr: string) => (v: string) =>
    studio.getState().dispatch(artifactAttributeCommand(key, at, attr, v === '' ? undefined : v), 'record');
  const attr = (name: string) => a.doc.root.attributes.find((x) => x.name === name)?.value ?? '';
  const text = (at: readonly string[], name: string, label: string, list?: string, link = false) => {
    let el: XmlElement | undefined = a.doc.root;
    for (const n of at) el = el && elementChildren(el).find((c) => localName(c.name) === n);
    const value = el?.attributes.find((x) => x.name === name)?.value ?? '';
    return (
      <Row label={label}>
        <span className="with-link">
          <DraftInput
            data-testid={`artifact-field-${[...at, name].join('.')}`}
            value={value}
            list={list}
            spellCheck={false}
            onValue={set(at, name)}
          />
          {link && <SequenceLink name={value || undefined} />}
        </span>
      </Row>
    );
  };
  const nameAttr = a.type === 'localEntry' ? 'key' : 'name';
  return (
    <section className="artifact-form" data-testid="artifact-form">
      <div className="form-grid">
        <Row label={a.type === 'localEntry' ? 'Key' : 'Name'}>
          <DraftInput data-testid="artifact-field-name" value={attr(nameAttr)} onValue={set([], nameAttr)} />
        </Row>
        {a.type === 'sequence' && text([], 'onError', 'On error', 'sequence-names', true)}
        {a.type === 'proxy' && (
          <>
            {text([], 'transports', 'Transports')}
            {text([], 'startOnLoad', 'Start on load')}
            {text(['target'], 'inSequence', 'In sequence', 'sequence-names', true)}
            {text(['target'], 'outSequence', 'Out sequence', 'sequence-names', true)}
            {text(['target'], 'faultSequence', 'Fault sequence', 'sequence-names', true)}
            {text(['target'], 'endpoint', 'Endpoint', 'endpoint-names')}
            {text([], 'statistics', 'Statistics')}
            {text([], 'trace', 'Trace')}
          </>
        )}
        {a.type === 'api' && (
          <>
            {text([], 'context', 'Context')}
            {text([], 'version', 'Version')}
          </>
        )}
        {a.type === 'inboundEndpoint' && (
          <>
            {text([], 'protocol', 'Protocol')}
            {text([], 'sequence', 'Sequence', 'sequence-names', true)}
            {text([], 'onError', 'On error', 'sequence-names', true)}
            {text([], 'suspend', 'Suspend')}
          </>
        )}
        {a.type === 'endpoint' && text(['address'], 'uri', 'Address URI')}
      </div>
      {a.type === 'api' && (
        <ul className="resources">
          {a.resources.map((r, i) => (
            <li key={i}>
              <span className="mono">{r.methods.join(' ') || 'ANY'}</span>{' '}
              {r.uriTemplate ?? r.urlMapping ?? '/*'}{' '}
              {[r.inSequence, r.outSequence, r.faultSequence].map((s) => (
                <SequenceLink key={s} name={s} />
              ))}
            </li>
          ))}
        </ul>
      )}
      {a.type === 'proxy' && (
        <div className="inline-adds">
          {(['inSequence', 'outSequence', 'faultSequence'] as const)
            .filter((k) => !a.target?.hasInline[k])
            .map((k) => (
              <button
                key={k}
                className="small"
                data-testid={`add-inline-${k}`}
                onClick={() =>
                  studio.getState().dispatch(inlineSequenceCommand(key, ['target', k]), 'record')
                }
              >
                + Inline {k}
              </button>
            ))}
        </div>
      )}
      {a.type === 'inboundEndpoint' && <ParametersTable artifact={a} />}
      {a.type === 'proxy' && a.parameters.length > 0 && <ParametersTable artifact={a} />}
      {(a.type === 'localEntry' || a.type === 'unsupported') && (
        <p className="muted">Edit this artifact in the Source view.</p>
      )}
    </section>
  );
}
