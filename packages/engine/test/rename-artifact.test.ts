/**
 * `planArtifactRename`: a rename moves the artifact's file, renames it, and rewrites every
 * reference to it — in proxies, APIs, inbound endpoints, sequences, mediators and
 * deployment.toml — changing nothing else in those files, byte for byte. Refusals change nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  buildProject,
  findArtifact,
  planArtifactRename,
  renameConfigSequence,
  RenameError,
  validateProject,
  type ArtifactRename,
  type Project,
  type ProjectFile,
} from '../src/model/index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

const FILES: Record<string, string> = {
  'artifacts/sequences/replySeq.xml': `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="replySeq" onError="replySeq" ${NS}>
   <log level="full"/>
   <filter xpath="true()">
      <then>
         <sequence key='replySeq'/>
      </then>
   </filter>
   <respond/>
</sequence>
`,
  'artifacts/sequences/mainSeq.xml': `<sequence name="mainSeq" onError = "replySeq" ${NS}>
    <!-- replySeq in a comment stays -->
    <send receive="replySeq">
        <endpoint key="Backend"/>
    </send>
    <sequence key="{get-property('next')}"/>
    <sequence key="replySeqX"/>
</sequence>
`,
  'artifacts/proxy-services/P.xml': `<proxy ${NS}
       name="P" transports="http">
    <target inSequence="mainSeq"
            faultSequence="replySeq" endpoint="Backend">
        <outSequence onError="replySeq">
            <sequence key="replySeq"/>
        </outSequence>
    </target>
    <publishWSDL key="wsdlEntry"/>
</proxy>
`,
  'artifacts/apis/A.xml': `<api name="A" context="/a" ${NS}>
    <resource methods="POST" inSequence="replySeq"/>
    <resource methods="GET" outSequence="mainSeq">
        <inSequence onError="replySeq"><respond/></inSequence>
    </resource>
</api>
`,
  'artifacts/inbound-endpoints/In.xml': `<inboundEndpoint name="In" protocol="ws" sequence="replySeq" onError="replySeq" suspend="false" ${NS}>
    <parameters>
        <parameter name="inbound.ws.port">9092</parameter>
        <parameter name="ws.outflow.dispatch.sequence"> replySeq </parameter>
        <parameter name="ws.outflow.dispatch.fault.sequence">replySeq</parameter>
        <parameter name="ws.client.side.broadcast.level" key="wsdlEntry"/>
    </parameters>
</inboundEndpoint>
`,
  'artifacts/endpoints/Backend.xml': `<endpoint name="Backend" ${NS}>
    <address uri="ws://localhost:8082/websocket"/>
</endpoint>
`,
  'artifacts/endpoints/Pair.xml': `<endpoint name="Pair" ${NS}>
    <failover>
        <endpoint key="Backend"/>
        <endpoint><address uri="http://localhost:1/"/></endpoint>
    </failover>
</endpoint>
`,
  'artifacts/local-entries/wsdlEntry.xml': `<localEntry key="wsdlEntry" ${NS}><text/></localEntry>
`,
};

const CONFIG = `# the sender
[transport.ws]
sender.enable = true
sender.outflow_dispatch_sequence = "replySeq"   # replies go here
sender.outflow_dispatch_fault_sequence = 'fault'
`;

function project(files = FILES, config = CONFIG): Project {
  const list: ProjectFile[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  const built = buildProject(config, list);
  expect(built.diagnostics).toEqual([]);
  return built.project;
}

/** The planned text of each file, by path. */
function written(r: ArtifactRename, p = project()) {
  const plan = planArtifactRename(p, r);
  return { plan, text: Object.fromEntries(plan.files.map((f) => [f.path, f.text])) };
}

/** `text` with each `[from, to]` replaced once, in order, failing when one is missing. */
function edited(text: string, ...swaps: [string, string][]): string {
  let out = text;
  for (const [from, to] of swaps) {
    expect(out).toContain(from);
    out = out.replace(from, to);
  }
  return out;
}

