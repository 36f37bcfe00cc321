/**
 * Turns a read source into the files of a Mediate project and the report: each XML file is
 * parsed by the engine (a `<definitions>` file splits into its artifacts), each supported
 * artifact goes to `artifacts/<folder>/<name>.xml`, and everything else (unsupported roots,
 * files that do not parse, unusable names, name clashes) becomes a report line with its reason.
 * Pure: nothing is written here.
 */
import {
  ARTIFACT_FOLDERS,
  artifactNameProblem,
  artifactPath,
  nameAttribute,
  parseArtifact,
  parseProjectConfig,
  serializeArtifact,
  serializeXml,
  setAttribute,
  type Artifact,
  type ArtifactFolder,
  type ImportClash,
  type ImportClashPolicy,
  type ImportReport,
  type ImportSkipped,
  type ImportedArtifact,
} from '@mediate/engine';
import type { SourceFile, SourceRead } from './source-read.js';
import { unsupportedRoot } from './unsupported.js';

/** The deployment.toml an import writes when the source has none (MI's default ports). */
export const DEFAULT_CONFIG = `# Written by \`mediate import\`: the source had no deployment.toml.
# Mediate reads MI's deployment.toml keys where they exist.

[server]
# MI's default offset: the HTTP listener is 8280 + 10 = 8290, HTTPS 8243 + 10 = 8253.
offset = 10
`;

export interface PlanOptions {
  /** Project-relative artifact files the target already has (`artifacts/sequences/a.xml`). */
  readonly existing?: ReadonlySet<string>;
  /** What to do about those; default `refuse` (the clashes are listed, and skipped). */
  readonly onClash?: ImportClashPolicy;
  /** Keep the target's deployment.toml instead of the source's (importing into a project). */
  readonly keepConfig?: boolean;
}

export interface ImportPlan {
  /** Project-relative path → text. */
  readonly files: ReadonlyMap<string, string>;
  /** The deployment.toml to write, unless the target keeps its own. */
  readonly configText?: string;
  readonly report: ImportReport;
  /** Artifacts whose file the target already has (with `refuse`, the caller refuses them all). */
  readonly clashes: readonly ImportClash[];
}

type Modelled = Exclude<Artifact, { type: 'unsupported' }>;

/** The artifacts of one file, with the text each would be written as. */
function artifactsOf(f: SourceFile, skipped: ImportSkipped[]): { a: Artifact; text: string }[] {
  const doctype = f.text.search(/<!DOCTYPE|<!ENTITY/i);
  if (doctype !== -1) {
    skipped.push({
      from: f.from,
      kind: 'parse-error',
      what: 'XML file',
      reason: 'XML with a DOCTYPE or entity declarations is not accepted.',
      line: f.text.slice(0, doctype).split('\n').length,
      column: 1,
    });
    return [];
  }
  const r = parseArtifact(f.text, f.from);
  if (!r.artifact) {
    const d = r.diagnostics[0];
    skipped.push({
      from: f.from,
      kind: 'parse-error',
      what: 'XML file',
      reason: `It does not parse: ${d?.message ?? 'not well-formed XML'}`,
      ...(d?.line !== undefined ? { line: d.line, column: d.column ?? 1 } : {}),
    });
    return [];
  }
  if (r.artifact.type === 'definitions')
    return r.artifact.artifacts.map((a) => ({ a, text: serializeArtifact(a) }));
  // A file of its own is written byte for byte as it came.
  return [{ a: r.artifact, text: f.text }];
}

/** `a` renamed to `name` (its `name`, or `key` for a local entry), as text. */
function renamed(a: Modelled, name: string): string {
  const root = setAttribute(a.doc.root, nameAttribute(a.doc.root), name);
  return serializeXml({ ...a.doc, root });
}

/** Builds the plan. Never throws. */
export function planImport(read: SourceRead, options: PlanOptions = {}): ImportPlan {
  const existing = options.existing ?? new Set<string>();
  const onClash = options.onClash ?? 'refuse';
  const skipped: ImportSkipped[] = [];
  const imported: ImportedArtifact[] = [];
  const clashes: ImportClash[] = [];
  const files = new Map<string, string>();
  const fromOf = new Map<string, string>();
  const taken = (file: string) => files.has(file) || existing.has(file);
  for (const f of read.xml) {
    for (const { a, text } of artifactsOf(f, skipped)) {
      if (a.type === 'unsupported') {
        const u = unsupportedRoot(a.rootTag);
        skipped.push({ from: f.from, kind: 'unsupported', what: `${u.what} '${a.name}'`, reason: u.reason });
        continue;
      }
      const folder: ArtifactFolder = ARTIFACT_FOLDERS[a.type];
      const what = `${a.type} '${a.name}'`;
      // The one artifact-name rule (validation's and the API's too).
      const problem = artifactNameProblem(a.name);
      if (problem) {
        skipped.push({
          from: f.from,
          kind: 'bad-name',
          what,
          reason: a.name ? problem : `It has no ${nameAttribute(a.doc.root)}.`,
        });
        continue;
      }
      let name = a.name;
      let out = text;
      const file = artifactPath(a.type, a.name);
      if (taken(file)) {
        const inImport = files.has(file);
        if (!inImport) clashes.push({ type: folder, name, from: f.from });
        if (onClash !== 'rename') {
          skipped.push({
            from: f.from,
            kind: 'name-clash',
            what,
            reason: inImport
              ? `The import already has ${what} (from ${fromOf.get(file)}).`
              : `The project already has ${what}.`,
          });
          continue;
        }
        for (let n = 1; taken(artifactPath(a.type, name)); n++) name = `${a.name}_imported${n > 1 ? n : ''}`;
        out = renamed(a, name);
      }
      const target = artifactPath(a.type, name);
      files.set(target, out);
      fromOf.set(target, f.from);
      imported.push({
        type: folder,
        name,
        from: f.from,
        file: target,
        ...(name !== a.name ? { renamedFrom: a.name } : {}),
      });
    }
  }
  const { configText, config } = pickConfig(read, options.keepConfig ?? false, skipped);
  return {
    files,
    ...(configText !== undefined ? { configText } : {}),
    report: {
      source: { kind: read.kind, path: read.label },
      config,
      imported,
      // By file, so each file's lines stand together (a sort is stable: a file's keep their order).
      skipped: [...read.skipped, ...skipped].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
    },
    clashes,
  };
}

/** The source's deployment.toml when it reads as TOML, else the default one (or the target's). */
function pickConfig(
  read: SourceRead,
  keep: boolean,
  skipped: ImportSkipped[],
): { configText?: string; config: ImportReport['config'] } {
  const source = read.config;
  if (keep) {
    if (source)
      skipped.push({
        from: source.from,
        kind: 'config',
        what: 'deployment.toml',
        reason: "The open project keeps its own deployment.toml; merge this one's settings by hand.",
      });
    return { config: { action: 'kept' } };
  }
  if (!source) return { configText: DEFAULT_CONFIG, config: { action: 'default' } };
  const bad = parseProjectConfig(source.text).diagnostics.find((d) => d.severity === 'error');
  if (!bad) return { configText: source.text, config: { action: 'copied', from: source.from } };
  skipped.push({
    from: source.from,
    kind: 'config',
    what: 'deployment.toml',
    reason: `${bad.message} A default deployment.toml was written instead.`,
    ...(bad.line !== undefined ? { line: bad.line, column: bad.column ?? 1 } : {}),
  });
  return { configText: DEFAULT_CONFIG, config: { action: 'default' } };
}
