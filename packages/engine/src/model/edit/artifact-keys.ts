/**
 * How the studio names artifacts. An artifact's identity is its project file
 * (`artifacts/sequences/dispatchSeq.xml`): the name inside the XML can change while the user edits,
 * the file only changes when a save writes it under its new name.
 */
import type { ArtifactFolder } from '../api-types.js';
import { ARTIFACT_FOLDERS, type Artifact, type ArtifactType } from '../artifacts/artifact-types.js';
import { artifactPath, type ArtifactRef } from '../project/project.js';

/** Artifact types the studio can create and save (everything but `unsupported`). */
export type SavedType = Exclude<ArtifactType, 'unsupported'>;

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
  if (!(Object.values(ARTIFACT_FOLDERS) as string[]).includes(folder)) return undefined;
  return { folder, name: m[2] as string };
}

/** The artifact with a key, if any. */
export function findByKey(artifacts: readonly Artifact[], key: string | undefined): Artifact | undefined {
  if (!key) return undefined;
  return artifacts.find((a) => artifactKey(a) === key);
}

/** People-facing names of the artifact types, in explorer order. */
export const TYPE_LABELS: readonly (readonly [SavedType, string])[] = [
  ['sequence', 'Sequences'],
  ['proxy', 'Proxy services'],
  ['api', 'APIs'],
  ['inboundEndpoint', 'Inbound endpoints'],
  ['endpoint', 'Endpoints'],
  ['localEntry', 'Local entries'],
];

/** The editor key of the project's `deployment.toml`. */
export const CONFIG_KEY = 'deployment.toml';
