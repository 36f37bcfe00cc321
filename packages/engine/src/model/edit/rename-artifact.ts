/**
 * `planArtifactRename`: what renaming an artifact changes in a project, as files. The artifact's
 * name (or a local entry's key) changes and its file moves to `artifacts/<folder>/<new>.xml`;
 * every reference to it in other artifacts (rename-references.ts) and in deployment.toml
 * (rename-config.ts) follows. Pure: the server writes the files as one transaction, and the
 * studio can ask the same question of its own copy.
 */
import { artifactNameProblem } from '../artifacts/artifact-name.js';
import { serializeArtifact } from '../artifacts/artifact-parse.js';
import { readArtifact } from '../artifacts/artifact-read.js';
import type { Artifact, ArtifactType } from '../artifacts/artifact-types.js';
import { parseProjectConfig } from '../project/project-config.js';
import { artifactPath, findArtifact, type Project, type ProjectFile } from '../project/project.js';
import { setAttribute } from '../xml/xml-edit.js';
import { EditError } from './edit-context.js';
import { renameConfigSequence } from './rename-config.js';
import { renameReferences, type ReferencedType } from './rename-references.js';

/** The artifact types a rename applies to (every modelled one). */
export type RenamableType = Exclude<ArtifactType, 'unsupported'>;

export interface ArtifactRename {
  readonly type: RenamableType;
  readonly from: string;
  readonly to: string;
}

/** Why a rename was refused; the API maps each to a status. */
export type RenameRefusal =
  /** The new name is not a valid artifact name (400). */
  | 'BAD_NAME'
  /** No such artifact (404). */
  | 'NOT_FOUND'
  /** The new name (or its file) is taken (409). */
  | 'NAME_TAKEN'
  /** A file to change holds several artifacts (a `<definitions>` file), or cannot be read (422). */
  | 'CANNOT_REWRITE';

/** A refused rename: nothing is changed. */
export class RenameError extends EditError {
  constructor(
    readonly code: RenameRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'RenameError';
  }
}

/** One reference the rename rewrote. */
export interface RenamedReference {
  /** `type:name` of the artifact holding it (after the rename), or `deployment.toml`. */
  readonly artifact: string;
  /** Where in it: `target inSequence`, `<sequence key> at sequence/2`, `sender.outflow_dispatch_sequence`. */
  readonly where: string;
}

/** A file the rename writes: project-relative path and its whole new text. */
export interface RenamedFile {
  readonly path: string;
  readonly text: string;
}

export interface ArtifactRenamePlan {
  /** The project after the rename. */
  readonly project: Project;
  /** Files to write: those holding references first, the renamed artifact's new file last. */
  readonly files: readonly RenamedFile[];
  /** The renamed artifact's old file, to remove once everything else is written. */
  readonly removed: string;
  /** Its new file. */
  readonly renamed: string;
  /** deployment.toml's new text, when it names the renamed sequence. */
  readonly configText?: string;
  readonly references: readonly RenamedReference[];
}

/** MI keeps sequences, endpoints and local entries in one registry: their names must differ. */
const REGISTRY: readonly ArtifactType[] = ['sequence', 'endpoint', 'localEntry', 'template'];

const LABEL: Record<RenamableType, string> = {
  sequence: 'sequence',
  proxy: 'proxy service',
  api: 'API',
  inboundEndpoint: 'inbound endpoint',
  endpoint: 'endpoint',
  localEntry: 'local entry',
  template: 'sequence template',
  messageStore: 'message store',
};

function checkNames(project: Project, r: ArtifactRename, others: readonly ProjectFile[]): Artifact {
  const problem = artifactNameProblem(r.to);
  if (problem) throw new RenameError('BAD_NAME', `Not a valid artifact name: ${problem}`);
  const a = findArtifact(project, { type: r.type, name: r.from });
  if (!a) throw new RenameError('NOT_FOUND', `There is no ${LABEL[r.type]} named '${r.from}'.`);
  if (r.to === r.from) throw new RenameError('BAD_NAME', `The ${LABEL[r.type]} is already named '${r.to}'.`);
  const taken = project.artifacts.find(
    (x) => x.name === r.to && (x.type === r.type || (REGISTRY.includes(r.type) && REGISTRY.includes(x.type))),
  );
  if (taken)
    throw new RenameError(
      'NAME_TAKEN',
      taken.type === r.type
        ? `There is already a ${LABEL[r.type]} named '${r.to}'.`
        : `'${r.to}' is the name of the ${LABEL[taken.type as RenamableType]} '${r.to}': sequences, endpoints and local entries share one registry in MI, so their names must differ.`,
    );
  const file = artifactPath(r.type, r.to);
  if (project.artifacts.some((x) => x.file === file) || others.some((f) => f.path === file))
    throw new RenameError('NAME_TAKEN', `The file ${file} already exists.`);
  return a;
}

