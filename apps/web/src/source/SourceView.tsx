/**
 * Loads the Monaco editor on first use: it is ~4 MB, and the design view does not need it.
 */
import { lazy, Suspense } from 'react';

const XmlEditor = lazy(() => import('./XmlEditor.js'));

export function SourceView({ artifactKey }: { artifactKey: string }) {
  return (
    <Suspense fallback={<div className="source-editor loading">Loading the editor…</div>}>
      <XmlEditor artifactKey={artifactKey} />
    </Suspense>
  );
}