describe('renaming a sequence', () => {
  const r = { type: 'sequence', from: 'replySeq', to: 'answerSeq' } as const;

  it('moves its file and rewrites its name and its references to itself', () => {
    const { plan, text } = written(r);
    expect(plan.removed).toBe('artifacts/sequences/replySeq.xml');
    expect(plan.renamed).toBe('artifacts/sequences/answerSeq.xml');
    expect(plan.files.at(-1)?.path).toBe('artifacts/sequences/answerSeq.xml');
    expect(text['artifacts/sequences/answerSeq.xml']).toBe(
      edited(
        FILES['artifacts/sequences/replySeq.xml'] as string,
        ['name="replySeq" onError="replySeq"', 'name="answerSeq" onError="answerSeq"'],
        ["key='replySeq'", "key='answerSeq'"],
      ),
    );
  });

  it('rewrites every reference, byte for byte around it, and leaves dynamic and other names alone', () => {
    const { text } = written(r);
    expect(text['artifacts/sequences/mainSeq.xml']).toBe(
      edited(
        FILES['artifacts/sequences/mainSeq.xml'] as string,
        ['onError = "replySeq"', 'onError = "answerSeq"'],
        ['receive="replySeq"', 'receive="answerSeq"'],
      ),
    );
    expect(text['artifacts/proxy-services/P.xml']).toBe(
      edited(
        FILES['artifacts/proxy-services/P.xml'] as string,
        ['faultSequence="replySeq"', 'faultSequence="answerSeq"'],
        ['<outSequence onError="replySeq">', '<outSequence onError="answerSeq">'],
        ['<sequence key="replySeq"/>', '<sequence key="answerSeq"/>'],
      ),
    );
    expect(text['artifacts/apis/A.xml']).toBe(
      edited(
        FILES['artifacts/apis/A.xml'] as string,
        ['inSequence="replySeq"', 'inSequence="answerSeq"'],
        ['<inSequence onError="replySeq">', '<inSequence onError="answerSeq">'],
      ),
    );
    expect(text['artifacts/inbound-endpoints/In.xml']).toBe(
      edited(
        FILES['artifacts/inbound-endpoints/In.xml'] as string,
        ['sequence="replySeq" onError="replySeq"', 'sequence="answerSeq" onError="answerSeq"'],
        ['> replySeq </parameter>', '> answerSeq </parameter>'],
        ['>replySeq</parameter>', '>answerSeq</parameter>'],
      ),
    );
    // Files without a reference are not written.
    expect(Object.keys(text).sort()).toEqual([
      'artifacts/apis/A.xml',
      'artifacts/inbound-endpoints/In.xml',
      'artifacts/proxy-services/P.xml',
      'artifacts/sequences/answerSeq.xml',
      'artifacts/sequences/mainSeq.xml',
    ]);
  });

  it('rewrites deployment.toml in place and lists every reference', () => {
    const { plan } = written(r);
    expect(plan.configText).toBe(
      edited(CONFIG, ['= "replySeq"   # replies go here', '= "answerSeq"   # replies go here']),
    );
    expect(plan.project.config.wsSender.outflowDispatchSequence).toBe('answerSeq');
    expect(plan.references).toEqual(
      expect.arrayContaining([
        { artifact: 'proxy:P', where: 'target faultSequence' },
        { artifact: 'proxy:P', where: 'target outSequence onError' },
        { artifact: 'proxy:P', where: '<sequence key> at outSequence/0' },
        { artifact: 'sequence:mainSeq', where: '<send receive> at sequence/0' },
        { artifact: 'sequence:answerSeq', where: '<sequence key> at sequence/1/then/0' },
        { artifact: 'api:A', where: 'resource #1 inSequence' },
        { artifact: 'inboundEndpoint:In', where: 'parameter ws.outflow.dispatch.sequence' },
        { artifact: 'deployment.toml', where: 'sender.outflow_dispatch_sequence' },
      ]),
    );
    expect(plan.references).toHaveLength(14);
  });

  it('gives a project that validates as the old one did, with the new name everywhere', () => {
    const before = project();
    const { plan } = written(r, before);
    expect(validateProject(plan.project)).toEqual(validateProject(before));
    expect(findArtifact(plan.project, { type: 'sequence', name: 'replySeq' })).toBeUndefined();
    expect(findArtifact(plan.project, { type: 'sequence', name: 'answerSeq' })?.file).toBe(
      'artifacts/sequences/answerSeq.xml',
    );
  });
});