/** Refuses to rewrite a file that holds other artifacts too (a `<definitions>` file). */
function checkOwnFile(project: Project, a: Artifact): string {
  if (!a.file) throw new RenameError('CANNOT_REWRITE', `'${a.name}' has no file of its own.`);
  const n = project.artifacts.filter((x) => x.file === a.file).length;
  if (n > 1)
    throw new RenameError(
      'CANNOT_REWRITE',
      `${a.file} holds ${n} artifacts (a <definitions> file), so '${a.name}' in it cannot be rewritten on its own; import the file to split it, then rename.`,
    );
  return a.file;
}

/**
 * Plans renaming `r.from` to `r.to`. `unreadable`: project files that did not parse (they are not
 * in `project`); one that mentions the old name may hold a reference this cannot rewrite, so the
 * rename is refused rather than leave it behind. Throws a RenameError when refused.
 */
export function planArtifactRename(
  project: Project,
  r: ArtifactRename,
  unreadable: readonly ProjectFile[] = [],
): ArtifactRenamePlan {
  const target = checkNames(project, r, unreadable);
  const blocked = unreadable.find((f) => f.text.includes(r.from));
  if (blocked)
    throw new RenameError(
      'CANNOT_REWRITE',
      `${blocked.path} does not parse and mentions '${r.from}'; fix it first so that a reference in it is not left behind.`,
    );
  const referenced: ReferencedType | undefined =
    r.type === 'sequence' ||
    r.type === 'endpoint' ||
    r.type === 'localEntry' ||
    r.type === 'template' ||
    r.type === 'messageStore'
      ? r.type
      : undefined;
  const renamed = artifactPath(r.type, r.to);
  const removed = checkOwnFile(project, target);
  const references: RenamedReference[] = [];
  const files: RenamedFile[] = [];
  let last: RenamedFile | undefined;
  const artifacts = project.artifacts.map((a) => {
    let root = a.doc.root;
    if (referenced) {
      const refs = renameReferences(a, referenced, r.from, r.to);
      root = refs.root;
      const name = a === target ? r.to : a.name;
      for (const where of refs.changed) references.push({ artifact: `${a.type}:${name}`, where });
    }
    // The name, or a local entry's key (the attribute artifactName read it from).
    if (a === target) root = setAttribute(root, a.type === 'localEntry' ? 'key' : 'name', r.to);
    if (root === a.doc.root) return a;
    const next = readArtifact({ ...a.doc, root }, a === target ? renamed : checkOwnFile(project, a));
    const file = { path: next.file as string, text: serializeArtifact(next) };
    if (a === target) last = file;
    else files.push(file);
    return next;
  });
  files.push(last as RenamedFile);

  const config = r.type === 'sequence' ? renameConfig(project.configText, r.from, r.to) : undefined;
  for (const key of config?.keys ?? []) references.push({ artifact: 'deployment.toml', where: key });
  const next: Project = config
    ? { ...project, artifacts, configText: config.text, config: parseProjectConfig(config.text).config }
    : { ...project, artifacts };
  return {
    project: next,
    files,
    removed,
    renamed,
    ...(config ? { configText: config.text } : {}),
    references,
  };
}

/** deployment.toml's part of a sequence rename; a form it cannot rewrite refuses the rename. */
function renameConfig(text: string, from: string, to: string) {
  try {
    return renameConfigSequence(text, from, to);
  } catch (e) {
    if (e instanceof EditError) throw new RenameError('CANNOT_REWRITE', e.message);
    throw e;
  }
}
