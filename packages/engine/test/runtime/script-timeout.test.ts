/**
 * Issue 12, acceptance 3: a script that never ends faults its own message at
 * `[mediate.script] timeout_ms`, while 1,000 other messages sent meanwhile through another
 * sequence are all answered; the same script mediator then serves its next message. Also the
 * deploy-time checks of keyed scripts (their text is another artifact's, so the compiler
 * reports them, located at the script element).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { createRuntime } from '../../src/runtime/index.js';
import { httpRuntime, project, tomlFor, type EventLog } from './harness.js';
import { proxyXml, send, sequenceXml } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const FAULT = `<faultSequence>
  <property name="HTTP_SC" value="500" scope="axis2"/>
  <log level="custom"><property name="fault" expression="get-property('ERROR_MESSAGE')"/></log>
  <respond/>
</faultSequence>`;

const FILES: Record<string, string> = {
  // Loops forever when asked to (in the script itself, or in a promise callback).
  'artifacts/proxy-services/Runaway.xml': proxyXml(
    'Runaway',
    `<inSequence><script language="js"><![CDATA[
      var how = mc.getProperty('X-Loop', 'transport');
      if (how === 'plain') { while (true) {} }
      if (how === 'promise') { Promise.resolve().then(function () { for (;;) {} }); }
      mc.setPayloadJSON({ ok: true });
    ]]></script><respond/></inSequence>${FAULT}`,
  ),
  'artifacts/sequences/echoSeq.xml': sequenceXml('echoSeq', '<respond/>'),
  'artifacts/proxy-services/Echo.xml': proxyXml('Echo', `<inSequence><sequence key="echoSeq"/></inSequence>`),
};

let runtime: Runtime;
let events: EventLog;
let base: string;

beforeAll(async () => {
  ({ runtime, events, base } = await httpRuntime(FILES, '[mediate.script]\ntimeout_ms = 300\n'));
});

afterAll(async () => {
  await runtime.stop();
});

/** Sends `n` echo requests, `width` at a time; resolves with every reply's status and body. */
async function echoes(n: number, width: number): Promise<{ status: number; body: string; sent: string }[]> {
  const out: { status: number; body: string; sent: string }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const sent = `<m>${next++}</m>`;
      const r = await send(`${base}/services/Echo`, { body: sent, type: 'application/xml' });
      out.push({ status: r.status, body: r.body, sent });
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return out;
}

describe('a script that never ends (acceptance 3)', () => {
  it('faults its message at the limit while 1,000 other messages are all answered', async () => {
    const runaway = send(`${base}/services/Runaway`, {
      body: '{}',
      type: 'application/json',
      headers: { 'X-Loop': 'plain' },
    });
    const others = echoes(1000, 25);
    const [stopped, answered] = await Promise.all([runaway, others]);
    expect(stopped.status).toBe(500);
    const fault = await events.waitFor((e) => e.kind === 'log' && e.text.includes('fault = '));
    expect(fault.text).toContain('The inlined js script was stopped: it ran longer than 300 ms');
    expect(fault.text).toContain('[mediate.script] timeout_ms');
    expect(answered).toHaveLength(1000);
    expect(answered.filter((r) => r.status === 200 && r.body === r.sent)).toHaveLength(1000);
  });

  it('the same script mediator serves its next message', async () => {
    const r = await send(`${base}/services/Runaway`, { body: '{}', type: 'application/json' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true });
  });

  it('a loop in a promise callback is stopped too (microtasks run inside the time limit)', async () => {
    const r = await send(`${base}/services/Runaway`, {
      body: '{}',
      type: 'application/json',
      headers: { 'X-Loop': 'promise' },
    });
    expect(r.status).toBe(500);
    expect((await send(`${base}/services/Echo`, { body: '<after/>', type: 'application/xml' })).body).toBe(
      '<after/>',
    );
  });
});

describe('keyed scripts are checked at deploy time', () => {
  const deployWith = async (entry: string, attrs = '') => {
    const rt = createRuntime();
    try {
      const p = project(
        {
          'artifacts/sequences/s.xml': sequenceXml('s', `    <script language="js" key="lib"${attrs}/>`),
          'artifacts/local-entries/lib.xml': `<localEntry key="lib" ${NS}><![CDATA[${entry}]]></localEntry>`,
        },
        tomlFor(0, '[mediate.script]\ntimeout_ms = 200\n'),
      );
      return await rt.deploy(p);
    } finally {
      await rt.stop();
    }
  };

  it('SCRIPT_SYNTAX for a syntax error in the local entry, located at the script element', async () => {
    const r = await deployWith('function mediate(mc) { return ; ) }');
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => x.code === 'SCRIPT_SYNTAX');
    expect(d).toMatchObject({ severity: 'error', artifact: 's', line: 2, field: 'key' });
    expect(d!.message).toContain("local entry 'lib'");
  });

  it('SCRIPT_FUNCTION_MISSING when the entry does not define the function (MI: NoSuchMethodException per message)', async () => {
    const r = await deployWith('function other(mc) {}', ' function="transform"');
    expect(r.diagnostics.map((x) => x.code)).toContain('SCRIPT_FUNCTION_MISSING');
    expect(r.diagnostics.find((x) => x.code === 'SCRIPT_FUNCTION_MISSING')!.message).toContain("'transform'");
  });

  it('SCRIPT_LOAD when the entry never finishes loading (its top level is under the time limit too)', async () => {
    const r = await deployWith('while (true) {} function mediate(mc) {}');
    const d = r.diagnostics.find((x) => x.code === 'SCRIPT_LOAD');
    expect(d!.message).toContain('timed out after 200 ms');
  });
});