describe('renaming an endpoint and a local entry', () => {
  it('an endpoint: the proxy target, <endpoint key> in send and in a failover', () => {
    const { plan, text } = written({ type: 'endpoint', from: 'Backend', to: 'Upstream' });
    expect(text['artifacts/proxy-services/P.xml']).toBe(
      edited(FILES['artifacts/proxy-services/P.xml'] as string, [
        'endpoint="Backend"',
        'endpoint="Upstream"',
      ]),
    );
    expect(text['artifacts/sequences/mainSeq.xml']).toBe(
      edited(FILES['artifacts/sequences/mainSeq.xml'] as string, ['key="Backend"', 'key="Upstream"']),
    );
    expect(text['artifacts/endpoints/Pair.xml']).toBe(
      edited(FILES['artifacts/endpoints/Pair.xml'] as string, ['key="Backend"', 'key="Upstream"']),
    );
    expect(plan.configText).toBeUndefined();
    expect(plan.removed).toBe('artifacts/endpoints/Backend.xml');
  });

  it('a local entry: its key, an inbound parameter key and a proxy publishWSDL key', () => {
    const { text } = written({ type: 'localEntry', from: 'wsdlEntry', to: 'contract' });
    expect(text['artifacts/local-entries/contract.xml']).toBe(
      '<localEntry key="contract" xmlns="http://ws.apache.org/ns/synapse"><text/></localEntry>\n',
    );
    expect(text['artifacts/inbound-endpoints/In.xml']).toContain(
      '<parameter name="ws.client.side.broadcast.level" key="contract"/>',
    );
    expect(text['artifacts/proxy-services/P.xml']).toContain('<publishWSDL key="contract"/>');
  });

  it('a proxy: only its own file', () => {
    const { plan } = written({ type: 'proxy', from: 'P', to: 'Q' });
    expect(plan.files.map((f) => f.path)).toEqual(['artifacts/proxy-services/Q.xml']);
    expect(plan.references).toEqual([]);
  });
});

