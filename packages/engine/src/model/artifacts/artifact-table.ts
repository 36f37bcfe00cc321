/**
 * Every artifact type Mediate models, one definition each. To add a type, write its file here
 * (see `define-artifact.ts`), add it to ARTIFACTS, and add its type to `ArtifactType` and the
 * `Artifact` union in `artifact-types.ts`: this table does not compile until the two agree.
 */
import { api } from './api.js';
import type { ArtifactDefinition, DefinedArtifactType } from './define-artifact.js';
import { endpoint } from './endpoint.js';
import { inboundEndpoint } from './inbound-endpoint.js';
import { localEntry } from './local-entry.js';
import { messageStore } from './message-store.js';
import { proxy } from './proxy.js';
import { sequence } from './sequence.js';
import { template } from './template.js';

/** Every definition by type, in the explorer's order. */
export const ARTIFACTS = {
  sequence,
  proxy,
  api,
  inboundEndpoint,
  endpoint,
  localEntry,
  template,
  messageStore,
} as const satisfies { readonly [T in DefinedArtifactType]: ArtifactDefinition<T> };

type Table = typeof ARTIFACTS;

/** The defined types, in the explorer's order. */
export const ARTIFACT_TYPES = Object.keys(ARTIFACTS) as DefinedArtifactType[];

/** Project folder of each type, as in MI's projects. */
export const ARTIFACT_FOLDERS = Object.fromEntries(ARTIFACT_TYPES.map((t) => [t, ARTIFACTS[t].folder])) as {
  readonly [T in DefinedArtifactType]: Table[T]['folder'];
};

/** The artifact types as the API names them: the project's folder names. */
export type ArtifactFolder = Table[DefinedArtifactType]['folder'];

/** Folder name → type. */
export const FOLDER_TYPES = Object.fromEntries(
  ARTIFACT_TYPES.map((t) => [ARTIFACTS[t].folder, t]),
) as Readonly<Record<ArtifactFolder, DefinedArtifactType>>;

/**
 * The definition of a type, as code that walks every type sees it. Its `read` and `rules` take
 * an artifact of exactly this type: pass them only an artifact whose `type` is `type`.
 */
export function artifactDefinition(type: DefinedArtifactType): ArtifactDefinition {
  return ARTIFACTS[type] as unknown as ArtifactDefinition;
}

const BY_TAG: ReadonlyMap<string, ArtifactDefinition> = new Map(
  ARTIFACT_TYPES.map((t) => [ARTIFACTS[t].tag, artifactDefinition(t)]),
);

/** The definition for a root element's local name; undefined for roots Mediate keeps verbatim. */
export function artifactDefinitionForTag(tag: string): ArtifactDefinition | undefined {
  return BY_TAG.get(tag);
}
