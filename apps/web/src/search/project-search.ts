/**
 * Project-wide search (Ctrl+F): artifact names, mediators by kind, label and canvas summary, and
 * the XML text of every artifact. Each hit says what to open: the artifact, and the mediator to
 * select (an XML hit inside a mediator selects it) and the source line. Pure, so it is tested
 * without a DOM.
 */
import {
  parseArtifact,
  serializeArtifact,
  serializeNode,
  type Artifact,
  type MediatorNode,
  type MediatorPath,
  type Project,
  artifactKey,
} from '@mediate/engine';
import { describeMediator } from '../canvas/MediatorCard.js';

export type HitKind = 'artifact' | 'mediator' | 'xml';

/** One search result. */
export interface SearchHit {
  readonly kind: HitKind;
  /** The artifact's key (to open it) and name (to show). */
  readonly key: string;
  readonly artifact: string;
  /** The mediator to select. */
  readonly path?: MediatorPath;
  /** What matched: a name, `Log: log full`, or the line of XML. */
  readonly text: string;
  /** XML hits: where in the source, 1-based. */
  readonly line?: number;
  readonly column?: number;
}

/** At most this many hits in all, and XML lines per artifact, so a common word stays quick. */
export const MAX_HITS = 200;
const MAX_XML_PER_ARTIFACT = 20;

function walk(list: readonly MediatorNode[], visit: (m: MediatorNode) => void): void {
  for (const m of list) {
    visit(m);
    for (const branch of Object.values(m.branches)) walk(branch, visit);
  }
}

function mediatorsOf(a: Artifact): MediatorNode[] {
  const out: MediatorNode[] = [];
  for (const l of a.lists) walk(l.mediators, (m) => out.push(m));
  return out;
}

/** Source ranges of the mediators of `text` (read again, so every element has its position). */
function mediatorRanges(text: string, file: string) {
  const r = parseArtifact(text, file);
  if (!r.artifact || r.artifact.type === 'definitions') return [];
  return mediatorsOf(r.artifact).flatMap((m) => {
    const at = m.element.pos?.offset;
    return at === undefined ? [] : [{ path: m.path, from: at, to: at + serializeNode(m.element).length }];
  });
}

/** Line and column (1-based) of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

const samePath = (a: MediatorPath, b: MediatorPath) => a.length === b.length && a.every((s, i) => s === b[i]);

/** Hits in one artifact, in this order: its name, its mediators, its XML lines. */
function searchArtifact(a: Artifact, q: string, out: SearchHit[]): void {
  const key = artifactKey(a);
  const base = { key, artifact: a.name || a.file || key };
  const byName = a.name !== '' && a.name.toLowerCase().includes(q);
  if (byName) out.push({ ...base, kind: 'artifact', text: a.name });

  const found: MediatorPath[] = [];
  for (const m of mediatorsOf(a)) {
    const { label, summary } = describeMediator(m);
    const words = `${m.kind} ${m.tag} ${label} ${summary}`.toLowerCase();
    if (!words.includes(q)) continue;
    found.push(m.path);
    out.push({ ...base, kind: 'mediator', path: m.path, text: `${label}: ${summary}` });
  }

  const text = serializeArtifact(a);
  const lower = text.toLowerCase();
  let ranges: ReturnType<typeof mediatorRanges> | undefined;
  let lines = 0;
  let lastLine = 0;
  for (let at = lower.indexOf(q); at !== -1 && lines < MAX_XML_PER_ARTIFACT; at = lower.indexOf(q, at + 1)) {
    const { line, column } = lineColumn(text, at);
    if (line === lastLine) continue;
    lastLine = line;
    ranges ??= mediatorRanges(text, a.file ?? key);
    // The innermost mediator around the match; a mediator already found by name is not repeated.
    let inner: (typeof ranges)[number] | undefined;
    for (const r of ranges) if (r.from <= at && at < r.to && (!inner || r.from >= inner.from)) inner = r;
    if (inner && found.some((p) => samePath(p, inner.path))) continue;
    const from = text.lastIndexOf('\n', at) + 1;
    const end = text.indexOf('\n', at);
    const lineText = text.slice(from, end === -1 ? undefined : end).trim();
    // The name in the root's start tag is the artifact hit already.
    if (!inner && byName && lineText.toLowerCase().includes(a.name.toLowerCase())) continue;
    out.push({
      ...base,
      kind: 'xml',
      ...(inner ? { path: inner.path } : {}),
      text: lineText,
      line,
      column,
    });
    lines++;
  }
}

/** Everything in `project` that matches `query` (case-insensitive), at most MAX_HITS. */
export function searchProject(project: Project, query: string): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: SearchHit[] = [];
  const artifacts = [...project.artifacts].sort((x, y) => x.name.localeCompare(y.name));
  for (const a of artifacts) {
    searchArtifact(a, q, out);
    if (out.length >= MAX_HITS) break;
  }
  return out.slice(0, MAX_HITS);
}
