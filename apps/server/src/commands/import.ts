/**
 * `mediate import <path> [--into DIR] [--name NAME] [--force]`: makes a Mediate project from an
 * MI for VS Code project, an Integration Studio project, a CApp (.car) or a `<definitions>` file,
 * and prints the report: what was imported from where, and what was not and why.
 *
 * Exit codes: 0 the project was written; 1 nothing was written (not importable, nothing to
 * import, the target folder exists); 2 the source does not exist or the options are wrong.
 */
import path from 'node:path';
import { artifactNameProblem, formatDiagnostic } from '@mediate/engine';
import { reportLines, SOURCE_KINDS } from '../import/format-report.js';
import { planImport } from '../import/plan-import.js';
import { readImportSource } from '../import/read-source.js';
import { shellArg } from '../import/shell-arg.js';
import { ImportError } from '../import/source-tree.js';
import { writeNewProject } from '../import/write-project.js';
import { loadProject } from '../project-store/load-project.js';
import { validateFolder } from '../project-store/validate-folder.js';
import { stdio, summary, type Output } from './validate.js';

export interface ImportOptions {
  /** The project folder to write (default: `./<name>`). */
  readonly into?: string;
  /** The project's name, and so the default folder (default: the source's name). */
  readonly name?: string;
  /** Replace the folder's artifacts/, deployment.toml and .mediate/ when it exists. */
  readonly force?: boolean;
}

/** Runs the command; returns the exit code. */
export async function runImport(source: string, options: ImportOptions, io: Output = stdio): Promise<number> {
  // A project folder is named by the same portable-file-name rule as an artifact: a project
  // kept in git must check out on every platform (so no `CON`, no trailing '.').
  const nameProblem = options.name === undefined ? undefined : artifactNameProblem(options.name);
  if (nameProblem !== undefined) {
    io.err(`mediate import: --name: ${nameProblem}`);
    return 2;
  }
  let read;
  try {
    read = await readImportSource({ path: source });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    io.err(`mediate import: ${e.message}`);
    return e.message.startsWith('no such file or folder') ? 2 : 1;
  }
  const name = options.name ?? (artifactNameProblem(read.name) ? 'imported-project' : read.name);
  const into = path.resolve(options.into ?? name);
  if (into === path.resolve(source)) {
    io.err(`mediate import: ${into} is the source itself; write the project elsewhere with --into.`);
    return 1;
  }
  const plan = planImport(read);
  io.out(`Importing ${read.label} (${SOURCE_KINDS[read.kind]}) into ${into}`);
  if (!plan.report.imported.length) {
    for (const line of reportLines(plan.report)) io.out(line);
    io.err('mediate import: there is nothing Mediate can import in it; no project was written.');
    return 1;
  }
  try {
    await writeNewProject(into, plan, options.force ?? false);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    io.err(`mediate import: ${e.message}`);
    return 1;
  }
  for (const line of reportLines(plan.report)) io.out(line);
  const { diagnostics, fileCount } = validateFolder(await loadProject(into));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  io.out(`Validation: ${summary(diagnostics, fileCount)}`);
  for (const d of errors.slice(0, 10)) io.out(`  ${formatDiagnostic(d)}`);
  if (errors.length > 10) io.out(`  … and ${errors.length - 10} more (mediate validate ${shellArg(into)})`);
  if (errors.length)
    io.out(
      'Artifacts with errors do not deploy: fix them in the studio, or deploy without them (the studio offers it).',
    );
  io.out(`Start it: mediate start --project ${shellArg(into)}`);
  return 0;
}
