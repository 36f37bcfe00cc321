/**
 * Is this folder a Mediate project? `validate`, `start --project` and `deploy` ask before they
 * read one, so an MI project, a CApp or an empty folder is a clear error (not "0 files" and a
 * project with nothing in it). A project has `artifacts/`, and artifacts in it or a
 * `deployment.toml`. When the folder looks like an MI project, the error gives the exact
 * `mediate import` command to run.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACT_FOLDERS } from '@mediate/engine';
import { shellArg } from '../import/shell-arg.js';
import { CONFIG_FILE, loadProject } from './load-project.js';

/** The folder is not a Mediate project (and may be an MI one). */
export class ProjectLayoutError extends Error {
  override readonly name = 'ProjectLayoutError';
}

const exists = (p: string) =>
  stat(p).then(
    (s) => s,
    () => undefined,
  );

/** Markers of a Maven project built for MI (CApp packaging, WSO2's CApp and ESB plugins). */
const MI_POM =
  /<packaging>\s*carbon\/application\s*<\/packaging>|vscode-car-plugin|wso2-esb-[a-z-]+-plugin|car-maven-plugin/;

/** What kind of MI project `dir` looks like, if any ("an MI for VS Code project (…)"). */
export async function miProjectKind(dir: string): Promise<string | undefined> {
  if (await exists(path.join(dir, 'src/main/wso2mi')))
    return 'an MI for VS Code project (it has src/main/wso2mi)';
  if (await exists(path.join(dir, 'src/main/synapse-config')))
    return 'an Integration Studio ESB project (it has src/main/synapse-config)';
  const subs = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const s of subs) {
    if (s.isDirectory() && (await exists(path.join(dir, s.name, 'src/main/synapse-config'))))
      return `an Integration Studio project (its module ${s.name} has src/main/synapse-config)`;
  }
  if (
    (await exists(path.join(dir, 'artifacts.xml'))) &&
    subs.some((s) => s.isDirectory() && /_\d+(\.\d+)*/.test(s.name))
  )
    return 'an unpacked CApp (it has artifacts.xml)';
  const pom = await readFile(path.join(dir, 'pom.xml'), 'utf8').catch(() => '');
  if (MI_POM.test(pom)) return 'an MI Maven project (its pom.xml builds a CApp)';
  return undefined;
}

/** The command that imports `source` into `<source>-mediate`. */
export function importCommand(source: string): string {
  const trimmed = source.replace(/[\\/]+$/, '') || source;
  const target = `${trimmed.replace(/\.(car|zip|xml)$/i, '')}-mediate`;
  return `mediate import ${shellArg(source)} --into ${shellArg(target)}`;
}

/**
 * Throws `ProjectLayoutError` unless `dir` is a Mediate project. A path that does not exist is
 * left to the loader, which says so.
 */
export async function checkProjectLayout(dir: string): Promise<void> {
  const info = await exists(dir);
  if (!info) return;
  if (info.isFile()) {
    const head = await readFile(dir).then((b) => b.subarray(0, 4).toString('latin1'));
    const what =
      head === 'PK\u0003\u0004' ? 'a zip archive (a CApp?)' : /\.xml$/i.test(dir) ? 'an XML file' : undefined;
    if (what)
      throw new ProjectLayoutError(
        `${dir} is ${what}, not a project folder. Import it into a Mediate project first:\n  ${importCommand(dir)}`,
      );
    return;
  }
  if (!info.isDirectory()) return;
  const hasArtifacts = (await exists(path.join(dir, 'artifacts')))?.isDirectory() ?? false;
  const loaded = hasArtifacts ? await loadProject(dir) : undefined;
  if (loaded && (loaded.files.length > 0 || loaded.hasConfig)) return;
  const mi = await miProjectKind(dir);
  if (mi)
    throw new ProjectLayoutError(
      `${dir} is ${mi}, not a Mediate project. Import it into a Mediate project first:\n  ${importCommand(dir)}`,
    );
  const missing = hasArtifacts
    ? `its artifacts/ folder holds no artifacts and it has no ${CONFIG_FILE}`
    : 'it has no artifacts/ folder';
  throw new ProjectLayoutError(
    `${dir} is not a Mediate project: ${missing}. A project is ${CONFIG_FILE} plus artifacts/<type>/<name>.xml ` +
      `(${Object.values(ARTIFACT_FOLDERS).join(', ')}). ` +
      `To start an empty one there: mkdir -p ${shellArg(path.join(dir, 'artifacts'))} && touch ${shellArg(path.join(dir, CONFIG_FILE))}`,
  );
}
