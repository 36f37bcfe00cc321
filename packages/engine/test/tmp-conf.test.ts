import { readFileSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { it } from 'vitest';
import { buildProject, parseArtifact, validateProject } from '../src/model/index.js';
import { decodeXmlBytes } from '../src/model/xml/xml-encoding.js';
it('conf', () => {
  const files = execSync("grep -l -E '<(xslt|fastXSLT|validate)\\b' -r /work/shared/conformance").toString().trim().split('\n');
  for (const f of files) {
    const text = decodeXmlBytes(readFileSync(f));
    const { project } = buildProject('', [{ path: f.replace(/^.*synapse-corpus\//, ''), text }]);
    const d = validateProject(project).filter((x) => x.severity === 'error');
    console.log('FILE', f.replace(/^.*conformance\//, ''), d.map((x) => `${x.code}: ${x.message}`).join(' | ').slice(0, 600));
  }
});
