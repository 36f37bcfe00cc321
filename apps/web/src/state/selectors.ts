/**
 * Values derived from the store, memoized on the project's identity (the project is immutable,
 * so identity is change).
 */
import {
  serializeArtifact,
  validateProject,
  type Artifact,
  type Diagnostic,
  type Project,
  artifactKey,
  findByKey,
  targetFile,
} from '@mediate/engine';
import type { SavedFile, Studio } from './studio-types.js';

function memo<T>(fn: (p: Project) => T): (p: Project) => T {
  let last: Project | undefined;
  let value: T;
  return (p) => {
    if (p !== last) {
      value = fn(p);
      last = p;
    }
    return value;
  };
}

const texts = new WeakMap<Artifact, string>();

/** An artifact's text, serialized once per artifact object (they are immutable). */
export function textOf(a: Artifact): string {
  let t = texts.get(a);
  if (t === undefined) {
    t = serializeArtifact(a);
    texts.set(a, t);
  }
  return t;
}

/** All diagnostics of the project (validation runs once per project state). */
export const projectDiagnostics: (p: Project) => Diagnostic[] = memo((p) => validateProject(p));

/** The artifact open in the editor. */
export function openArtifact(s: Pick<Studio, 'project' | 'openKey'>): Artifact | undefined {
  return findByKey(s.project.artifacts, s.openKey);
}

/** A file to write on save. */
export interface PendingPut {
  readonly key: string;
  /** Where it lives on the server now (undefined: new). */
  readonly from?: string;
  /** Where it goes. */
  readonly to: string;
  readonly xml: string;
  readonly rev?: string;
}

/** What a save has to do: files to write, files to delete. */
export interface PendingChanges {
  readonly puts: readonly PendingPut[];
  readonly deletes: readonly string[];
  readonly config?: string;
}

/** Compares the project with the server's copies. */
export function pendingChanges(
  project: Project,
  saved: Readonly<Record<string, SavedFile>>,
  savedConfig?: SavedFile,
): PendingChanges {
  const puts: PendingPut[] = [];
  const kept = new Set<string>();
  for (const a of project.artifacts) {
    const to = targetFile(a);
    if (!to) continue;
    const from = a.file && saved[a.file] ? a.file : undefined;
    if (from) kept.add(from);
    const xml = textOf(a);
    const base = from ? saved[from] : undefined;
    if (base && base.xml === xml && from === to) continue;
    puts.push({
      key: artifactKey(a),
      ...(from ? { from } : {}),
      to,
      xml,
      ...(base ? { rev: base.rev } : {}),
    });
  }
  // A renamed file is written under its new name first, then deleted under the old one.
  const deletes = Object.keys(saved).filter(
    (f) => !kept.has(f) || puts.some((p) => p.from === f && p.to !== f),
  );
  const config = savedConfig && project.configText !== savedConfig.xml ? project.configText : undefined;
  return { puts, deletes, ...(config !== undefined ? { config } : {}) };
}

/** Number of unsaved changes (for the top bar). */
export function unsavedCount(c: PendingChanges): number {
  return (
    c.puts.length +
    c.deletes.filter((d) => !c.puts.some((p) => p.from === d)).length +
    (c.config !== undefined ? 1 : 0)
  );
}

/** True when the artifact differs from the server's copy. */
export function isDirty(a: Artifact, saved: Readonly<Record<string, SavedFile>>): boolean {
  const base = a.file ? saved[a.file] : undefined;
  return !base || base.xml !== textOf(a) || targetFile(a) !== a.file;
}

/** The key of an artifact by name (the runtime reports names). */
export function keyByName(project: Project, name: string, type?: Artifact['type']): string | undefined {
  const a = project.artifacts.find((x) => x.name === name && (!type || x.type === type));
  return a ? artifactKey(a) : undefined;
}

/** Looks an artifact up by key (re-exported for components). */
export { findByKey };
