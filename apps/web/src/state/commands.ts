/**
 * Every change to the project is a command: a label for the history, an optional merge key, and
 * a pure model edit. Structural commands also say what to select afterwards. The edit functions
 * are the engine's (`insertMediator`, …) or, where the engine has none yet, `model/artifact-edits`.
 */
import {
  addBranch,
  artifactPath,
  changeBranch,
  changeMediator,
  removeBranch,
  type BranchFieldChanges,
  definitionOf,
  formatPath,
  insertMediator,
  parseProjectConfig,
  moveMediator,
  removeMediator,
  type FieldChanges,
  type MediatorKind,
  type MediatorPath,
  type Project,
  CONFIG_KEY,
  findByKey,
  refOf,
  type SavedType,
  addArtifact,
  ensureElement,
  removeArtifact,
  replaceArtifactText,
  setArtifactAttribute,
  setParameters,
  type ParameterRow,
} from '@mediate/engine';
import type { Focus } from './history.js';

/** One undoable change. */
export interface Command {
  readonly label: string;
  /** Commits with the same key in a short window are one undo step. */
  readonly mergeKey?: string;
  /** The edit. May throw the engine's EditError, which the store reports. */
  readonly run: (project: Project) => Project;
  /** What to show after the command (artifact key, selected mediator). */
  readonly focus?: Focus;
  /** Keep the current selection when it still names a mediator (text and form edits). */
  readonly keepSelection?: boolean;
}

function onArtifact(key: string, edit: (p: Project, ref: ReturnType<typeof refOf>) => Project) {
  return (p: Project) => {
    const a = findByKey(p.artifacts, key);
    if (!a) throw new Error(`The artifact ${key} is no longer in the project.`);
    return edit(p, refOf(a));
  };
}

/** Inserts a mediator of a kind (or an XML fragment) at a position of a list. */
export function insertCommand(
  artifact: string,
  list: MediatorPath,
  index: number,
  what: { kind: MediatorKind } | { xml: string; label?: string },
): Command {
  const label = 'kind' in what ? definitionOf(what.kind).label : (what.label ?? 'mediator');
  return {
    label: `Insert ${label}`,
    run: onArtifact(artifact, (p, ref) => insertMediator(p, { artifact: ref, list, index, ...what })),
    focus: { artifact, path: [...list, index] },
  };
}

/**
 * Moves a mediator. `toList`/`index` name the target as it is before the move; the selection
 * follows the mediator to where it lands.
 */
export function moveCommand(
  artifact: string,
  from: MediatorPath,
  toList: MediatorPath,
  index: number,
): Command {
  return {
    label: 'Move mediator',
    run: onArtifact(artifact, (p, ref) => moveMediator(p, { artifact: ref, from, toList, index })),
    focus: { artifact, path: landingPath(from, toList, index) },
  };
}

/** Where a moved mediator ends up, named after the move (mirrors the engine's index shifts). */
export function landingPath(from: MediatorPath, toList: MediatorPath, index: number): MediatorPath {
  const fromList = from.slice(0, -1);
  const fromIndex = from[from.length - 1] as number;
  const prefix = fromList.every((s, i) => toList[i] === s);
  const list = toList.map((s, i) =>
    prefix && i === fromList.length && typeof s === 'number' && s > fromIndex ? s - 1 : s,
  );
  const same = list.length === fromList.length && prefix;
  return [...list, same && index > fromIndex ? index - 1 : index];
}

/** Removes a mediator. */
export function removeCommand(artifact: string, path: MediatorPath): Command {
  return {
    label: 'Delete mediator',
    run: onArtifact(artifact, (p, ref) => removeMediator(p, { artifact: ref, path })),
    focus: { artifact },
  };
}

/** Changes field values from the inspector; typing in one field is one step. */
export function changeCommand(artifact: string, path: MediatorPath, values: FieldChanges): Command {
  const keys = Object.keys(values).sort().join(',');
  return {
    label: `Edit ${keys}`,
    mergeKey: `field:${artifact}:${formatPath(path)}:${keys}`,
    run: onArtifact(artifact, (p, ref) => changeMediator(p, { artifact: ref, path, values })),
    focus: { artifact, path },
  };
}

