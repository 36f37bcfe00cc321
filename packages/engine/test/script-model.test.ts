/**
 * The script mediator in the model: its values as read (the inline source is the element's own
 * text and CDATA), its located diagnostics at validate time (ScriptMediatorFactory's rules, a
 * syntax error found by parsing, never by running), and an inspector edit of the source.
 */
import { describe, expect, it } from 'vitest';
import {
  artifactPath,
  buildProject,
  changeMediator,
  findArtifact,
  parseProjectConfig,
  serializeArtifact,
  validateProject,
  type Diagnostic,
  type Project,
  type SequenceArtifact,
} from '../src/model/index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const doc = (...lines: string[]) => `${lines.join('\n')}\n`;

function projectOf(body: string[]): Project {
  const { project, diagnostics } = buildProject('', [
    { path: artifactPath('sequence', 's'), text: doc(`<sequence name="s" ${NS}>`, ...body, '</sequence>') },
    {
      path: artifactPath('localEntry', 'lib'),
      text: doc(`<localEntry key="lib" ${NS}><![CDATA[function mediate(mc) { return true; }]]></localEntry>`),
    },
  ]);
  expect(diagnostics).toEqual([]);
  return project;
}

const validate = (...body: string[]): Diagnostic[] => validateProject(projectOf(body));

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => d.code);

describe('script values', () => {
  it('reads the inline source untrimmed from the CDATA, and keyed scripts with their includes', () => {
    const p = projectOf([
      '  <script language="js"><![CDATA[',
      '    mc.setProperty("a", 1);',
      '  ]]></script>',
      '  <script language="js" key="lib" function="mediate"><include key="lib"/></script>',
    ]);
    const s = findArtifact(p, { type: 'sequence', name: 's' }) as SequenceArtifact;
    const [inline, keyed] = s.lists[0]!.mediators;
    expect(inline!.kind).toBe('script');
    expect(inline!.values.source).toBe('\n    mc.setProperty("a", 1);\n  ');
    expect(keyed!.values).toMatchObject({
      language: 'js',
      key: 'lib',
      function: 'mediate',
      includes: [{ key: 'lib' }],
    });
    expect(keyed!.values.source).toBeUndefined();
  });

  it('gives no diagnostic for a good inline or keyed script', () => {
    expect(
      validate(
        '  <script language="js"><![CDATA[var p = mc.getPayloadJSON(); p.n = 1; mc.setPayloadJSON(p);]]></script>',
        '  <script language="nashornJs" key="lib"/>',
      ),
    ).toEqual([]);
  });
});

