/**
 * Issue 18, F2: reading XML costs time in proportion to its size whatever its shape, and a
 * document past the reader's limits is refused with a located error instead of being worked
 * through. The report's file: one element with 110,000 attributes (942 KB) took 29 s, because
 * duplicate attributes were found by scanning a list.
 *
 * The timing is a ratio against reading a normal file of the same size, measured in the same
 * run (best of three each), never an absolute time.
 */
import { describe, expect, it } from 'vitest';
import { parseArtifact } from '../src/model/index.js';
import { XML_LIMITS } from '../src/model/xml/xml-scanner.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** Best of three wall-clock times of `fn`, in ms. */
function bestOf3(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** A sequence of ordinary mediators, about `size` characters long. */
function normalFile(size: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const part = `  <log level="custom"><property name="p${i}" value="v${i}"/></log>\n`;
    parts.push(part);
    n += part.length;
  }
  return `<sequence name="normal" ${NS}>\n${parts.join('')}</sequence>\n`;
}

describe('reading XML in linear time (F2)', () => {
  it('refuses the report’s one element with 110,000 attributes at most 3× as slowly as it reads a normal file of that size', () => {
    let attrs = '';
    for (let i = 0; i < 110_000; i++) attrs += ` a${i}="v"`;
    const hostile = `<sequence name="big" ${NS}><log level="full"${attrs}/></sequence>\n`;
    const normal = normalFile(hostile.length);
    const refused = parseArtifact(hostile, 'artifacts/sequences/big.xml');
    expect(refused.diagnostics).toEqual([
      expect.objectContaining({
        code: 'XML_TOO_MANY_ATTRIBUTES',
        message: '<log> has more than 1000 attributes.',
      }),
    ]);
    expect(parseArtifact(normal, 'artifacts/sequences/normal.xml').diagnostics).toEqual([]);
    const ratio =
      bestOf3(() => parseArtifact(hostile, 'artifacts/sequences/big.xml')) /
      bestOf3(() => parseArtifact(normal, 'artifacts/sequences/normal.xml'));
    expect(ratio).toBeLessThan(3);
  });

  it('reads 100 elements of 1,000 attributes each (the limit) at most 3× as slowly as a normal file of that size', () => {
    const elements: string[] = [];
    for (let e = 0; e < 100; e++) {
      let attrs = '';
      for (let i = 0; i < XML_LIMITS.attributes; i++) attrs += ` a${i}="v"`;
      elements.push(`<log level="custom"${attrs.slice(' level="custom"'.length - 1)}/>`);
    }
    // The first attribute of each was replaced by level="custom": still exactly the limit.
    const wide = `<sequence name="wide" ${NS}>\n${elements.join('\n')}\n</sequence>\n`;
    const normal = normalFile(wide.length);
    expect(
      parseArtifact(wide, 'artifacts/sequences/wide.xml').diagnostics.filter((d) =>
        d.code.startsWith('XML_'),
      ),
    ).toEqual([]);
    const ratio =
      bestOf3(() => parseArtifact(wide, 'artifacts/sequences/wide.xml')) /
      bestOf3(() => parseArtifact(normal, 'artifacts/sequences/normal.xml'));
    expect(ratio).toBeLessThan(3);
  });
});

describe('the reader’s limits', () => {
  const read = (text: string) => parseArtifact(text, 'artifacts/sequences/s.xml').diagnostics;

  it('names the element with too many attributes, where the first one too many starts', () => {
    let attrs = '';
    for (let i = 0; i <= XML_LIMITS.attributes; i++) attrs += ` a${i}="v"`;
    // Line 2 starts with '<log' (columns 1-4); the 1001st attribute's name follows its space.
    const space = attrs.indexOf(` a${XML_LIMITS.attributes}=`);
    const [d] = read(`<sequence name="s" ${NS}>\n<log${attrs}/>\n</sequence>\n`);
    expect(d).toMatchObject({ code: 'XML_TOO_MANY_ATTRIBUTES', line: 2, column: '<log'.length + space + 2 });
  });

  it('refuses nesting deeper than the limit, at the first element too deep', () => {
    const depth = XML_LIMITS.depth + 1;
    const text = `<sequence name="s" ${NS}>${'<filter>'.repeat(depth)}${'</filter>'.repeat(depth)}</sequence>`;
    const [d] = read(text);
    expect(d).toMatchObject({ code: 'XML_TOO_DEEP', line: 1 });
    expect(d!.message).toBe(`Elements are nested more than ${XML_LIMITS.depth} levels deep.`);
    // The sequence is depth 0; the filter at depth 501 starts after the 500 before it.
    expect(d!.column).toBe(`<sequence name="s" ${NS}>`.length + 8 * XML_LIMITS.depth + 1);
  });

  it('refuses a text or attribute value over the length limit, where it starts', () => {
    const long = 'x'.repeat(XML_LIMITS.text + 1);
    expect(read(`<sequence name="s" ${NS}><log>${long}</log></sequence>`)[0]).toMatchObject({
      code: 'XML_TEXT_TOO_LONG',
      line: 1,
      column: `<sequence name="s" ${NS}><log>`.length + 1,
      message: `A text has ${long.length} characters; the limit is ${XML_LIMITS.text}.`,
    });
    expect(read(`<sequence name="s" ${NS}><log level="${long}"/></sequence>`)[0]).toMatchObject({
      code: 'XML_TEXT_TOO_LONG',
      message: `The value of attribute 'level' has ${long.length} characters; the limit is ${XML_LIMITS.text}.`,
    });
  });

  it('refuses a document over the size limit before reading it', () => {
    const text = `<sequence name="s" ${NS}><!--${'c'.repeat(XML_LIMITS.document)}--></sequence>`;
    expect(read(text)).toEqual([
      expect.objectContaining({
        code: 'XML_TOO_LARGE',
        line: 1,
        column: 1,
        message: `The document has ${text.length} characters; the limit is ${XML_LIMITS.document}.`,
      }),
    ]);
  });
});
