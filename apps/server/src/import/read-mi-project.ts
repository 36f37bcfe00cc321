/**
 * The two MI project layouts, read from a source tree:
 *
 * - MI for VS Code: `src/main/wso2mi/artifacts/<type>/*.xml`, `src/main/wso2mi/resources/…`
 *   (registry, connectors, metadata), `src/main/java/…` (class mediators) and
 *   `deployment/deployment.toml`, under one project folder.
 * - Integration Studio: a multi-module Maven project whose ESB config module(s) hold
 *   `src/main/synapse-config/<type>/*.xml`, beside registry-resource, data-service, connector,
 *   class-mediator and exporter modules (the Docker exporter holds a deployment.toml).
 *
 * Every file in an artifact or resource folder is either an XML file to read or a report line.
 */
import type { ImportSkipped } from '@mediate/engine';
import { baseName, skippedAs, type SourceFile, type SourceRead } from './source-read.js';
import { textOf, type SourceTree } from './source-tree.js';
import { unsupportedFile } from './unsupported.js';

export const MI_VSCODE_DIR = 'src/main/wso2mi/';
export const SYNAPSE_CONFIG_DIR = 'src/main/synapse-config/';

/** The folders (`''`, `Proj/`) that hold `marker` in their tree, shortest first. */
export function rootsOf(tree: SourceTree, marker: string): string[] {
  const roots = new Set<string>();
  for (const rel of tree.files.keys()) {
    const at = rel.startsWith(marker) ? 0 : rel.indexOf(`/${marker}`) + 1;
    if (at > 0 || rel.startsWith(marker)) roots.add(rel.slice(0, at));
  }
  return [...roots].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}

const isXml = (rel: string) => rel.toLowerCase().endsWith('.xml');

/** A Maven project's artifactId (not its parent's), if its pom.xml says. */
function artifactId(tree: SourceTree, pom: string): string | undefined {
  if (!tree.files.has(pom)) return undefined;
  const text = textOf(tree, pom).replace(/<parent>[\s\S]*?<\/parent>/, '');
  return /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(text)?.[1];
}

/** The last segment of a folder prefix (`a/Proj/` → `Proj`), else the source's own name. */
function folderName(tree: SourceTree, prefix: string): string {
  const seg = prefix.replace(/\/$/, '').split('/').pop();
  return seg || baseName(tree.label.replace(/[\\/]+$/, ''));
}

/** Collects one deployment.toml: the first found is carried over, later ones are listed. */
class ConfigPick {
  config: SourceFile | undefined;
  constructor(private readonly skipped: ImportSkipped[]) {}
  offer(tree: SourceTree, rel: string): void {
    if (!this.config) {
      this.config = { from: rel, text: textOf(tree, rel) };
      return;
    }
    this.skipped.push({
      from: rel,
      kind: 'config',
      what: 'deployment.toml',
      reason: `Only one deployment.toml is carried over: ${this.config.from} was.`,
    });
  }
}

/** Reads an MI for VS Code project (every project root found in the tree). */
export function readMiVscode(tree: SourceTree, roots: readonly string[]): SourceRead {
  const xml: SourceFile[] = [];
  const skipped: ImportSkipped[] = [];
  const config = new ConfigPick(skipped);
  for (const [rel] of tree.files) {
    const root = roots.find((r) => rel.startsWith(r));
    if (root === undefined) continue;
    const inner = rel.slice(root.length);
    if (inner.startsWith(`${MI_VSCODE_DIR}artifacts/`)) {
      if (isXml(inner)) xml.push({ from: rel, text: textOf(tree, rel) });
      else skipped.push(skippedAs(rel, unsupportedFile(inner)));
    } else if (inner.startsWith(MI_VSCODE_DIR) || inner.startsWith('src/main/java/')) {
      skipped.push(skippedAs(rel, unsupportedFile(inner)));
    } else if (inner === 'deployment/deployment.toml') {
      config.offer(tree, rel);
    } else if (inner.startsWith('deployment/libs/')) {
      skipped.push(skippedAs(rel, unsupportedFile(inner)));
    }
  }
  const first = roots[0] ?? '';
  return {
    kind: 'mi-vscode',
    label: tree.label,
    name: artifactId(tree, `${first}pom.xml`) ?? folderName(tree, first),
    xml,
    ...(config.config ? { config: config.config } : {}),
    skipped,
  };
}

/** Module folders holding registry resources (their `artifact.xml` says `registry/resource`). */
function registryModules(tree: SourceTree): string[] {
  const out: string[] = [];
  for (const rel of tree.files.keys()) {
    if (!(rel === 'artifact.xml' || rel.endsWith('/artifact.xml'))) continue;
    if (textOf(tree, rel).includes('registry/resource')) out.push(rel.slice(0, -'artifact.xml'.length));
  }
  return out;
}

/** Build and IDE files of a module, which are not artifacts. */
const MODULE_FILES = new Set(['artifact.xml', 'pom.xml', '.project', '.classpath']);

/** Reads an Integration Studio project: every ESB config module, and what the others hold. */
export function readIntegrationStudio(tree: SourceTree): SourceRead {
  const xml: SourceFile[] = [];
  const skipped: ImportSkipped[] = [];
  const config = new ConfigPick(skipped);
  const registries = registryModules(tree);
  for (const [rel] of tree.files) {
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    const at = rel.startsWith(SYNAPSE_CONFIG_DIR) ? 0 : rel.indexOf(`/${SYNAPSE_CONFIG_DIR}`) + 1;
    if (at > 0 || rel.startsWith(SYNAPSE_CONFIG_DIR)) {
      if (isXml(rel)) xml.push({ from: rel, text: textOf(tree, rel) });
      else skipped.push(skippedAs(rel, unsupportedFile(rel)));
      continue;
    }
    const registry = registries.find((r) => rel.startsWith(r));
    if (registry !== undefined) {
      if (!MODULE_FILES.has(rel.slice(registry.length)))
        skipped.push(skippedAs(rel, unsupportedFile(`registry/${rel}`)));
    } else if (base === 'deployment.toml') {
      config.offer(tree, rel);
    } else if (/\.(dbs|java|jar|zip)$/i.test(base)) {
      skipped.push(skippedAs(rel, unsupportedFile(rel)));
    }
  }
  return {
    kind: 'integration-studio',
    label: tree.label,
    name: folderName(tree, ''),
    xml,
    ...(config.config ? { config: config.config } : {}),
    skipped,
  };
}
