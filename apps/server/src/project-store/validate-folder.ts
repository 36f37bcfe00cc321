/**
 * Validation of a project folder: the engine's checks plus the folder's own rule (each file is
 * `artifacts/<folder of its type>/<its name>.xml`), with every diagnostic pointed at a file.
 */
import {
  ARTIFACT_FOLDERS,
  buildProject,
  validateProject,
  type Artifact,
  type Diagnostic,
  type Project,
} from '@mediate/engine';
import { CONFIG_FILE, type LoadedProject } from './load-project.js';

export interface FolderValidation {
  readonly project: Project;
  /** Sorted by file, line and column; `artifact` is a project-relative file path where known. */
  readonly diagnostics: readonly Diagnostic[];
  /** Files read: the artifact files, plus `deployment.toml` when present. */
  readonly fileCount: number;
}

/** Builds and validates a loaded project folder. Never throws. */
export function validateFolder(loaded: LoadedProject): FolderValidation {
  const { project, diagnostics } = buildProject(loaded.configText, loaded.files);
  const all = [...diagnostics, ...validateProject(project), ...checkArtifactFiles(project)];
  const located = locateDiagnostics(project, [CONFIG_FILE, ...loaded.files.map((f) => f.path)], all);
  return {
    project,
    diagnostics: sortDiagnostics(located),
    fileCount: loaded.files.length + (loaded.hasConfig ? 1 : 0),
  };
}

/**
 * `ARTIFACT_FILE_MISMATCH`: an artifact must live in its type's folder under its own name, as the
 * project store reads and writes it there by type and name. A `definitions` file holding several
 * artifacts is not checked (it is an import format, not the project layout).
 */
export function checkArtifactFiles(project: Project): Diagnostic[] {
  const byFile = new Map<string, Artifact[]>();
  for (const a of project.artifacts) {
    if (a.file === undefined) continue;
    const list = byFile.get(a.file) ?? [];
    list.push(a);
    byFile.set(a.file, list);
  }
  const out: Diagnostic[] = [];
  for (const [file, artifacts] of byFile) {
    const a = artifacts[0];
    if (artifacts.length !== 1 || !a || a.type === 'unsupported' || !a.name) continue;
    const parts = file.split('/');
    const folder = parts.length === 3 && parts[0] === 'artifacts' ? parts[1] : undefined;
    const base = parts[parts.length - 1]?.replace(/\.xml$/, '');
    const expected = `artifacts/${ARTIFACT_FOLDERS[a.type]}/${a.name}.xml`;
    if (folder === ARTIFACT_FOLDERS[a.type] && base === a.name) continue;
    out.push({
      severity: 'error',
      code: 'ARTIFACT_FILE_MISMATCH',
      message: `This file holds ${a.type} '${a.name}', which belongs in ${expected}.`,
      artifact: file,
      line: a.doc.root.pos?.line,
      column: a.doc.root.pos?.column,
    });
  }
  return out;
}

/**
 * Replaces an artifact name in `diagnostic.artifact` by the file that artifact came from (a
 * diagnostic that already names one of `filePaths` is kept). A name
 * that several files share (a sequence and an endpoint both named `x`) is left as it is, since
 * a diagnostic does not say which type it is about.
 */
export function locateDiagnostics(
  project: Project,
  filePaths: readonly string[],
  diagnostics: readonly Diagnostic[],
): Diagnostic[] {
  const files = new Set(filePaths);
  const byName = new Map<string, Set<string>>();
  for (const a of project.artifacts) {
    if (a.file === undefined) continue;
    const set = byName.get(a.name) ?? new Set<string>();
    set.add(a.file);
    byName.set(a.name, set);
  }
  return diagnostics.map((d) => {
    if (files.has(d.artifact)) return d;
    const candidates = byName.get(d.artifact);
    if (candidates?.size !== 1) return d;
    const [file] = candidates;
    return file === undefined ? d : { ...d, artifact: file };
  });
}

/** By file, then line, then column; diagnostics without a line first; otherwise stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort(
      (x, y) =>
        compare(x.d.artifact, y.d.artifact) ||
        (x.d.line ?? 0) - (y.d.line ?? 0) ||
        (x.d.column ?? 0) - (y.d.column ?? 0) ||
        x.i - y.i,
    )
    .map(({ d }) => d);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
