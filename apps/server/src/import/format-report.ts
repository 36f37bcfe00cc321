/**
 * An import report as text lines (the CLI prints them): what was imported from where, what
 * deployment.toml was written, and every thing not imported with its reason and position.
 */
import type { ImportReport, ImportSourceKind } from '@mediate/engine';

/** How the report names each kind of source. */
export const SOURCE_KINDS: Readonly<Record<ImportSourceKind, string>> = {
  'mi-vscode': 'MI for VS Code project',
  'integration-studio': 'Integration Studio project',
  capp: 'CApp',
  definitions: '<definitions> file',
  artifact: 'artifact file',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report, one line each; artifact and skip lines are indented by two spaces. */
export function reportLines(report: ImportReport): string[] {
  const lines: string[] = [];
  lines.push(`Imported ${plural(report.imported.length, 'artifact')}:`);
  const width = Math.max(0, ...report.imported.map((a) => `${a.type}/${a.name}`.length));
  for (const a of report.imported) {
    const renamed = a.renamedFrom ? ` (renamed from ${a.renamedFrom})` : '';
    lines.push(`  ${`${a.type}/${a.name}`.padEnd(width)}  from ${a.from}${renamed}`);
  }
  const c = report.config;
  lines.push(
    c.action === 'copied'
      ? `deployment.toml: copied from ${c.from}`
      : c.action === 'kept'
        ? "deployment.toml: the project's own, unchanged"
        : 'deployment.toml: a default one (MI ports, offset 10)',
  );
  if (report.skipped.length) {
    lines.push(`Not imported (${report.skipped.length}):`);
    for (const s of report.skipped) {
      const at = s.line !== undefined ? `:${s.line}:${s.column ?? 1}` : '';
      lines.push(`  ${s.from}${at}: ${s.what}: ${s.reason}`);
    }
  } else lines.push('Nothing was left out.');
  return lines;
}