describe('refusals', () => {
  const refused = (r: ArtifactRename, p = project(), unreadable: ProjectFile[] = []) => {
    try {
      planArtifactRename(p, r, unreadable);
    } catch (e) {
      expect(e).toBeInstanceOf(RenameError);
      return { code: (e as RenameError).code, message: (e as RenameError).message };
    }
    throw new Error('the rename was not refused');
  };

  it('a missing artifact, a bad or unchanged name, a taken one', () => {
    expect(refused({ type: 'sequence', from: 'nope', to: 'x' }).code).toBe('NOT_FOUND');
    expect(refused({ type: 'sequence', from: 'replySeq', to: 'a/b' }).code).toBe('BAD_NAME');
    expect(refused({ type: 'sequence', from: 'replySeq', to: 'replySeq' }).code).toBe('BAD_NAME');
    expect(refused({ type: 'sequence', from: 'replySeq', to: 'mainSeq' })).toEqual({
      code: 'NAME_TAKEN',
      message: "There is already a sequence named 'mainSeq'.",
    });
    // Sequences, endpoints and local entries share MI's registry.
    expect(refused({ type: 'sequence', from: 'replySeq', to: 'Backend' }).message).toMatch(
      /the endpoint 'Backend'.*share one registry/,
    );
    // A proxy may share a sequence's name.
    expect(planArtifactRename(project(), { type: 'proxy', from: 'P', to: 'mainSeq' }).renamed).toBe(
      'artifacts/proxy-services/mainSeq.xml',
    );
  });

  it('a deployment.toml that names it in a form that cannot be rewritten in place', () => {
    const p = project(FILES, '[transport]\nws = { sender = { outflow_dispatch_sequence = "replySeq" } }\n');
    expect(refused({ type: 'sequence', from: 'replySeq', to: 'x' }, p)).toEqual({
      code: 'CANNOT_REWRITE',
      message: expect.stringContaining("deployment.toml names sequence 'replySeq'"),
    });
  });

  it('a reference in a <definitions> file, and a file that does not parse but names it', () => {
    const defs = `<definitions ${NS}>
  <sequence name="d1"><sequence key="replySeq"/></sequence>
  <sequence name="d2"/>
</definitions>
`;
    const p = project({ ...FILES, 'artifacts/sequences/defs.xml': defs });
    expect(refused({ type: 'sequence', from: 'replySeq', to: 'x' }, p)).toEqual({
      code: 'CANNOT_REWRITE',
      message: expect.stringContaining('artifacts/sequences/defs.xml holds 2 artifacts'),
    });
    const broken = {
      path: 'artifacts/sequences/broken.xml',
      text: '<sequence name="b"><sequence key="replySeq">',
    };
    expect(refused({ type: 'sequence', from: 'replySeq', to: 'x' }, project(), [broken]).message).toBe(
      "artifacts/sequences/broken.xml does not parse and mentions 'replySeq'; fix it first so that a reference in it is not left behind.",
    );
    // One that does not mention it does not matter.
    expect(
      planArtifactRename(project(), { type: 'sequence', from: 'mainSeq', to: 'x' }, [broken]).renamed,
    ).toBe('artifacts/sequences/x.xml');
  });
});

describe('deployment.toml', () => {
  it('writes the key when the renamed sequence had its default name', () => {
    expect(renameConfigSequence('[server]\noffset = 0\n', 'outflowDispatchSeq', 'replies')?.text).toBe(
      '[server]\noffset = 0\n\n[transport.ws]\nsender.outflow_dispatch_sequence = "replies"\n',
    );
    expect(renameConfigSequence('', 'outflowFaultSeq', 'oops')?.text).toBe(
      '[transport.ws]\nsender.outflow_dispatch_fault_sequence = "oops"\n',
    );
    expect(
      renameConfigSequence(
        '[transport.ws]\r\nsender.enable = true\r\n\r\n# next\r\n[mediate]\r\n',
        'outflowFaultSeq',
        'f2',
      )?.text,
    ).toBe(
      '[transport.ws]\r\nsender.enable = true\r\nsender.outflow_dispatch_fault_sequence = "f2"\r\n\r\n# next\r\n[mediate]\r\n',
    );
  });

  it('reads [transport.ws.sender] tables and leaves a file that does not name it alone', () => {
    const text =
      '[transport.ws.sender]\noutflow_dispatch_sequence = \'a\'\noutflow_dispatch_fault_sequence = "a"\n';
    expect(renameConfigSequence(text, 'a', 'b')).toEqual({
      text: '[transport.ws.sender]\noutflow_dispatch_sequence = \'b\'\noutflow_dispatch_fault_sequence = "b"\n',
      keys: ['sender.outflow_dispatch_sequence', 'sender.outflow_dispatch_fault_sequence'],
    });
    expect(renameConfigSequence(CONFIG, 'other', 'b')).toBeUndefined();
    expect(renameConfigSequence('not = [toml', 'a', 'b')).toBeUndefined();
  });

  it('refuses a form it cannot rewrite in place', () => {
    expect(() =>
      renameConfigSequence('[transport]\nws = { sender = { outflow_dispatch_sequence = "a" } }\n', 'a', 'b'),
    ).toThrow(/cannot rewrite safely/);
  });
});
