/**
 * A message store (MI's MessageStoreFactory):
 *
 *   <messageStore name="…" [class="…"] xmlns="http://ws.apache.org/ns/synapse">
 *     [<description>…</description>]
 *     <parameter name="…">value</parameter>*
 *   </messageStore>
 *
 * Without `class` it is MI's in-memory store (InMemoryStore), the one kind Mediate runs: a
 * FIFO queue of copies of messages that the store mediator puts in. JMS, RabbitMQ, JDBC and
 * custom stores are read and kept as written, and validation says they cannot run.
 */
import { attribute, elementChildren, localName, textContent } from '../xml/xml-query.js';
import type { ArtifactParameter } from './artifact-types.js';
import { defineArtifact, SYNAPSE_NS, XML_DECLARATION, type ParameterDefinition } from './define-artifact.js';

/** The class of MI's in-memory store, what a store without `class` is. */
export const IN_MEMORY_STORE_CLASS = 'org.apache.synapse.message.store.impl.memory.InMemoryStore';

/** Classes MI reads as its in-memory store (MessageStoreFactory maps the deprecated name). */
const IN_MEMORY_CLASSES: ReadonlySet<string> = new Set([
  IN_MEMORY_STORE_CLASS,
  'org.apache.synapse.message.store.InMemoryMessageStore',
]);

/**
 * How many messages an in-memory store holds when `mediate.store.capacity` does not say. MI's
 * InMemoryStore has no bound (a ConcurrentLinkedQueue); Mediate keeps one so a store nothing
 * drains cannot take all the memory of the studio's process.
 */
export const DEFAULT_STORE_CAPACITY = 10_000;

/** The parameter that bounds an in-memory store (Mediate's own; MI ignores it). */
export const STORE_CAPACITY_PARAMETER = 'mediate.store.capacity';

/** The in-memory store's parameters Mediate reads. */
export const MESSAGE_STORE_PARAMETERS: readonly ParameterDefinition[] = [
  {
    name: STORE_CAPACITY_PARAMETER,
    type: 'integer',
    default: String(DEFAULT_STORE_CAPACITY),
    meaning: 'The most messages the store holds; storing one more faults the message.',
    readBy: 'Mediate only (MI’s in-memory store is unbounded)',
    check: (v) =>
      /^\d+$/.test(v.trim()) && Number(v) >= 1
        ? undefined
        : {
            code: 'MESSAGE_STORE_CAPACITY',
            message: `${STORE_CAPACITY_PARAMETER} is '${v}'; use a whole number of at least 1.`,
          },
  },
  {
    name: 'store.producer.guaranteed.delivery.enable',
    type: 'boolean',
    default: 'false',
    meaning: 'true: a message this store refuses goes to the failover store.',
    readBy: 'org.apache.synapse.mediators.store.MessageStoreMediator',
    check: (v) =>
      /^(true|false)$/i.test(v.trim())
        ? undefined
        : {
            code: 'BOOLEAN_VALUE',
            message: `store.producer.guaranteed.delivery.enable is '${v}'; use true or false.`,
          },
  },
  {
    name: 'store.failover.message.store.name',
    type: 'string',
    meaning: 'The store a refused message goes to when guaranteed delivery is on.',
    readBy: 'org.apache.synapse.mediators.store.MessageStoreMediator',
  },
];

/** True for a class (absent: the default) that MI reads as its in-memory store. */
export function isInMemoryStore(className: string | undefined): boolean {
  return className === undefined || IN_MEMORY_CLASSES.has(className.trim());
}

export const messageStore = defineArtifact({
  type: 'messageStore',
  tag: 'messageStore',
  folder: 'message-stores',
  cappType: 'synapse/message-store',
  label: 'Message store',
  plural: 'Message stores',
  nameAttribute: 'name',
  fields: [
    {
      attribute: 'class',
      label: 'Class',
      type: 'text',
      default: IN_MEMORY_STORE_CLASS,
      check: (className, a) =>
        isInMemoryStore(className)
          ? undefined
          : {
              code: 'MESSAGE_STORE_CLASS_UNSUPPORTED',
              // A warning, as for an endpoint Mediate cannot reach: the rest of the project
              // deploys, and a store mediator naming this store faults its message, loudly.
              severity: 'warning',
              message: `Message store '${a.name}' uses class ${className ?? ''}; Mediate runs only the in-memory store (${IN_MEMORY_STORE_CLASS}, or no class), so a message stored into it faults.`,
              field: 'class',
            },
    },
  ],
  parameters: { known: MESSAGE_STORE_PARAMETERS },
  template: (name) => `${XML_DECLARATION}<messageStore name="${name}" xmlns="${SYNAPSE_NS}"/>\n`,
  read: (root) => {
    const parameters: ArtifactParameter[] = elementChildren(root)
      .filter((p) => localName(p.name) === 'parameter')
      .map((p) => ({ name: attribute(p, 'name') ?? '', value: textContent(p).trim() }));
    const description = elementChildren(root).find((c) => localName(c.name) === 'description');
    return {
      className: attribute(root, 'class'),
      parameters,
      ...(description ? { description: textContent(description) } : {}),
    };
  },
});
