/**
 * The CPU-heavy reads of the admin API: parsing and validating the project for the artifact
 * list, a save and `POST /api/validate`. They run in a worker thread (check-worker.ts), off the
 * thread that mediates messages; this module is what the worker runs, written as plain
 * functions of the project folder so it needs nothing from the main thread.
 *
 * A refusal comes back as a {@link CheckFailure} (plain data, so it crosses threads) that the
 * main thread turns into the API error.
 */
import {
  ARTIFACT_FOLDERS,
  FOLDER_TYPES,
  RenameError,
  buildProject,
  localName,
  parseArtifact,
  planArtifactRename,
  validateProject,
  type ArtifactFolder,
  type ArtifactSummary,
  type Diagnostic,
  type ParseCache,
  type RenamedFile,
  type RenamedReference,
  type RenameRefusal,
} from '@mediate/engine';
import { loadProject } from './load-project.js';
import { revisionOf } from './revision.js';

/** An API error as data: status, code, message and details. */
export interface CheckFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

async function build(root: string, cache: ParseCache) {
  const loaded = await loadProject(root);
  const built = buildProject(loaded.configText, loaded.files, { cache });
  cache.sweep();
  return { ...built, files: loaded.files };
}

/** Every artifact file with its revision and diagnostics (`GET /api/artifacts`). */
export async function listArtifacts(root: string, cache: ParseCache): Promise<ArtifactSummary[]> {
  const { project, diagnostics, files } = await build(root, cache);
  const all = [...diagnostics, ...validateProject(project)];
  return files.map(({ path: file, text }) => {
    const [, folder, base] = file.split('/') as [string, ArtifactFolder, string];
    const names = new Set(project.artifacts.filter((a) => a.file === file).map((a) => a.name));
    return {
      type: folder,
      name: base.replace(/\.xml$/, ''),
      rev: revisionOf(text),
      diagnostics: all.filter((d) => d.artifact === file || names.has(d.artifact)),
    };
  });
}

/**
 * What a save must be: XML that parses into an artifact of the folder's type, named as the URL
 * says. Returns the refusal, or undefined when the text may be written.
 */
export function checkSave(
  type: ArtifactFolder,
  name: string,
  xml: string,
  cache: ParseCache,
): CheckFailure | undefined {
  // Through the cache: the list after the write finds this parse there.
  const parsed = cache.parse(xml, `artifacts/${type}/${name}.xml`);
  if (!parsed.artifact)
    return {
      status: 422,
      code: 'XML_INVALID',
      message: parsed.diagnostics[0]?.message ?? 'The XML does not parse.',
      details: { diagnostics: parsed.diagnostics },
    };
  const a = parsed.artifact;
  const tag = localName(a.doc.root.name);
  if (a.type === 'definitions' || a.type === 'unsupported' || ARTIFACT_FOLDERS[a.type] !== type)
    return {
      status: 422,
      code: 'WRONG_TYPE',
      message: `This XML is a <${tag}>, which does not belong in ${type}.`,
    };
  if (a.name !== name)
    return {
      status: 422,
      code: 'NAME_MISMATCH',
      message: `The XML names the artifact '${a.name}' but the URL says '${name}'; they must agree.`,
    };
  return undefined;
}

/** The diagnostics of one artifact in the project as it is on disk now (after a save). */
export async function diagnosticsOf(root: string, name: string, cache: ParseCache): Promise<Diagnostic[]> {
  const { project } = await build(root, cache);
  return validateProject(project).filter((d) => d.artifact === name);
}

/**
 * `POST /api/validate`: the diagnostics of some XML checked against the current project, so its
 * references to the project's sequences resolve.
 */
export async function validateAgainst(root: string, xml: string, cache: ParseCache): Promise<Diagnostic[]> {
  const parsed = parseArtifact(xml);
  if (!parsed.artifact) return parsed.diagnostics;
  const { project } = await build(root, cache);
  const mine = parsed.artifact.type === 'definitions' ? parsed.artifact.artifacts : [parsed.artifact];
  const others = project.artifacts.filter((a) => !mine.some((m) => m.type === a.type && m.name === a.name));
  const names = new Set(mine.map((a) => a.name || '<input>'));
  return validateProject({ ...project, artifacts: [...others, ...mine] }).filter((d) =>
    names.has(d.artifact),
  );
}

/** A rename as files (plain data: it crosses from the worker), or why it is refused. */
export type RenamePlanResult =
  | { readonly refused: CheckFailure }
  | {
      readonly files: readonly RenamedFile[];
      readonly removed: string;
      readonly configText?: string;
      readonly references: readonly RenamedReference[];
    };

const REFUSAL_STATUS: Record<RenameRefusal, number> = {
  BAD_NAME: 400,
  NOT_FOUND: 404,
  NAME_TAKEN: 409,
  CANNOT_REWRITE: 422,
};

/**
 * What renaming `type/from` to `to` writes, planned on the project as it is on disk
 * (`planArtifactRename`). Files that do not parse are passed along: a rename is refused rather
 * than leave a reference in one of them behind.
 */
export async function planRename(
  root: string,
  type: ArtifactFolder,
  from: string,
  to: string,
  cache: ParseCache,
): Promise<RenamePlanResult> {
  const { project, files } = await build(root, cache);
  const read = new Set(project.artifacts.map((a) => a.file));
  try {
    const plan = planArtifactRename(
      project,
      { type: FOLDER_TYPES[type], from, to },
      files.filter((f) => !read.has(f.path)),
    );
    return {
      files: plan.files,
      removed: plan.removed,
      ...(plan.configText !== undefined ? { configText: plan.configText } : {}),
      references: plan.references,
    };
  } catch (e) {
    if (!(e instanceof RenameError)) throw e;
    return { refused: { status: REFUSAL_STATUS[e.code], code: e.code, message: e.message } };
  }
}

/** The checks the worker answers, by name. */
export const CHECKS = {
  list: (root: string, cache: ParseCache) => listArtifacts(root, cache),
  checkSave: (_root: string, cache: ParseCache, type: ArtifactFolder, name: string, xml: string) =>
    checkSave(type, name, xml, cache),
  diagnosticsOf: (root: string, cache: ParseCache, name: string) => diagnosticsOf(root, name, cache),
  validate: (root: string, cache: ParseCache, xml: string) => validateAgainst(root, xml, cache),
  planRename: (root: string, cache: ParseCache, type: ArtifactFolder, from: string, to: string) =>
    planRename(root, type, from, to, cache),
} as const;

export type CheckName = keyof typeof CHECKS;
