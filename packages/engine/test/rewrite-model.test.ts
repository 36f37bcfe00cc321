/**
 * The rewrite mediator in the model: its rules read from the XML, byte-for-byte round trips, and
 * a located diagnostic for each input URLRewriteMediatorFactory (and the evaluator factories)
 * refuse at deploy time.
 */
import { describe, expect, it } from 'vitest';
import { findArtifact, serializeArtifact, validateProject, type Project } from '../src/model/index.js';
import { readRewriteRules } from '../src/model/catalog/rewrite-rules.js';
import { sequenceProject } from './model-helpers.js';

const seq = (body: string) =>
  `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">\n  <rewrite>\n    <rewriterule>\n${body}\n    </rewriterule>\n  </rewrite>\n</sequence>\n`;

const project = (xml: string): Project => sequenceProject(xml);

const problems = (body: string) =>
  validateProject(project(seq(body)))
    .filter((d) => d.artifact === 's')
    .map((d) => ({ code: d.code, line: d.line, message: d.message }));

describe('reading rewrite rules', () => {
  it('reads actions with their defaults (set, full) and the condition tree', () => {
    const p = project(
      seq(`      <condition><or><equal source="H" value="v"/><not><match type="url" source="path" regex="/a.*"/></not></or></condition>
      <action value="http://x/"/>
      <action type="replace" fragment="path" regex="a" xpath="//b" resolve="TRUE"/>`),
    );
    expect(serializeArtifact(findArtifact(p, { type: 'sequence', name: 's' })!)).toBe(
      seq(`      <condition><or><equal source="H" value="v"/><not><match type="url" source="path" regex="/a.*"/></not></or></condition>
      <action value="http://x/"/>
      <action type="replace" fragment="path" regex="a" xpath="//b" resolve="TRUE"/>`),
    );
    const el = findArtifact(p, { type: 'sequence', name: 's' })!.lists[0]!.mediators[0]!.element;
    const { rules, issues } = readRewriteRules(el);
    expect(issues).toEqual([]);
    expect(rules).toHaveLength(1);
    expect(rules[0]!.condition).toEqual({
      op: 'or',
      items: [
        { op: 'equal', source: { type: 'header', name: 'H' }, value: 'v' },
        { op: 'not', item: { op: 'match', source: { type: 'url', fragment: 'path' }, regex: '/a.*' } },
      ],
    });
    expect(rules[0]!.actions.map(({ element: _e, ...a }) => a)).toEqual([
      { type: 'set', fragment: 'full', value: 'http://x/', resolve: false },
      { type: 'replace', fragment: 'path', xpath: '//b', regex: 'a', resolve: true },
    ]);
  });

  it('validates a rule without actions, a remove without a value and an empty condition', () => {
    expect(problems('      <condition/>\n      <action type="remove" fragment="query"/>')).toEqual([]);
    expect(validateProject(project(seq(''))).filter((d) => d.artifact === 's')).toEqual([]);
  });
});

describe('rewrite diagnostics, located at the element', () => {
  it.each([
    ['<action type="move" value="x"/>', 'REWRITE_ACTION_TYPE', /Unknown rewrite action type 'move'/],
    ['<action fragment="scheme" value="x"/>', 'REWRITE_FRAGMENT', /Unknown URL fragment 'scheme'/],
    ['<action type="append" fragment="path"/>', 'REWRITE_ACTION_VALUE', /needs a value or an xpath/],
    ['<action type="replace" fragment="path" value="x"/>', 'REWRITE_ACTION_REGEX', /needs a regex/],
    ['<action type="replace" fragment="path" regex="a(" value="x"/>', 'REGEX_SYNTAX', /regex is not valid/],
    ['<action fragment="host" xpath="//a["/>', 'EXPRESSION_SYNTAX', /xpath/],
    [
      '<action type="remove-query-param" fragment="path" value="a"/>',
      'REWRITE_ACTION_TYPE',
      /only allowed for the query/,
    ],
    ['<action fragment="port" value="eighty"/>', 'REWRITE_PORT', /not a whole number/],
  ])('%s → %s', (action, code, message) => {
    const d = problems(`      ${action}`);
    expect(d).toEqual([{ code, line: 4, message: expect.stringMatching(message) }]);
  });

  it.each([
    ['<and><equal source="a" value="b"/></and>', /two or more/],
    ['<not/>', /needs a condition/],
    ['<exists source="a"/>', /not a condition/],
    ['<equal type="soap" source="//a" value="b"/>', /'soap' are not supported/],
    ['<equal type="body" source="a" value="b"/>', /Unknown condition type 'body'/],
    ['<equal type="param" value="b"/>', /needs a 'source'/],
    ['<equal source="a"/>', /needs a 'value'/],
    ['<match type="url" source="host"/>', /needs a 'regex'/],
    ['<match type="url" source="hostname" regex="a"/>', /not one of protocol/],
  ])('condition %s', (condition, message) => {
    const d = problems(
      `      <condition>\n        ${condition}\n      </condition>\n      <action value="x"/>`,
    );
    expect(d).toEqual([{ code: 'REWRITE_CONDITION', line: 5, message: expect.stringMatching(message) }]);
  });

  it('reports a bad match regex as REGEX_SYNTAX', () => {
    const d = problems(
      '      <condition><match type="url" regex="(a"/></condition>\n      <action value="x"/>',
    );
    expect(d.map((x) => x.code)).toEqual(['REGEX_SYNTAX']);
  });
});
