/**
 * How the studio names artifacts. An artifact's identity is its project file
 * (`artifacts/sequences/dispatchSeq.xml`): the name inside the XML can change while the user edits,
 * the file only changes when a save writes it under its new name.
 */
import { FOLDER_TYPES, type ArtifactFolder } from '../artifacts/artifact-table.js';
import type { Artifact } from '../artifacts/artifact-types.js';
import type { DefinedArtifactType } from '../artifacts/define-artifact.js';
import { artifactPath, type ArtifactRef } from '../project/project.js';

/** Artifact types the studio can create and save (everything but `unsupported`). */
export type SavedType = DefinedArtifactType;

/** The studio's key of an artifact: its file, or a synthetic key for one read without a file. */
export function artifactKey(a: Artifact): string {
  return a.file ?? `${a.type}:${a.name}`;
}

/** The reference edit functions take. */
export function refOf(a: Artifact): ArtifactRef {
  return { type: a.type, name: a.name };
}

/** The file an artifact should be saved to, given its current type and name. */
export function targetFile(a: Artifact): string | undefined {
  if (a.type === 'unsupported' || !a.name) return undefined;
  return artifactPath(a.type, a.name);
}

/** Splits `artifacts/<folder>/<name>.xml` into the API's folder and name. */
export function fileParts(file: string): { folder: ArtifactFolder; name: string } | undefined {
  const m = /^artifacts\/([^/]+)\/(.+)\.xml$/.exec(file);
  if (!m) return undefined;
  const folder = m[1] as ArtifactFolder;
  if (!Object.hasOwn(FOLDER_TYPES, folder)) return undefined;
  return { folder, name: m[2] as string };
}

/** The artifact with a key, if any. */
export function findByKey(artifacts: readonly Artifact[], key: string | undefined): Artifact | undefined {
  if (!key) return undefined;
  return artifacts.find((a) => artifactKey(a) === key);
}

/** The editor key of the project's `deployment.toml`. */
export const CONFIG_KEY = 'deployment.toml';
