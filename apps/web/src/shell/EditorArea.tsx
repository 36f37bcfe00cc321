/**
 * The editor in the middle: the open artifact in Design (its form and canvas), Source (Monaco) or
 * Split view.
 */
import { type Artifact, artifactDefinition, artifactKey, CONFIG_KEY } from '@mediate/engine';
import { Canvas } from '../canvas/Canvas.js';
import { ArtifactForm } from '../inspector/ArtifactForm.js';
import { openArtifact } from '../state/selectors.js';
import { studio, useStudio } from '../state/store.js';
import type { ViewMode } from '../state/studio-types.js';
import { SourceView } from '../source/SourceView.js';
import { ConfigEditor } from './ConfigEditor.js';

/** People's name for an artifact's type (its definition's label). */
const typeName = (a: Artifact) =>
  a.type === 'unsupported' ? 'Unsupported' : artifactDefinition(a.type).label;

function Design({ artifact }: { artifact: Artifact }) {
  const hasCanvas = artifact.type === 'sequence' || artifact.lists.length > 0;
  return (
    <div className={`design${hasCanvas ? '' : ' form-only'}`}>
      <ArtifactForm artifact={artifact} />
      {hasCanvas ? (
        <Canvas artifact={artifact} />
      ) : (
        artifact.type === 'proxy' && (
          <p className="empty-note">This proxy has no inline sequences; it uses the sequences named above.</p>
        )
      )}
    </div>
  );
}

export function EditorArea() {
  const artifact = useStudio(openArtifact);
  const view = useStudio((s) => s.view);
  const hasDraft = useStudio((s) => !!(s.openKey && s.drafts[s.openKey]));
  const configOpen = useStudio((s) => s.openKey === CONFIG_KEY);
  if (configOpen) return <ConfigEditor />;
  if (!artifact)
    return (
      <main className="editor empty-note" data-testid="editor-empty">
        <div>
          <h2>Nothing open</h2>
          <p>Pick an artifact in the explorer, or create one with +.</p>
        </div>
      </main>
    );
  const key = artifactKey(artifact);
  const views: readonly (readonly [ViewMode, string])[] = [
    ['design', 'Design'],
    ['source', 'Source'],
    ['split', 'Split'],
  ];
  return (
    <main className="editor">
      <div className="editor-head">
        <span className="editor-title" data-testid="editor-title">
          {artifact.name || '(unnamed)'}
        </span>
        <span className="muted">{typeName(artifact)}</span>
        {hasDraft && (
          <span className="badge badge-error" title="The source does not parse">
            XML error
          </span>
        )}
        <span className="spacer" />
        <div className="segmented">
          {views.map(([id, label]) => (
            <button
              key={id}
              className={view === id ? 'on' : ''}
              data-testid={`view-${id}`}
              onClick={() => studio.getState().setView(id)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <div className={`editor-body view-${view}`}>
        {view !== 'source' && <Design artifact={artifact} />}
        {view !== 'design' && <SourceView artifactKey={key} />}
      </div>
    </main>
  );
}
