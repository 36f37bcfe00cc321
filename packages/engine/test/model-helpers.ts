/**
 * Model test support: projects built from text, failing the test when they do not parse.
 */
import { expect } from 'vitest';
import { buildProject, type Project } from '../src/model/index.js';

/** A project of these files (path to text). */
export function filesProject(files: Readonly<Record<string, string>>): Project {
  const { project, diagnostics } = buildProject(
    '',
    Object.entries(files).map(([path, text]) => ({ path, text })),
  );
  expect(diagnostics).toEqual([]);
  return project;
}

/** A project holding one sequence file, `artifacts/sequences/s.xml`, with this text, and `others`. */
export function sequenceProject(xml: string, others: Readonly<Record<string, string>> = {}): Project {
  return filesProject({ 'artifacts/sequences/s.xml': xml, ...others });
}
