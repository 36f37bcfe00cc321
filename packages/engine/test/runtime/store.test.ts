/**
 * The store mediator and in-memory message stores through a running runtime, with a real HTTP
 * client: a stored copy with its payload in the runtime's status, the onStore sequence, the flow
 * going on, `{…}` store names, a store that does not exist, a full store, guaranteed delivery's
 * failover store and a redeploy. Each test names the MI class and method whose behaviour it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { project, runtimeWith, freePort, tomlFor, until, type EventLog } from './harness.js';
import { proxyXml, send, sequenceXml } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const storeXml = (name: string, params: Record<string, string> = {}) =>
  `<messageStore name="${name}" ${NS}>${Object.entries(params)
    .map(([n, v]) => `<parameter name="${n}">${v}</parameter>`)
    .join('')}</messageStore>`;
const logProps = (props: Record<string, string>) =>
  `<log level="custom">${Object.entries(props)
    .map(([n, x]) => `<property name="${n}" expression="${x}"/>`)
    .join('')}</log>`;
const faultSequence = `<faultSequence>${logProps({ error: "get-property('ERROR_MESSAGE')" })}<respond/></faultSequence>`;

const files: Record<string, string> = {
  'artifacts/message-stores/S.xml': storeXml('S'),
  'artifacts/message-stores/D.xml': storeXml('D'),
  'artifacts/message-stores/Small.xml': storeXml('Small', { 'mediate.store.capacity': '1' }),
  'artifacts/message-stores/Primary.xml': storeXml('Primary', {
    'mediate.store.capacity': '1',
    'store.producer.guaranteed.delivery.enable': 'true',
    'store.failover.message.store.name': 'Backup',
  }),
  'artifacts/message-stores/Backup.xml': storeXml('Backup'),
  // A JMS store: validation warns, the rest deploys, and storing into it faults (Mediate's choice).
  'artifacts/message-stores/Jms.xml': storeXml('Jms').replace(
    '<messageStore name="Jms"',
    '<messageStore name="Jms" class="org.apache.synapse.message.store.impl.jms.JmsStore"',
  ),
  'artifacts/sequences/OnStore.xml': sequenceXml(
    'OnStore',
    `<property name="stored.by" value="onStore"/>${logProps({ onStore: "'Storing message'" })}`,
  ),
  'artifacts/proxy-services/Store.xml': proxyXml(
    'Store',
    `<inSequence>
       <store messageStore="S" sequence="OnStore"/>
       ${logProps({ after: "get-property('stored.by')" })}
       <respond/>
     </inSequence>`,
  ),
  'artifacts/proxy-services/Accepted.xml': proxyXml(
    'Accepted',
    `<inSequence>
       <property name="FORCE_SC_ACCEPTED" value="true" scope="axis2"/>
       <property name="OUT_ONLY" value="true"/>
       <store messageStore="S"/>
     </inSequence>`,
  ),
  'artifacts/proxy-services/Dynamic.xml': proxyXml(
    'Dynamic',
    `<inSequence><store messageStore="{//store}"/><respond/></inSequence>${faultSequence}`,
  ),
  'artifacts/proxy-services/Full.xml': proxyXml(
    'Full',
    `<inSequence><store messageStore="Small"/><respond/></inSequence>${faultSequence}`,
  ),
  'artifacts/proxy-services/ToJms.xml': proxyXml(
    'ToJms',
    `<inSequence><store messageStore="Jms"/><respond/></inSequence>${faultSequence}`,
  ),
  'artifacts/proxy-services/Failover.xml': proxyXml(
    'Failover',
    `<inSequence><store messageStore="Primary"/><respond/></inSequence>${faultSequence}`,
  ),
};

let runtime: Runtime;
let events: EventLog;
let base: string;
let http: number;

beforeAll(async () => {
  http = await freePort();
  base = `http://127.0.0.1:${http}`;
  ({ runtime, events } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop();
});

/** A store's row in the runtime's status. */
const storeStatus = (name: string) => runtime.status().messageStores.find((s) => s.name === name);
const sizeOf = (name: string) => storeStatus(name)?.size;
const logsOf = (name: string): RuntimeEvent[] => events.logsOf(name);
const xmlBody = (store: string) => `<order><store>${store}</store><id>7</id></order>`;

