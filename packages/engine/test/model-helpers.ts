/**
 * Model test support: projects built from text, failing the test when they do not parse.
 */
import { expect } from 'vitest';
import { buildProject, type Project } from '../src/model/index.js';

/** A project holding one sequence file, `artifacts/sequences/s.xml`, with this text. */
export function sequenceProject(xml: string): Project {
  const { project, diagnostics } = buildProject('', [{ path: 'artifacts/sequences/s.xml', text: xml }]);
  expect(diagnostics).toEqual([]);
  return project;
}
