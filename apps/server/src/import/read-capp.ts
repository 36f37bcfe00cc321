/**
 * A CApp (`.car`): a zip with `artifacts.xml` (the application and its dependencies) and one
 * folder per artifact, `<name>_<version>/`, whose `artifact.xml` names its type
 * (`synapse/sequence`, `synapse/api`, `registry/resource`, `lib/synapse/mediator`, …) and its
 * file (`<file>name-1.0.0.xml</file>`).
 */
import { attribute, childElement, childElements, localName, parseXml, textContent } from '@mediate/engine';
import type { ImportSkipped } from '@mediate/engine';
import { baseName, skippedAs, type SourceFile, type SourceRead } from './source-read.js';
import { textOf, type SourceTree } from './source-tree.js';
import { CAPP_TYPES, unsupportedCappType } from './unsupported.js';

/** The folder prefix (`''` or `x/`) holding `artifacts.xml`, if this tree is a CApp. */
export function cappRoot(tree: SourceTree): string | undefined {
  for (const rel of tree.files.keys()) {
    if (rel !== 'artifacts.xml' && !/^[^/]+\/artifacts\.xml$/.test(rel)) continue;
    const root = rel.slice(0, -'artifacts.xml'.length);
    const hasArtifact = [...tree.files.keys()].some(
      (r) => r.startsWith(root) && /^[^/]+\/artifact\.xml$/.test(r.slice(root.length)),
    );
    if (hasArtifact) return root;
  }
  return undefined;
}

/** The application's name from `artifacts.xml` (`<artifact type="carbon/application">`). */
function applicationName(tree: SourceTree, root: string): string | undefined {
  const parsed = parseXml(textOf(tree, `${root}artifacts.xml`));
  if (!parsed.ok) return undefined;
  const app = childElements(parsed.document.root, 'artifact').find(
    (a) => attribute(a, 'type') === 'carbon/application',
  );
  return app ? attribute(app, 'name') : undefined;
}

/** `HelloCApp_1.0.0.car` → `HelloCApp`. */
function nameFromFile(label: string): string {
  return baseName(label.replace(/\\/g, '/')).replace(/_\d+(\.\d+)*(-SNAPSHOT)?$/, '');
}

export function readCapp(tree: SourceTree, root: string): SourceRead {
  const xml: SourceFile[] = [];
  const skipped: ImportSkipped[] = [];
  const at = (rel: string) => `${tree.label}!/${rel}`;
  const descriptors = [...tree.files.keys()].filter(
    (r) => r.startsWith(root) && /^[^/]+\/artifact\.xml$/.test(r.slice(root.length)),
  );
  for (const descriptor of descriptors) {
    const folder = descriptor.slice(0, -'artifact.xml'.length);
    const parsed = parseXml(textOf(tree, descriptor));
    if (!parsed.ok) {
      const { message, line, column } = parsed.error;
      skipped.push({
        from: at(descriptor),
        kind: 'parse-error',
        what: 'CApp artifact descriptor',
        reason: `It does not parse: ${message}`,
        line,
        column,
      });
      continue;
    }
    const el = parsed.document.root;
    const type = attribute(el, 'type') ?? '';
    const name = attribute(el, 'name') ?? folder;
    const fileEl = localName(el.name) === 'artifact' ? childElement(el, 'file') : undefined;
    const file = fileEl ? textContent(fileEl).trim() : '';
    if (!CAPP_TYPES.has(type)) {
      const u = unsupportedCappType(type);
      skipped.push(skippedAs(at(folder), { what: `${u.what} '${name}'`, reason: u.reason }));
      continue;
    }
    const rel = `${folder}${file}`;
    if (!file || !tree.files.has(rel)) {
      skipped.push({
        from: at(descriptor),
        kind: 'parse-error',
        what: `${type} '${name}'`,
        reason: file
          ? `Its artifact.xml names ${file}, which is not in the archive.`
          : 'Its artifact.xml names no <file>.',
      });
      continue;
    }
    xml.push({ from: at(rel), text: textOf(tree, rel) });
  }
  return {
    kind: 'capp',
    label: tree.label,
    name: applicationName(tree, root) ?? nameFromFile(tree.label),
    xml,
    skipped,
  };
}
