/**
 * What an import reads, as one shape whatever it came from: a folder on disk or a zip archive
 * (.car, or an MI project zipped) becomes a map of `/`-separated relative paths to bytes, so the
 * layout readers are plain functions over paths and never touch the disk or the archive format.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeXmlBytes } from '@mediate/engine';
import yauzl from 'yauzl';

/** A source's files by relative path (`src/main/wso2mi/artifacts/apis/a.xml`). */
export interface SourceTree {
  /** How the report names the source: the path given, or the uploaded file's name. */
  readonly label: string;
  readonly files: ReadonlyMap<string, Buffer>;
}

/** The source cannot be read, or is too large to be an MI project. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** Limits that keep a wrong path (a home folder, `/`) or a zip bomb from taking the machine. */
export const LIMITS = { files: 20_000, bytes: 256 * 1024 * 1024 } as const;

/** Folders that never hold an MI project's artifacts (build output, tools' state, VCS). */
const SKIP_DIRS = new Set(['.git', '.svn', 'node_modules', 'target', '.mediate', '.metadata', '.idea']);

/** The text of a file (its XML declaration's encoding honoured). */
export function textOf(tree: SourceTree, rel: string): string {
  const bytes = tree.files.get(rel);
  if (!bytes) throw new ImportError(`${tree.label}: ${rel} is missing`);
  return decodeXmlBytes(bytes);
}

/** Reads every file under `dir` (skipping build and tool folders), within `LIMITS`. */
export async function treeFromFolder(dir: string, label = dir): Promise<SourceTree> {
  const files = new Map<string, Buffer>();
  let total = 0;
  const walk = async (abs: string, rel: string): Promise<void> => {
    const entries = await readdir(abs, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const childAbs = path.join(abs, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(childAbs, childRel);
        continue;
      }
      if (!e.isFile()) continue;
      const size = (await stat(childAbs)).size;
      total += size;
      if (files.size >= LIMITS.files || total > LIMITS.bytes)
        throw new ImportError(
          `${label} holds more than ${LIMITS.files} files or ${LIMITS.bytes / 1024 / 1024} MiB: that is not an MI project (check the path).`,
        );
      files.set(childRel, await readFile(childAbs));
    }
  };
  try {
    await walk(dir, '');
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`cannot read ${label}: ${(e as Error).message}`);
  }
  return { label, files };
}

/** True when `bytes` start like a zip archive (a .car is one). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

/**
 * Reads a zip archive held in memory. yauzl checks entry names (no absolute paths, no `..`) and
 * that every entry's data matches its declared size; we also cap the count and the total size.
 */
export function treeFromZip(bytes: Buffer, label: string): Promise<SourceTree> {
  return new Promise((resolve, reject) => {
    const fail = (e: Error) =>
      reject(new ImportError(`${label} is not a readable zip archive: ${e.message}`));
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return fail(err);
      const files = new Map<string, Buffer>();
      let total = 0;
      zip.on('error', fail);
      zip.on('end', () => resolve({ label, files }));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        total += entry.uncompressedSize;
        if (files.size >= LIMITS.files || total > LIMITS.bytes) {
          zip.close();
          return reject(
            new ImportError(
              `${label} unpacks to more than ${LIMITS.files} files or ${LIMITS.bytes / 1024 / 1024} MiB.`,
            ),
          );
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e) return fail(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', fail);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
