/**
 * MI's default `main` and `fault` sequences (distribution/src/conf/synapse-configs/default),
 * used when a project defines none.
 */
import { parseArtifact } from '../../model/artifacts/artifact-parse.js';
import type { Artifact } from '../../model/artifacts/artifact-types.js';

const MAIN = `<sequence name="main" xmlns="http://ws.apache.org/ns/synapse">
    <in>
        <log level="custom">
            <property name="main sequence executed for call to non-existent" expression="get-property('To')"/>
        </log>
        <property name="NO_ENTITY_BODY" scope="axis2" value="true" type="BOOLEAN"/>
        <property name="HTTP_SC" scope="axis2" value="404"/>
        <respond/>
    </in>
</sequence>
`;

const FAULT = `<sequence name="fault" xmlns="http://ws.apache.org/ns/synapse">
    <log level="full">
        <property name="MESSAGE" value="Executing default 'fault' sequence"/>
        <property name="ERROR_CODE" expression="get-property('ERROR_CODE')"/>
        <property name="ERROR_MESSAGE" expression="get-property('ERROR_MESSAGE')"/>
    </log>
    <drop/>
</sequence>
`;

function read(xml: string): Artifact {
  const parsed = parseArtifact(xml, 'default');
  if (!parsed.artifact || parsed.artifact.type === 'definitions')
    throw new Error('A built-in default sequence does not parse.');
  return parsed.artifact;
}

/** The default sequence artifacts, by name. */
export const DEFAULT_SEQUENCES: ReadonlyMap<string, Artifact> = new Map([
  ['main', read(MAIN)],
  ['fault', read(FAULT)],
]);
