/**
 * Reads what the user gave to import (a path, an upload, pasted XML) and decides its layout:
 * a CApp, an MI for VS Code project, an Integration Studio project, or one XML file (a
 * `<definitions>` file or a single artifact). Anything else is an `ImportError` that says what
 * was looked for.
 */
import { readFile, stat } from 'node:fs/promises';
import { ARTIFACT_FOLDERS, decodeXmlBytes, localName, parseXml } from '@mediate/engine';
import { cappRoot, readCapp } from './read-capp.js';
import {
  MI_VSCODE_DIR,
  SYNAPSE_CONFIG_DIR,
  readIntegrationStudio,
  readMiVscode,
  rootsOf,
} from './read-mi-project.js';
import { baseName, type SourceRead } from './source-read.js';
import { ImportError, isZip, treeFromFolder, treeFromZip, type SourceTree } from './source-tree.js';

/** What to import. */
export type ImportInput =
  /** A folder or file on this machine. */
  | { readonly path: string }
  /** An uploaded file (a .car or .zip, or an .xml). */
  | { readonly bytes: Buffer; readonly name: string }
  /** XML text (pasted into the studio, or an uploaded .xml read as text). */
  | { readonly xml: string; readonly name: string };

const MEDIATE_FILE = new RegExp(`(^|/)artifacts/(${Object.values(ARTIFACT_FOLDERS).join('|')})/[^/]+\\.xml$`);

/** Reads and classifies an import source. Throws `ImportError` for anything not importable. */
export async function readImportSource(input: ImportInput): Promise<SourceRead> {
  if ('xml' in input) return fromXml(input.xml, input.name);
  if ('bytes' in input) return fromBytes(input.bytes, input.name);
  const info = await stat(input.path).catch((e: NodeJS.ErrnoException) => {
    throw new ImportError(
      e.code === 'ENOENT'
        ? `no such file or folder: ${input.path}`
        : `cannot read ${input.path}: ${e.message}`,
    );
  });
  if (info.isDirectory()) return fromTree(await treeFromFolder(input.path), 'folder');
  const bytes = await readFile(input.path).catch((e: Error) => {
    throw new ImportError(`cannot read ${input.path}: ${e.message}`);
  });
  return fromBytes(bytes, input.path);
}

async function fromBytes(bytes: Buffer, name: string): Promise<SourceRead> {
  if (isZip(bytes)) return fromTree(await treeFromZip(bytes, name), 'archive');
  return fromXml(decodeXmlBytes(bytes), name);
}

/** One XML file: a `<definitions>` file or a single artifact. */
function fromXml(text: string, label: string): SourceRead {
  const parsed = parseXml(text);
  const root = parsed.ok ? parsed.document.root : undefined;
  if (!parsed.ok && !/^\s*(<\?xml|<!--|<[A-Za-z_])/.test(text))
    throw new ImportError(
      `${label} is neither a zip archive (.car, .zip), an MI project folder nor an XML file.`,
    );
  const definitions = root !== undefined && localName(root.name) === 'definitions';
  return {
    kind: definitions ? 'definitions' : 'artifact',
    label,
    name: baseName(label.replace(/\\/g, '/')),
    xml: [{ from: label, text }],
    skipped: [],
  };
}

/** A folder or an archive, by its layout. */
function fromTree(tree: SourceTree, what: 'folder' | 'archive'): SourceRead {
  const capp = cappRoot(tree);
  if (capp !== undefined) return readCapp(tree, capp);
  const mi = rootsOf(tree, MI_VSCODE_DIR);
  if (mi.length) return readMiVscode(tree, mi);
  if (rootsOf(tree, SYNAPSE_CONFIG_DIR).length) return readIntegrationStudio(tree);
  const files = [...tree.files.keys()];
  if (files.some((f) => MEDIATE_FILE.test(f)))
    throw new ImportError(
      `${tree.label} is already a Mediate project (artifacts/<type>/<name>.xml): open it with mediate start --project ${tree.label}`,
    );
  throw new ImportError(
    `${tree.label} is not something Mediate can import: this ${what} has no src/main/wso2mi (MI for VS Code project), ` +
      `no src/main/synapse-config (Integration Studio project) and no artifacts.xml with <name>_<version>/artifact.xml folders (CApp).`,
  );
}
