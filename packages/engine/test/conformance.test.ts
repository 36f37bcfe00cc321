/**
 * The conformance corpus: real Synapse files written upstream. Every well-formed one parses,
 * validates without crashing and serializes back to the same bytes; every malformed one gives
 * a located diagnostic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProject, parseArtifact, serializeArtifact, validateProject } from '../src/model/index.js';
import { decodeXmlBytes, encodeXmlText } from '../src/model/xml/xml-encoding.js';
import { HAS_SHARED, SHARED_DIR, SHARED_SKIP_REASON } from './shared-dir.js';

const corpus = join(SHARED_DIR, 'conformance', 'synapse-corpus');
const rows = (HAS_SHARED ? readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8') : '')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .map(([file, , , , root, , , status]) => ({
    file: file as string,
    root: root as string,
    status: status as string,
  }));

const ok = rows.filter((r) => r.status === 'ok');
const malformed = rows.filter((r) => r.status === 'malformed-upstream');

// Without the corpus the whole suite is one skipped test whose name says why and what to do.
describe.skipIf(!HAS_SHARED)(
  HAS_SHARED ? 'conformance corpus' : `conformance corpus (${SHARED_SKIP_REASON})`,
  () => {
    it('has the 400 well-formed and 5 malformed files the README lists', () => {
      expect(ok.length).toBe(400);
      expect(malformed.length).toBe(5);
    });

    it.each(ok.map((r) => [r.file, r] as const))(
      '%s parses, validates and round-trips byte for byte',
      (_name, row) => {
        const bytes = readFileSync(join(corpus, row.file));
        const text = decodeXmlBytes(bytes);
        const parsed = parseArtifact(text, row.file);
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.artifact).toBeDefined();
        const out = encodeXmlText(serializeArtifact(parsed.artifact!), text);
        expect(Buffer.from(out).equals(bytes)).toBe(true);
        const rootName = parsed.artifact!.doc.root.name.replace(/^.*:/, '');
        expect(rootName).toBe(row.root);
        const { project } = buildProject('', [{ path: row.file, text }]);
        expect(() => validateProject(project)).not.toThrow();
      },
    );

    it.each(malformed.map((r) => [r.file, r] as const))('%s gives a located error', (_name, row) => {
      const text = decodeXmlBytes(readFileSync(join(corpus, row.file)));
      const parsed = parseArtifact(text, row.file);
      expect(parsed.artifact).toBeUndefined();
      expect(parsed.diagnostics).toHaveLength(1);
      const d = parsed.diagnostics[0]!;
      expect(d.severity).toBe('error');
      expect(d.line).toBeGreaterThan(0);
      expect(d.column).toBeGreaterThan(0);
      expect(d.message.length).toBeGreaterThan(10);
    });
  },
);