describe('store mediator', () => {
  it('the deployment has each in-memory store, empty, with its capacity (MessageStoreFactory.createMessageStore: no class is InMemoryStore)', () => {
    const rows = runtime.status().messageStores.map((s) => [s.name, s.size, s.capacity]);
    expect(rows.sort()).toEqual(
      [
        ['Backup', 0, 10000],
        ['D', 0, 10000],
        ['Primary', 0, 1],
        ['S', 0, 10000],
        ['Small', 0, 1],
      ].sort(),
    );
  });

  it('runs the onStore sequence, stores a copy with the payload, and the flow goes on (MessageStoreMediator.mediate returns true; InMemoryProducer.storeMessage)', async () => {
    const r = await send(`${base}/services/Store`, { body: '{"order":42}', type: 'application/json' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ order: 42 });
    expect(sizeOf('S')).toBe(1);
    expect(storeStatus('S')?.oldest.map((m) => JSON.parse(m.payload) as unknown)).toEqual([{ order: 42 }]);
    expect(storeStatus('S')?.oldest[0]?.messageId).toMatch(/^urn:uuid:/);
    // The onStore sequence ran on the message itself, before the mediators after the store.
    expect(logsOf('Store').map((e) => e.properties)).toEqual([
      { onStore: 'Storing message' },
      { after: 'onStore' },
    ]);
  });

  it('a stored message is a copy: what the flow does after the store does not change it (MessageStoreMediator.mediate: MessageHelper.cloneMessageContext)', async () => {
    const before = sizeOf('S') ?? 0;
    const r = await send(`${base}/services/Accepted`, { body: '<a>first</a>', type: 'application/xml' });
    // FORCE_SC_ACCEPTED, as MI's store samples write: the client gets 202 at once.
    expect(r.status).toBe(202);
    await until(() => sizeOf('S') === before + 1);
    expect(storeStatus('S')?.oldest.at(-1)?.payload).toBe('<a>first</a>');
  });

  it('messageStore="{…}" names the store per message (MessageStoreMediatorFactory: checkForExpression; DynamicMessageRoutingTestCase)', async () => {
    const r = await send(`${base}/services/Dynamic`, { body: xmlBody('D'), type: 'application/xml' });
    expect(r.status).toBe(200);
    expect(sizeOf('D')).toBe(1);
    expect(storeStatus('D')?.oldest[0]?.payload).toBe(xmlBody('D'));
  });

  it('a store name that names no store faults the message with MI’s message (MessageStoreMediator.mediate: "Message Store does not exist.")', async () => {
    const before = runtime.status().messageStores.map((s) => s.size);
    await send(`${base}/services/Dynamic`, { body: xmlBody('Nowhere'), type: 'application/xml' });
    await until(() => logsOf('Dynamic').some((e) => e.properties?.error !== undefined));
    expect(logsOf('Dynamic').map((e) => e.properties)).toEqual([{ error: 'Message Store does not exist.' }]);
    expect(runtime.status().messageStores.map((s) => s.size)).toEqual(before);
  });

  it('a full store refuses the message: the fault sequence runs with HTTP_SC 500 and "Failed to store message [id] in store [name]." (MessageStoreMediator.mediate: produceStatus false)', async () => {
    const first = await send(`${base}/services/Full`, { body: '<m>1</m>', type: 'application/xml' });
    expect(first.status).toBe(200);
    expect(sizeOf('Small')).toBe(1);
    const second = await send(`${base}/services/Full`, { body: '<m>2</m>', type: 'application/xml' });
    expect(second.status).toBe(500);
    const errors = logsOf('Full').map((e) => String(e.properties?.error));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Failed to store message \[urn:uuid:[^\]]+\] in store \[Small\]\.$/);
    // The store kept the first message only.
    expect(storeStatus('Small')?.oldest.map((m) => m.payload)).toEqual(['<m>1</m>']);
  });

  it('a store of a class Mediate does not run (JMS) deploys with a warning and faults each message stored into it, naming the class (a Mediate deviation: MI would send it to the broker)', async () => {
    const res = await send(`${base}/services/ToJms`, { body: '<m>j</m>', type: 'application/xml' });
    expect(res.status).toBe(500);
    const errors = logsOf('ToJms').map((e) => String(e.properties?.error));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^Failed to store message \[urn:uuid:[^\]]+\] in store \[Jms\]: its class org\.apache\.synapse\.message\.store\.impl\.jms\.JmsStore is not run by Mediate/,
    );
    expect(storeStatus('Jms')).toBeUndefined();
  });

  it('with guaranteed delivery a refused message goes to the failover store; when that refuses too it faults naming it (MessageStoreMediator.mediate: isGuaranteedDeliveryEnabled, failoverMessageStoreName)', async () => {
    for (const n of [1, 2]) {
      const r = await send(`${base}/services/Failover`, { body: `<m>${n}</m>`, type: 'application/xml' });
      expect(r.status).toBe(200);
    }
    expect(storeStatus('Primary')?.oldest.map((m) => m.payload)).toEqual(['<m>1</m>']);
    expect(storeStatus('Backup')?.oldest.map((m) => m.payload)).toEqual(['<m>2</m>']);
    expect(logsOf('Failover')).toEqual([]);
  });

  it('a redeploy keeps the messages of a store it keeps and drops a store it removes (Mediate: stores live as long as their artifact)', async () => {
    const sizeS = sizeOf('S');
    const kept = { ...files };
    delete kept['artifacts/message-stores/Backup.xml'];
    const result = await runtime.deploy(project(kept, tomlFor(http)));
    expect(result.ok).toBe(true);
    expect(sizeOf('S')).toBe(sizeS);
    expect(storeStatus('Backup')).toBeUndefined();
    // Primary is still full and its failover store is gone: the message faults naming it.
    const r = await send(`${base}/services/Failover`, { body: '<m>3</m>', type: 'application/xml' });
    expect(r.status).toBe(500);
    expect(logsOf('Failover').map((e) => String(e.properties?.error))).toEqual([
      expect.stringMatching(/^Failed to store message \[urn:uuid:[^\]]+\] in failover store \[Backup\]\.$/),
    ]);
  });
});
