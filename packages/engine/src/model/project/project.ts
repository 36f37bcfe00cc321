/**
 * A project: `deployment.toml` plus one artifact per file under `artifacts/<folder>/<name>.xml`.
 * The loader that touches disk lives in the server; this is the shape and the pure parts.
 */
import { parseArtifact } from '../artifacts/artifact-parse.js';
import { ARTIFACT_FOLDERS } from '../artifacts/artifact-table.js';
import type { Artifact, ArtifactType } from '../artifacts/artifact-types.js';
import type { DefinedArtifactType } from '../artifacts/define-artifact.js';
import type { Diagnostic } from '../diagnostics.js';
import type { EncodingProblem } from '../xml/xml-encoding.js';
import { parseProjectConfig, type ProjectConfig } from './project-config.js';

export interface Project {
  readonly configText: string;
  readonly config: ProjectConfig;
  readonly artifacts: readonly Artifact[];
}

/** Identifies an artifact in a project. */
export interface ArtifactRef {
  readonly type: ArtifactType;
  readonly name: string;
}

/** One file of a project folder, path relative to the project root with `/` separators. */
export interface ProjectFile {
  readonly path: string;
  readonly text: string;
  /** Its bytes are not text in their encoding (see decodeXmlFile): reported, not parsed. */
  readonly problem?: EncodingProblem;
}

/** The project-relative file of an artifact. */
export function artifactPath(type: DefinedArtifactType, name: string): string {
  return `artifacts/${ARTIFACT_FOLDERS[type]}/${name}.xml`;
}

/**
 * Builds a project from file texts. `definitions` files are split into their artifacts. Files
 * that do not parse are reported and left out; nothing throws.
 */
export function buildProject(
  configText: string,
  files: readonly ProjectFile[],
  options: { readonly cache?: ParseCache } = {},
): { project: Project; diagnostics: Diagnostic[] } {
  const { config, diagnostics } = parseProjectConfig(configText);
  const artifacts: Artifact[] = [];
  for (const f of files) {
    if (f.problem) {
      const { code, message, line, column } = f.problem;
      diagnostics.push({ severity: 'error', code, message, artifact: f.path, line, column });
      continue;
    }
    const r = options.cache ? options.cache.parse(f.text, f.path) : parseArtifact(f.text, f.path);
    diagnostics.push(...r.diagnostics);
    if (!r.artifact) continue;
    if (r.artifact.type === 'definitions')
      artifacts.push(...r.artifact.artifacts.map((a) => ({ ...a, file: f.path })));
    else artifacts.push(r.artifact);
  }
  return { project: { configText, config, artifacts }, diagnostics };
}

/** Finds an artifact by type and name. */
export function findArtifact(project: Project, ref: ArtifactRef): Artifact | undefined {
  return project.artifacts.find((a) => a.type === ref.type && a.name === ref.name);
}

/** The artifacts of one type, by name. */
export function artifactsOf<T extends ArtifactType>(
  project: Project,
  type: T,
): Extract<Artifact, { type: T }>[] {
  return project.artifacts.filter((a): a is Extract<Artifact, { type: T }> => a.type === type);
}

/**
 * Remembers parsed files by path and text, so rebuilding a project re-parses only what changed
 * (parsed artifacts are immutable, so sharing them is safe). Entries not used by the latest
 * `sweep` generation are dropped.
 */
export class ParseCache {
  private entries = new Map<string, { text: string; result: ReturnType<typeof parseArtifact> }>();
  private used = new Set<string>();

  parse(text: string, path: string): ReturnType<typeof parseArtifact> {
    this.used.add(path);
    const hit = this.entries.get(path);
    if (hit && hit.text === text) return hit.result;
    const result = parseArtifact(text, path);
    this.entries.set(path, { text, result });
    return result;
  }

  /** Forgets files not parsed since the last sweep. */
  sweep(): void {
    for (const k of this.entries.keys()) if (!this.used.has(k)) this.entries.delete(k);
    this.used = new Set();
  }
}
