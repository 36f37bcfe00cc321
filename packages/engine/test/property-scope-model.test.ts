/**
 * The property mediator's `registry` scope (refused: Mediate has no registry to write to) and
 * deployment.toml's `[system.parameter]` table (the system properties `get-property('system', …)`
 * reads), in the model: diagnostics naming the field, no runtime needed.
 */
import { describe, expect, it } from 'vitest';
import { buildProject, parseProjectConfig, validateProject } from '../src/model/index.js';
import { sequenceProject } from './model-helpers.js';

const seq = (body: string) => `<sequence name="s" xmlns="http://ws.apache.org/ns/synapse">${body}</sequence>`;

describe('property scope="registry"', () => {
  // PropertyMediator.mediate (SCOPE_REGISTRY) writes a resource property into MI's registry;
  // Mediate has none, so the write is refused rather than silently lost.
  it.each([
    ['a set', '<property name="p" value="v" scope="registry"/>'],
    ['a remove', '<property name="p" action="remove" scope="registry"/>'],
  ])('%s is an error on the scope field', (_what, xml) => {
    const issues = validateProject(sequenceProject(seq(xml))).filter(
      (d) => d.code === 'PROPERTY_REGISTRY_SCOPE',
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', field: 'scope', artifact: 's' });
    expect(issues[0]?.message).toMatch(/scope="registry".*Mediate does not have/);
  });

  it('other scopes are not affected', () => {
    const xml = seq(
      '<property name="p" value="v" scope="system"/><property name="q" value="v" scope="axis2"/>',
    );
    expect(validateProject(sequenceProject(xml))).toEqual([]);
  });
});

describe('[system.parameter] in deployment.toml', () => {
  // MI's config tool writes [system.parameter] into carbon.properties, loaded as system properties.
  it('reads quoted and dotted keys, numbers and booleans as text', () => {
    const { config, diagnostics } = parseProjectConfig(
      `[system.parameter]\n'org.wso2.x' = "a"\nb.c = 3\nflag = true\n`,
    );
    expect(diagnostics).toEqual([]);
    expect([...config.systemProperties]).toEqual([
      ['org.wso2.x', 'a'],
      ['b.c', '3'],
      ['flag', 'true'],
    ]);
  });

  it('refuses a value that is not text, naming the key', () => {
    const { diagnostics } = parseProjectConfig(`[system.parameter]\nlist = [1, 2]\n`);
    expect(diagnostics).toMatchObject([{ severity: 'error', code: 'CONFIG_VALUE' }]);
    expect(diagnostics[0]?.message).toContain("[system.parameter] 'list'");
  });

  it('is empty without the table', () => {
    const { project } = buildProject('', []);
    expect(project.config.systemProperties.size).toBe(0);
  });
});
