/**
 * Finding mediators and lists in an artifact by path, and reading the `mediatorPath` of runtime
 * events (`outDispatchSeq:sequence/0`). The engine's own lookups throw; these return undefined,
 * which is what a view that may be one step behind the model needs.
 */
import type { Artifact } from '../artifacts/artifact-types.js';
import { parsePath, type MediatorNode, type MediatorPath } from '../mediators/mediator-types.js';

/** The mediators of the list a path names (`['sequence']`, `['sequence', 0, 'body']`). */
export function listOf(artifact: Artifact, listPath: MediatorPath): readonly MediatorNode[] | undefined {
  const [key, ...rest] = listPath;
  let list = artifact.lists.find((l) => l.key === key)?.mediators;
  for (let k = 0; list && k < rest.length; k += 2) {
    const node = list[rest[k] as number];
    const branch = rest[k + 1];
    list = node && typeof branch === 'string' ? node.branches[branch] : undefined;
  }
  return list;
}

/** The mediator at a path, or undefined. */
export function mediatorAtPath(artifact: Artifact, path: MediatorPath): MediatorNode | undefined {
  const index = path[path.length - 1];
  if (typeof index !== 'number') return undefined;
  return listOf(artifact, path.slice(0, -1))?.[index];
}

/** True when `path` is `ancestor` or inside it. */
export function isWithin(path: MediatorPath, ancestor: MediatorPath): boolean {
  return ancestor.length <= path.length && ancestor.every((s, i) => path[i] === s);
}

/** Same path, segment by segment. */
export function samePath(a: MediatorPath | undefined, b: MediatorPath | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((s, i) => b[i] === s);
}

/** A runtime event's mediator: artifact name and path. */
export interface EventMediator {
  readonly artifact: string;
  readonly path: MediatorPath;
}

/**
 * Reads `<artifactName>:<formatPath(path)>`. Artifact names cannot hold `/`, and a path's first
 * segment is a list key, so the last `:` before the first `/` separates them (list keys such as
 * `resource.0.inSequence` hold no `:`).
 */
export function parseMediatorPath(text: string | undefined): EventMediator | undefined {
  if (!text) return undefined;
  const slash = text.indexOf('/');
  const head = slash === -1 ? text : text.slice(0, slash);
  const colon = head.lastIndexOf(':');
  if (colon <= 0 || colon === text.length - 1) return undefined;
  const path = parsePath(text.slice(colon + 1));
  if (typeof path[0] !== 'string' || path[0] === '') return undefined;
  return { artifact: text.slice(0, colon), path };
}

/** Every mediator of an artifact, depth first. */
export function allMediators(artifact: Artifact): MediatorNode[] {
  const out: MediatorNode[] = [];
  const walk = (list: readonly MediatorNode[]) => {
    for (const m of list) {
      out.push(m);
      for (const b of Object.values(m.branches)) walk(b);
    }
  };
  for (const l of artifact.lists) walk(l.mediators);
  return out;
}
