/**
 * "Deploy without them": which artifacts a deploy leaves out when the user chooses to.
 *
 * The user names artifacts (`type:name`, or the file of one that does not parse). Leaving them
 * out can break others: an API whose resource calls a left-out sequence no longer validates. Those
 * are left out too, with the reason, found by validating what remains and taking each reference
 * error that was not there before; repeated until nothing new breaks. Anything still in error
 * after that is not the exclusion's doing, and the deploy is refused with it.
 */
import {
  hasErrors,
  validateProject,
  type Artifact,
  type Diagnostic,
  type LeftOutArtifact,
  type Project,
} from '@mediate/engine';

/** An artifact's key, as in a deploy's `changes` (`sequence:foo`). */
export const keyOf = (a: Artifact): string => `${a.type}:${a.name}`;

const signature = (d: Diagnostic) => `${d.code}|${d.artifact}|${d.line ?? ''}|${d.column ?? ''}|${d.message}`;

export interface Exclusion {
  /** The project without the left-out artifacts. */
  readonly project: Project;
  /** The build diagnostics, less those of left-out files (a file that does not parse). */
  readonly diagnostics: Diagnostic[];
  readonly excluded: LeftOutArtifact[];
  /** Requested keys that name nothing in the project. */
  readonly unknown: string[];
}

/** Files that did not parse (and so are not artifacts), from the build diagnostics. */
function unparsedFiles(project: Project, diagnostics: readonly Diagnostic[]): Map<string, string> {
  const parsed = new Set(project.artifacts.map((a) => a.file));
  const out = new Map<string, string>();
  for (const d of diagnostics)
    if (d.severity === 'error' && d.artifact.startsWith('artifacts/') && !parsed.has(d.artifact))
      if (!out.has(d.artifact)) out.set(d.artifact, d.message);
  return out;
}

/** Leaves `requested` out of `project`, and whatever then references them. */
export function planExclusion(
  project: Project,
  diagnostics: readonly Diagnostic[],
  requested: readonly string[],
): Exclusion {
  const unparsed = unparsedFiles(project, diagnostics);
  const before = validateProject(project);
  const firstError = (a: Artifact) =>
    [...diagnostics, ...before].find(
      (d) => d.severity === 'error' && (d.artifact === a.name || d.artifact === a.file),
    )?.message;
  const excluded = new Map<string, LeftOutArtifact>();
  const unknown: string[] = [];
  for (const key of new Set(requested)) {
    const a = project.artifacts.find((x) => keyOf(x) === key);
    if (a)
      excluded.set(key, {
        artifact: key,
        ...(a.file ? { file: a.file } : {}),
        reason: firstError(a) ?? 'Left out on request.',
      });
    else if (unparsed.has(key))
      excluded.set(key, { artifact: key, file: key, reason: unparsed.get(key) as string });
    else unknown.push(key);
  }
  const known = new Set(before.map(signature));
  const remaining = () => project.artifacts.filter((a) => !excluded.has(keyOf(a)));
  for (;;) {
    const rest = remaining();
    const broken = validateProject({ ...project, artifacts: rest }).filter(
      (d) => d.severity === 'error' && d.code.startsWith('REF_') && !known.has(signature(d)),
    );
    let added = false;
    for (const d of broken) {
      for (const a of rest.filter((x) => x.name === d.artifact && !excluded.has(keyOf(x)))) {
        const because = [...excluded.keys()].find((k) =>
          d.message.includes(`'${k.slice(k.indexOf(':') + 1)}'`),
        );
        const [type, name] = because
          ? [because.slice(0, because.indexOf(':')), because.slice(because.indexOf(':') + 1)]
          : [];
        excluded.set(keyOf(a), {
          artifact: keyOf(a),
          ...(a.file ? { file: a.file } : {}),
          reason: because ? `It uses ${type} '${name}', which is left out.` : d.message,
          ...(because ? { because } : {}),
        });
        added = true;
      }
    }
    if (!added) break;
  }
  return {
    project: { ...project, artifacts: remaining() },
    diagnostics: diagnostics.filter((d) => !excluded.has(d.artifact)),
    excluded: [...excluded.values()],
    unknown,
  };
}

/**
 * On a refused deploy: the artifacts in error and those that reference them, when leaving
 * exactly those out would deploy the rest; undefined when it would not (an error no artifact
 * owns, such as an invalid deployment.toml).
 */
export function blockedArtifacts(
  project: Project,
  diagnostics: readonly Diagnostic[],
): LeftOutArtifact[] | undefined {
  const errors = [...diagnostics, ...validateProject(project)].filter((d) => d.severity === 'error');
  const unparsed = unparsedFiles(project, diagnostics);
  const keys = new Set<string>();
  for (const d of errors) {
    if (unparsed.has(d.artifact)) {
      keys.add(d.artifact);
      continue;
    }
    const owners = project.artifacts.filter((a) => a.name === d.artifact || a.file === d.artifact);
    if (!owners.length) return undefined;
    for (const a of owners) keys.add(keyOf(a));
  }
  if (!keys.size) return undefined;
  const plan = planExclusion(project, diagnostics, [...keys]);
  if (hasErrors(plan.diagnostics) || hasErrors(validateProject(plan.project))) return undefined;
  return plan.excluded;
}
