/**
 * The store mediator and the messageStore artifact in the model: reading, byte-for-byte round
 * trips, located diagnostics for bad input (MessageStoreMediatorFactory, MessageStoreFactory),
 * and the in-memory-only rule.
 */
import { describe, expect, it } from 'vitest';
import { filesProject } from './model-helpers.js';
import {
  ARTIFACTS,
  definitionOf,
  findArtifact,
  insertMediator,
  parseArtifact,
  planArtifactRename,
  serializeArtifact,
  validateProject,
  type MessageStoreArtifact,
} from '../src/model/index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const SEQ = `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="s" ${NS} xmlns:m="urn:m">
    <store messageStore="Orders" sequence="onStore" description="keep it"/>
    <store messageStore="{//m:store}"/>
    <respond/>
</sequence>
`;
const ON_STORE = `<sequence name="onStore" ${NS}><log/></sequence>`;
const STORE = `<?xml version="1.0" encoding="UTF-8"?>
<messageStore name="Orders" ${NS}>
    <description>Orders for later</description>
    <parameter name="mediate.store.capacity">3</parameter>
</messageStore>
`;
const JMS = `<messageStore name="Jms" class="org.apache.synapse.message.store.impl.jms.JmsStore" ${NS}>
    <parameter name="java.naming.factory.initial">org.apache.activemq.jndi.ActiveMQInitialContextFactory</parameter>
    <parameter name="store.jms.destination">orders</parameter>
</messageStore>
`;
const ref = { type: 'sequence', name: 's' } as const;

const project = filesProject;

const base = (seq = SEQ, store = STORE) =>
  project({
    'artifacts/sequences/s.xml': seq,
    'artifacts/sequences/onStore.xml': ON_STORE,
    'artifacts/message-stores/Orders.xml': store,
  });

/** The diagnostics of sequence `s` whose body is `body`, beside the Orders store. */
function diagnosticsOf(body: string) {
  const seq = `<sequence name="s" ${NS} xmlns:m="urn:m">\n${body}\n</sequence>`;
  return validateProject(base(seq)).filter((d) => d.artifact === 's');
}

describe('store mediator: model', () => {
  it('reads messageStore (a name or {expression}), sequence and description', () => {
    const [lit, dyn] = findArtifact(base(), ref)!.lists[0]!.mediators;
    expect(lit!.kind).toBe('store');
    expect(lit!.values).toMatchObject({
      messageStore: 'Orders',
      sequence: 'onStore',
      description: 'keep it',
    });
    expect(dyn!.values.messageStore).toBe('{//m:store}');
  });

  it('round-trips byte for byte and validates clean beside its store', () => {
    const p = base();
    expect(serializeArtifact(findArtifact(p, ref)!)).toBe(SEQ);
    expect(validateProject(p)).toEqual([]);
  });

  it('a store without messageStore is an error at the mediator (MessageStoreMediatorFactory: "must have a Message store defined")', () => {
    expect(diagnosticsOf('    <store sequence="onStore"/>')).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'REQUIRED_FIELD',
        field: 'messageStore',
        line: 2,
        column: 5,
      }),
    ]);
  });

  it('a literal store name no messageStore artifact defines is REF_MESSAGE_STORE_MISSING, naming it', () => {
    const found = diagnosticsOf('    <store messageStore="Nowhere"/>');
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'REF_MESSAGE_STORE_MISSING',
        field: 'messageStore',
        line: 2,
      }),
    ]);
    expect(found[0]!.message).toContain("message store 'Nowhere'");
  });

  it('a {…} name is checked as an expression, not as a reference (MessageStoreMediatorFactory: SynapsePathFactory)', () => {
    expect(diagnosticsOf('    <store messageStore="{get-property(\'target\')}"/>')).toEqual([]);
    expect(diagnosticsOf('    <store messageStore="{//m:store[}"/>').map((d) => d.code)).toEqual([
      'EXPRESSION_SYNTAX',
    ]);
  });

  it('an onStore sequence nothing defines is REF_SEQUENCE_MISSING', () => {
    expect(
      diagnosticsOf('    <store messageStore="Orders" sequence="gone"/>').map((d) => [d.code, d.field]),
    ).toEqual([['REF_SEQUENCE_MISSING', 'sequence']]);
  });

  it('the palette template inserts a store that asks for its message store', () => {
    expect(definitionOf('store').template).toBe('<store messageStore=""/>');
    const p = insertMediator(base(), { artifact: ref, list: ['sequence'], index: 0, kind: 'store' });
    expect(findArtifact(p, ref)!.lists[0]!.mediators[0]!.kind).toBe('store');
    expect(validateProject(p).map((d) => [d.code, d.field])).toEqual([['REQUIRED_FIELD', 'messageStore']]);
  });
});

describe('messageStore artifact: model', () => {
  it('reads name, class, description and parameters, and round-trips byte for byte', () => {
    const p = base();
    const store = findArtifact(p, { type: 'messageStore', name: 'Orders' }) as MessageStoreArtifact;
    expect(store).toMatchObject({
      type: 'messageStore',
      name: 'Orders',
      className: undefined,
      description: 'Orders for later',
      parameters: [{ name: 'mediate.store.capacity', value: '3' }],
    });
    expect(serializeArtifact(store)).toBe(STORE);
  });

  it('lives in message-stores/ and a new one from its template validates', () => {
    const def = ARTIFACTS.messageStore;
    expect([def.folder, def.label, def.cappType]).toEqual([
      'message-stores',
      'Message store',
      'synapse/message-store',
    ]);
    const { artifact, diagnostics } = parseArtifact(def.template('Fresh', { port: 0 }));
    expect(diagnostics).toEqual([]);
    expect(artifact).toMatchObject({ type: 'messageStore', name: 'Fresh' });
    const p = project({ 'artifacts/message-stores/Fresh.xml': def.template('Fresh', { port: 0 }) });
    expect(validateProject(p)).toEqual([]);
  });

  it('a JMS store round-trips with a warning naming its class and store: Mediate runs only the in-memory store', () => {
    const p = project({ 'artifacts/message-stores/Jms.xml': JMS });
    const store = findArtifact(p, { type: 'messageStore', name: 'Jms' })!;
    expect(serializeArtifact(store)).toBe(JMS);
    const found = validateProject(p);
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'MESSAGE_STORE_CLASS_UNSUPPORTED',
        artifact: 'Jms',
        field: 'class',
      }),
    ]);
    expect(found[0]!.message).toContain("'Jms'");
    expect(found[0]!.message).toContain('org.apache.synapse.message.store.impl.jms.JmsStore');
    expect(found[0]!.message).toContain('in-memory');
  });

  it('the in-memory class by its name, and the deprecated one, are accepted (MessageStoreFactory: DEPRECATED_INMEMORY_CLASS)', () => {
    for (const cls of [
      'org.apache.synapse.message.store.impl.memory.InMemoryStore',
      'org.apache.synapse.message.store.InMemoryMessageStore',
    ]) {
      const p = project({
        'artifacts/message-stores/M.xml': `<messageStore name="M" class="${cls}" ${NS}/>`,
      });
      expect(validateProject(p)).toEqual([]);
    }
  });

  it('a capacity that is not a whole number of at least 1, and a guaranteed-delivery flag that is not a boolean, are errors at the parameter', () => {
    const p = project({
      'artifacts/message-stores/M.xml': `<messageStore name="M" ${NS}>
    <parameter name="mediate.store.capacity">0</parameter>
    <parameter name="store.producer.guaranteed.delivery.enable">yes</parameter>
