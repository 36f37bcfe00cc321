/**
 * Project search: names, mediators (kind, label, summary) and XML text, each hit naming what to
 * open and select; an XML hit inside a mediator selects it, even after edits (positions are read
 * again from the text).
 */
import { changeMediator, type Project } from '@mediate/engine';
import { describe, expect, it } from 'vitest';
import { searchProject } from '../src/search/project-search.js';
import { DISPATCH_FILE, OUT_FILE, seedProject } from './fixtures.js';

const brief = (p: Project, q: string) =>
  searchProject(p, q).map((h) => [h.kind, h.artifact, h.path?.join('/') ?? '', h.line ?? 0]);

describe('searchProject', () => {
  it('finds artifacts by name, case-insensitively', () => {
    expect(brief(seedProject(), 'OUTDISPATCH')).toEqual([['artifact', 'outDispatchSeq', '', 0]]);
    expect(searchProject(seedProject(), '   ')).toEqual([]);
  });

  it('finds mediators by kind and summary, and does not repeat their XML line', () => {
    expect(brief(seedProject(), 'send')).toEqual([['mediator', 'dispatchSeq', 'sequence/0/body/2', 0]]);
    const hits = searchProject(seedProject(), 'out_only');
    expect(hits.map((h) => [h.kind, h.text])).toEqual([['mediator', 'Property: OUT_ONLY = true']]);
    expect(hits[0]?.key).toBe(DISPATCH_FILE);
  });

  it('finds XML text, with its line and the mediator around it', () => {
    expect(brief(seedProject(), 'type="STRING"')).toEqual([['xml', 'dispatchSeq', 'sequence/0/body/1', 4]]);
    expect(searchProject(seedProject(), 'type="STRING"')[0]?.text).toBe(
      '<property name="FORCE_SC_ACCEPTED" scope="axis2" type="STRING" value="true"/>',
    );
    // Outside any mediator: the root element's line.
    expect(brief(seedProject(), 'ws.apache.org')).toEqual([
      ['xml', 'dispatchSeq', '', 1],
      ['xml', 'outDispatchSeq', '', 1],
    ]);
  });

  it('maps XML hits to mediators after an edit too', () => {
    const p = changeMediator(seedProject(), {
      artifact: { type: 'sequence', name: 'outDispatchSeq' },
      path: ['sequence', 0],
      values: { category: 'WARN' },
    });
    expect(brief(p, 'category="warn"')).toEqual([['xml', 'outDispatchSeq', 'sequence/0', 2]]);
    expect(searchProject(p, 'category')[0]?.key).toBe(OUT_FILE);
  });
});