/** Replaces an artifact with text typed in the source editor (which must parse). */
export function sourceCommand(artifact: string, text: string): Command {
  return {
    label: 'Edit source',
    mergeKey: `source:${artifact}`,
    run: (p) => {
      const r = replaceArtifactText(p, artifact, text);
      if (!r.ok) throw new Error(r.diagnostics[0]?.message ?? 'The XML does not parse.');
      return r.project;
    },
    focus: { artifact },
    keepSelection: true,
  };
}

/** Creates an artifact from its template and opens it. */
export function createArtifactCommand(type: SavedType, name: string): Command {
  return {
    label: `Create ${name}`,
    run: (p) => addArtifact(p, type, name),
    focus: { artifact: artifactPath(type, name) },
  };
}

/** Deletes an artifact. */
export function deleteArtifactCommand(artifact: string): Command {
  // No focus: the open artifact stays open unless it is the one deleted.
  return { label: 'Delete artifact', run: (p) => removeArtifact(p, artifact) };
}

/** Sets an artifact-level attribute from the artifact form. */
export function artifactAttributeCommand(
  artifact: string,
  at: readonly string[],
  attr: string,
  value: string | undefined,
): Command {
  return {
    label: `Edit ${attr}`,
    mergeKey: `artifact:${artifact}:${at.join('/')}:${attr}`,
    run: (p) => setArtifactAttribute(p, artifact, at, attr, value),
    focus: { artifact },
    keepSelection: true,
  };
}

/** Rewrites parameter rows (inbound endpoint or proxy). */
export function parametersCommand(
  artifact: string,
  rows: readonly ParameterRow[],
  wrapper: 'parameters' | undefined,
): Command {
  return {
    label: 'Edit parameters',
    mergeKey: `params:${artifact}`,
    run: (p) => setParameters(p, artifact, rows, wrapper),
    focus: { artifact },
    keepSelection: true,
  };
}

/** Adds an inline sequence (`['target', 'inSequence']`) so it gets a canvas. */
export function inlineSequenceCommand(artifact: string, at: readonly string[]): Command {
  return {
    label: `Add inline ${at[at.length - 1] ?? 'sequence'}`,
    run: (p) => ensureElement(p, artifact, at),
    focus: { artifact },
    keepSelection: true,
  };
}

/** Replaces the text of deployment.toml (a burst of typing is one step). */
export function configCommand(text: string): Command {
  return {
    label: 'Edit deployment.toml',
    mergeKey: 'config',
    run: (p) => ({ ...p, configText: text, config: parseProjectConfig(text).config }),
    focus: { artifact: CONFIG_KEY },
  };
}

/** Adds an occurrence of a repeated branch (a switch case) with its fields. */
export function addBranchCommand(
  artifact: string,
  path: MediatorPath,
  branch: string,
  values: BranchFieldChanges,
): Command {
  return {
    label: `Add ${branch}`,
    run: onArtifact(artifact, (p, ref) => addBranch(p, { artifact: ref, path, branch, values })),
    focus: { artifact, path },
  };
}

/** Removes a branch element with its mediators (`list`: the container's path and a list key). */
export function removeBranchCommand(artifact: string, list: MediatorPath): Command {
  return {
    label: `Remove ${String(list[list.length - 1])}`,
    run: onArtifact(artifact, (p, ref) => removeBranch(p, { artifact: ref, list })),
    focus: { artifact, path: list.slice(0, -1) },
  };
}

/** Sets fields of a branch element (a case's regex); typing in one field is one step. */
export function changeBranchCommand(
  artifact: string,
  list: MediatorPath,
  values: BranchFieldChanges,
): Command {
  const keys = Object.keys(values).sort().join(',');
  return {
    label: `Edit ${String(list[list.length - 1])} ${keys}`,
    mergeKey: `branch:${artifact}:${formatPath(list)}:${keys}`,
    run: onArtifact(artifact, (p, ref) => changeBranch(p, { artifact: ref, list, values })),
    focus: { artifact, path: list.slice(0, -1) },
  };
}