</messageStore>`,
    });
    expect(validateProject(p).map((d) => [d.severity, d.code, d.field])).toEqual([
      ['error', 'MESSAGE_STORE_CAPACITY', 'mediate.store.capacity'],
      ['error', 'BOOLEAN_VALUE', 'store.producer.guaranteed.delivery.enable'],
    ]);
  });

  it('a store without a name is an error (MessageStoreFactory: "Message Store name not specified")', () => {
    const p = project({ 'artifacts/message-stores/M.xml': `<messageStore ${NS}/>` });
    expect(validateProject(p)).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'REQUIRED_FIELD',
        message: 'The <messageStore> artifact needs a name.',
      }),
    ]);
  });
});

describe('messageStore artifact: rename', () => {
  it('rewrites the store mediators naming it and the failover parameters, leaving {…} names alone', () => {
    const backup = `<messageStore name="Backup" ${NS}>
    <parameter name="store.producer.guaranteed.delivery.enable">true</parameter>
    <parameter name="store.failover.message.store.name">Orders</parameter>
</messageStore>
`;
    const p = project({
      'artifacts/sequences/s.xml': SEQ,
      'artifacts/sequences/onStore.xml': ON_STORE,
      'artifacts/message-stores/Orders.xml': STORE,
      'artifacts/message-stores/Backup.xml': backup,
    });
    const plan = planArtifactRename(p, { type: 'messageStore', from: 'Orders', to: 'Queue' });
    const text = Object.fromEntries(plan.files.map((f) => [f.path, f.text]));
    expect(plan.renamed).toBe('artifacts/message-stores/Queue.xml');
    expect(text['artifacts/sequences/s.xml']).toBe(
      SEQ.replace('messageStore="Orders"', 'messageStore="Queue"'),
    );
    expect(text['artifacts/message-stores/Backup.xml']).toBe(backup.replace('name">Orders<', 'name">Queue<'));
    expect(text['artifacts/message-stores/Queue.xml']).toBe(STORE.replace('name="Orders"', 'name="Queue"'));
    expect(validateProject(plan.project)).toEqual([]);
  });
});
