/**
 * `mediate validate <dir>`: prints one `file:line:col severity code message` line per diagnostic
 * and a summary line. Exit 1 when there are errors or the folder is not a Mediate project, 0
 * otherwise, 2 when the folder cannot be read.
 */
import { formatDiagnostic, type Diagnostic } from '@mediate/engine';
import { ProjectLoadError, loadProject } from '../project-store/load-project.js';
import { ProjectLayoutError, checkProjectLayout } from '../project-store/project-layout.js';
import { validateFolder } from '../project-store/validate-folder.js';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const stdio: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Runs the command; returns the exit code: 2 when the folder cannot be read, 1 when it is not a
 * Mediate project (an MI project, a CApp, an empty folder) or has errors.
 */
export async function runValidate(dir: string, io: Output = stdio): Promise<number> {
  let loaded;
  try {
    await checkProjectLayout(dir);
    loaded = await loadProject(dir);
  } catch (e) {
    if (e instanceof ProjectLayoutError) {
      io.err(`mediate validate: ${e.message}`);
      return 1;
    }
    if (e instanceof ProjectLoadError) {
      io.err(`mediate validate: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const { diagnostics, fileCount } = validateFolder(loaded);
  for (const d of diagnostics) io.out(formatDiagnostic(d));
  io.out(summary(diagnostics, fileCount));
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** `2 errors, 1 warning in 5 files`. */
export function summary(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const count = (severity: Diagnostic['severity']) =>
    diagnostics.filter((d) => d.severity === severity).length;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')} in ${plural(fileCount, 'file')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
