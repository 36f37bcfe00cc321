/**
 * The edit functions: insert, move (into and out of branches), remove and change, checked on
 * the exact text they produce. An edit changes only the lines of what it edits.
 */
import { describe, expect, it } from 'vitest';
import {
  changeMediator,
  EditError,
  findArtifact,
  insertMediator,
  moveMediator,
  removeMediator,
  serializeArtifact,
  type Project,
} from '../src/model/index.js';
import { sequenceProject } from './model-helpers.js';

const SEQ = `<?xml version="1.0" encoding="UTF-8"?>
<!-- kept -->
<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">
  <log level='full'   category="WARN"/>
  <filter xpath="true()">
    <then>
      <drop/>
    </then>
  </filter>
  <in>
    <property name="a" value="1"/>
  </in>
  <respond/>
</sequence>
`;

const ref = { type: 'sequence', name: 's' } as const;

const project = (xml = SEQ): Project => sequenceProject(xml);

function text(p: Project): string {
  return serializeArtifact(findArtifact(p, ref)!);
}

/** Lines of `after` that are not in `before` (a rough line diff, enough for small edits). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: a.filter((l) => !b.includes(l)), added: b.filter((l) => !a.includes(l)) };
}

describe('insertMediator', () => {
  it('inserts at the front with the siblings indentation and touches no other line', () => {
    const after = text(
      insertMediator(project(), { artifact: ref, list: ['sequence'], index: 0, xml: '<drop/>' }),
    );
    expect(after).toBe(
      SEQ.replace('<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">\n', '$&  <drop/>\n'),
    );
  });

  it('appends a multi-line template indented one level under the parent', () => {
    const after = text(
      insertMediator(project(), { artifact: ref, list: ['sequence'], index: 99, kind: 'send' }),
    );
    expect(after).toContain(
      '  <respond/>\n  <send>\n    <endpoint>\n      <address uri="ws://localhost:8082/websocket"/>\n    </endpoint>\n  </send>\n</sequence>',
    );
  });

  it('inserts into an empty then-branch of a filter, opening it', () => {
    const xml = SEQ.replace('<then>\n      <drop/>\n    </then>', '<then/>');
    const after = text(
      insertMediator(project(xml), { artifact: ref, list: ['sequence', 1, 'then'], index: 0, kind: 'log' }),
    );
    expect(after).toContain('    <then>\n      <log level="full"/>\n    </then>');
  });

  it('creates a missing else-branch when inserting into it', () => {
    const p = insertMediator(project(), {
      artifact: ref,
      list: ['sequence', 1, 'else'],
      index: 0,
      kind: 'respond',
    });
    expect(text(p)).toContain('    </then>\n    <else>\n      <respond/>\n    </else>\n  </filter>');
    const filter = findArtifact(p, ref)!.lists[0]!.mediators[1]!;
    expect(filter.branches.else!.map((m) => m.kind)).toEqual(['respond']);
  });

  it('wraps a filter body into <then> before adding <else>', () => {
    const xml = SEQ.replace('<then>\n      <drop/>\n    </then>', '<drop/>');
    const p = insertMediator(project(xml), {
      artifact: ref,
      list: ['sequence', 1, 'else'],
      index: 0,
      kind: 'respond',
    });
    const filter = findArtifact(p, ref)!.lists[0]!.mediators[1]!;
    expect(filter.branches.then!.map((m) => m.kind)).toEqual(['drop']);
    expect(filter.branches.else!.map((m) => m.kind)).toEqual(['respond']);
    expect(text(p)).toContain(
      '<filter xpath="true()">\n    <then>\n      <drop/>\n    </then>\n    <else>\n      <respond/>\n    </else>\n  </filter>',
    );
  });

  it('refuses malformed XML with a clear error', () => {
    expect(() =>
      insertMediator(project(), { artifact: ref, list: ['sequence'], index: 0, xml: '<log' }),
    ).toThrow(EditError);
    expect(() => insertMediator(project(), { artifact: ref, list: ['nope'], index: 0, kind: 'log' })).toThrow(
      /no mediator list 'nope'/,
    );
  });
});

describe('removeMediator', () => {
  it('removes the element and its line only', () => {
    const after = text(removeMediator(project(), { artifact: ref, path: ['sequence', 3] }));
    expect(changedLines(SEQ, after)).toEqual({ removed: ['  <respond/>'], added: [] });
  });

  it('collapses a container left empty', () => {
    const after = text(removeMediator(project(), { artifact: ref, path: ['sequence', 2, 'body', 0] }));
    expect(after).toContain('  <in/>\n  <respond/>');
  });
});

describe('moveMediator', () => {
  it('moves within a list', () => {
    const p = moveMediator(project(), {
      artifact: ref,
      from: ['sequence', 3],
      toList: ['sequence'],
      index: 0,
    });
    expect(findArtifact(p, ref)!.lists[0]!.mediators.map((m) => m.kind)).toEqual([
      'respond',
      'log',
      'filter',
      'in',
    ]);
  });

  it('moves down within a list, counting the index before the move', () => {
    const p = moveMediator(project(), {
      artifact: ref,
      from: ['sequence', 0],
      toList: ['sequence'],
      index: 3,
    });
    expect(findArtifact(p, ref)!.lists[0]!.mediators.map((m) => m.kind)).toEqual([
      'filter',
      'in',
      'log',
      'respond',
    ]);
    expect(text(p)).toContain('  <log level=\'full\'   category="WARN"/>\n  <respond/>');
  });

  it('moves into a branch, re-indenting to the new depth', () => {
    const p = moveMediator(project(), {
      artifact: ref,
      from: ['sequence', 3],
      toList: ['sequence', 2, 'body'],
      index: 1,
    });
    expect(text(p)).toContain(
      '  <in>\n    <property name="a" value="1"/>\n    <respond/>\n  </in>\n</sequence>',
    );
  });

  it('moves out of a branch to the top level', () => {
    const p = moveMediator(project(), {
      artifact: ref,
      from: ['sequence', 1, 'then', 0],
      toList: ['sequence'],
      index: 4,
    });
    const kinds = findArtifact(p, ref)!.lists[0]!.mediators.map((m) => m.kind);
    expect(kinds).toEqual(['log', 'filter', 'in', 'respond', 'drop']);
    expect(text(p)).toContain('    <then/>\n');
  });

  it('refuses to move a container into itself', () => {
    expect(() =>
      moveMediator(project(), {
        artifact: ref,
        from: ['sequence', 2],
        toList: ['sequence', 2, 'body'],
        index: 0,
      }),
    ).toThrow(/into itself/);
  });
});

describe('changeMediator', () => {
  it('changes one attribute in place, keeping its quotes and the other attributes', () => {
    const after = text(
      changeMediator(project(), { artifact: ref, path: ['sequence', 0], values: { level: 'custom' } }),
    );
    expect(changedLines(SEQ, after)).toEqual({
      removed: ['  <log level=\'full\'   category="WARN"/>'],
      added: ['  <log level=\'custom\'   category="WARN"/>'],
    });
  });

  it('adds and removes attributes and escapes values', () => {
    const p = changeMediator(project(), {
      artifact: ref,
      path: ['sequence', 2, 'body', 0],
      values: { value: null, expression: 'concat(\'a\', "<b>")', scope: 'axis2' },
    });
    expect(text(p)).toContain(
      `<property name="a" expression="concat('a', &quot;&lt;b>&quot;)" scope="axis2"/>`,
    );
    const m = findArtifact(p, ref)!.lists[0]!.mediators[2]!.branches.body![0]!;
    expect(m.values.expression).toBe('concat(\'a\', "<b>")');
    expect(m.values.value).toBeUndefined();
  });

  it('writes list rows as child elements', () => {
    const p = changeMediator(project(), {
      artifact: ref,
      path: ['sequence', 0],
      values: {
        properties: [
          { name: 'who', expression: "get-property('To')" },
          { name: 'n', value: '1' },
        ],
      },
    });
    expect(text(p)).toContain(
      `  <log level='full'   category="WARN">\n    <property name="who" expression="get-property('To')"/>\n    <property name="n" value="1"/>\n  </log>`,
    );
    const rows = findArtifact(p, ref)!.lists[0]!.mediators[0]!.values.properties;
    expect(rows).toEqual([
      { name: 'who', value: undefined, expression: "get-property('To')", scope: undefined },
      { name: 'n', value: '1', expression: undefined, scope: undefined },
    ]);
  });

  it('sets a send endpoint', () => {
    let p = insertMediator(project(), { artifact: ref, list: ['sequence'], index: 99, xml: '<send/>' });
    p = changeMediator(p, {
      artifact: ref,
      path: ['sequence', 4],
      values: { endpoint: { uri: 'ws://127.0.0.1:9/x' } },
    });
    const send = findArtifact(p, ref)!.lists[0]!.mediators[4]!;
    expect(send.values.endpoint).toMatchObject({ kind: 'address', uri: 'ws://127.0.0.1:9/x' });
  });

  it('action="remove" drops what a removed property ignores: value, expression, type, pattern', () => {
    const withAll = SEQ.replace(
      '<property name="a" value="1"/>',
      '<property name="a" value="1" type="INTEGER" scope="axis2" pattern="(\\d)" group="1"/>',
    );
    const p = changeMediator(project(withAll), {
      artifact: ref,
      path: ['sequence', 2, 'body', 0],
      values: { action: 'remove' },
    });
    expect(changedLines(withAll, text(p)).added).toEqual([
      '    <property name="a" scope="axis2" action="remove"/>',
    ]);
    // Back to set: nothing comes back by itself; the user fills in a value.
    const q = changeMediator(p, {
      artifact: ref,
      path: ['sequence', 2, 'body', 0],
      values: { action: 'set' },
    });
    expect(text(q)).toContain('<property name="a" scope="axis2" action="set"/>');
  });

  it('a change that names an inactive field keeps what it says', () => {
    const p = changeMediator(project(), {
      artifact: ref,
      path: ['sequence', 2, 'body', 0],
      values: { action: 'remove', value: '1' },
    });
    expect(text(p)).toContain('<property name="a" value="1" action="remove"/>');
  });

  it('rejects an unknown field', () => {
    expect(() =>
      changeMediator(project(), { artifact: ref, path: ['sequence', 0], values: { loud: 'yes' } }),
    ).toThrow(/no field 'loud'/);
  });
});
