/** Seed Example 2 as files, and a project built from them, for the studio's unit tests. */
import { buildProject, type Project } from '@mediate/engine';

export const DISPATCH = `<sequence name="dispatchSeq" xmlns="http://ws.apache.org/ns/synapse">
    <in>
        <property name="OUT_ONLY" value="true"/>
        <property name="FORCE_SC_ACCEPTED" scope="axis2" type="STRING" value="true"/>
        <send>
            <endpoint>
                <address uri="ws://localhost:8082/websocket"/>
            </endpoint>
        </send>
    </in>
</sequence>
`;

export const OUT = `<sequence name="outDispatchSeq" xmlns="http://ws.apache.org/ns/synapse">
    <log level="full"/>
</sequence>
`;

export const DISPATCH_FILE = 'artifacts/sequences/dispatchSeq.xml';
export const OUT_FILE = 'artifacts/sequences/outDispatchSeq.xml';

/** The two sequences of the seed's Example 2. */
export function seedProject(): Project {
  return buildProject('', [
    { path: DISPATCH_FILE, text: DISPATCH },
    { path: OUT_FILE, text: OUT },
  ]).project;
}