describe('script diagnostics at validate time', () => {
  it('SCRIPT_SYNTAX: located at the script element, with the line and column in the script', () => {
    const ds = validate('  <script language="js"><![CDATA[', '    var a = ;', '  ]]></script>');
    expect(codes(ds)).toEqual(['SCRIPT_SYNTAX']);
    expect(ds[0]).toMatchObject({ severity: 'error', artifact: 's', line: 2, column: 3, field: 'source' });
    expect(ds[0]!.message).toContain('script line 2, column 13');
    expect(ds[0]!.message).toContain('Unexpected token');
  });

  it('SCRIPT_SYNTAX: a top-level return (GraalJS evaluates inline scripts as a script)', () => {
    expect(codes(validate('  <script language="js">return false;</script>'))).toEqual(['SCRIPT_SYNTAX']);
  });

  it("SCRIPT_E4X: Rhino's XML literals and for each get a clear diagnostic", () => {
    const literal = validate(
      '  <script language="rhinoJs"><![CDATA[mc.setPayloadXML(<a>{1}</a>);]]></script>',
    );
    expect(codes(literal)).toEqual(['SCRIPT_E4X']);
    expect(literal[0]!.message).toContain('E4X');
    expect(literal[0]!.message).toContain('mc.setPayloadXML');
    // Synapse sample 351: a descendant step with any namespace.
    const descendant = validate(
      '  <script language="js">var symbol = mc.getPayloadXML()..*::Code.toString();</script>',
    );
    expect(codes(descendant)).toEqual(['SCRIPT_E4X']);
    const forEach = validate('  <script language="js"><![CDATA[for each (var x in list) { }]]></script>');
    expect(codes(forEach)).toEqual(['SCRIPT_E4X']);
  });

  it('SCRIPT_LANGUAGE_UNSUPPORTED for a language other than JavaScript (ScriptMediatorFactory: any JSR-223 engine)', () => {
    const ds = validate('  <script language="groovy">println 1</script>');
    expect(codes(ds)).toEqual(['SCRIPT_LANGUAGE_UNSUPPORTED']);
    expect(ds[0]!.message).toContain("'groovy' is not supported");
    expect(ds[0]).toMatchObject({ field: 'language', line: 2 });
  });

  it('REQUIRED_FIELD without language (ScriptMediatorFactory: "The \'language\' attribute is required")', () => {
    expect(codes(validate('  <script>mc.getMessageID();</script>'))).toEqual(['REQUIRED_FIELD']);
  });

  it("SCRIPT_FUNCTION_WITHOUT_KEY (ScriptMediatorFactory: \"Cannot use 'function' attribute without 'key'\")", () => {
    const ds = validate('  <script language="js" function="f">mc.getMessageID();</script>');
    expect(codes(ds)).toEqual(['SCRIPT_FUNCTION_WITHOUT_KEY']);
  });

  it('REF_LOCAL_ENTRY_MISSING for a key or include that names no local entry', () => {
    const ds = validate('  <script language="js" key="nope"><include key="gone"/></script>');
    expect(codes(ds).sort()).toEqual(['REF_LOCAL_ENTRY_MISSING', 'REF_LOCAL_ENTRY_MISSING']);
  });

  it('SCRIPT_DYNAMIC_KEY: a key computed per message cannot be compiled at deploy time', () => {
    expect(codes(validate(`  <script language="js" key="{get-property('k')}"/>`))).toContain(
      'SCRIPT_DYNAMIC_KEY',
    );
  });

  it('SCRIPT_INCLUDE_IGNORED (warning): MI loads includes only for a keyed script', () => {
    const ds = validate('  <script language="js"><include key="lib"/>mc.getMessageID();</script>');
    expect(ds.map((d) => [d.code, d.severity])).toEqual([['SCRIPT_INCLUDE_IGNORED', 'warning']]);
  });
});

describe('editing a script', () => {
  it('writes the inline source as CDATA and keeps the include elements', () => {
    const p = projectOf(['  <script language="js" key="lib"><include key="lib"/></script>']);
    const ref = { type: 'sequence', name: 's' } as const;
    const after = changeMediator(p, {
      artifact: ref,
      path: ['sequence', 0],
      values: { key: null, source: 'if (a < b) mc.setProperty("x", "y");' },
    });
    const text = serializeArtifact(findArtifact(after, ref)!);
    expect(text).toContain(
      '<script language="js"><![CDATA[if (a < b) mc.setProperty("x", "y");]]><include key="lib"/></script>',
    );
    const s = findArtifact(after, ref) as SequenceArtifact;
    expect(s.lists[0]!.mediators[0]!.values.source).toBe('if (a < b) mc.setProperty("x", "y");');
  });
});

describe('[mediate.script] in deployment.toml', () => {
  it('timeout_ms defaults to 1000 and takes a whole number of milliseconds', () => {
    expect(parseProjectConfig('').config.script.timeoutMs).toBe(1000);
    expect(parseProjectConfig('[mediate.script]\ntimeout_ms = 250\n').config.script.timeoutMs).toBe(250);
    const bad = parseProjectConfig('[mediate.script]\ntimeout_ms = 0\n');
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['CONFIG_VALUE']);
    expect(bad.diagnostics[0]!.message).toContain('[mediate.script] timeout_ms');
  });
});
