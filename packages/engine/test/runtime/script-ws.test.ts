/**
 * The script mediator on a WebSocket inbound endpoint: a JSON frame (the client's
 * `synapse(contentType='application/json')` subprotocol) read with getPayloadJSON, a new one
 * written with setPayloadJSON and sent back by `respond`, per frame (ScriptMediator on
 * GraalVMJavaScriptMessageContext, as for HTTP).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { connectWebSocket } from '../../src/runtime/ws/index.js';
import { freePort, project, runtimeWith } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
let runtime: Runtime;
let port: number;

beforeAll(async () => {
  port = await freePort();
  ({ runtime } = await runtimeWith(
    project(
      {
        'artifacts/inbound-endpoints/In.xml': `<inboundEndpoint name="In" protocol="ws" sequence="scriptSeq" ${NS}>
    <parameters>
        <parameter name="inbound.ws.port">${port}</parameter>
    </parameters>
</inboundEndpoint>`,
        'artifacts/sequences/scriptSeq.xml': `<sequence name="scriptSeq" ${NS}>
    <script language="js"><![CDATA[
        var o = mc.getPayloadJSON();
        mc.setPayloadJSON({ doubled: o.n * 2 });
    ]]></script>
    <respond/>
</sequence>`,
      },
      `[server]\noffset = 0\n[transport.http]\nlistener.port = ${await freePort()}\n`,
    ),
  ));
});

afterAll(async () => {
  await runtime.stop();
});

describe('script on WebSocket frames', () => {
  it('reads each JSON frame as an object and answers the frame the script wrote', async () => {
    const { ws } = await connectWebSocket(`ws://127.0.0.1:${port}/`, {
      subprotocol: "synapse(contentType='application/json')",
    });
    const replies: string[] = [];
    const next = () =>
      new Promise<string>((resolve) => ws.once('message', (d: Buffer) => resolve(d.toString())));
    let reply = next();
    ws.send('{"n": 21}');
    replies.push(await reply);
    reply = next();
    ws.send('{"n": 5}');
    replies.push(await reply);
    expect(replies.map((r) => JSON.parse(r) as unknown)).toEqual([{ doubled: 42 }, { doubled: 10 }]);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.close(1000);
    await closed;
  });
});
