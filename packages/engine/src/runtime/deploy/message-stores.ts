/**
 * The deployment's in-memory message stores (MI's InMemoryStore with its InMemoryProducer): one
 * bounded FIFO queue of message copies per `messageStore` artifact, filled by the store mediator.
 * Nothing in Mediate drains them yet (no message processors); the runtime's status shows their
 * sizes.
 */
import {
  DEFAULT_STORE_CAPACITY,
  isInMemoryStore,
  STORE_CAPACITY_PARAMETER,
} from '../../model/artifacts/message-store.js';
import type { Project } from '../../model/project/project.js';
import type { MessageContext } from '../message/message-context.js';

/** MessageStoreMediator's parameters: guaranteed delivery sends a refused message to a failover store. */
const GUARANTEED_DELIVERY = 'store.producer.guaranteed.delivery.enable';
const FAILOVER_STORE = 'store.failover.message.store.name';

/** How many stored messages the status shows, oldest first (a look, not a dump). */
const SHOWN = 10;
/** How much of each shown message's payload the status gives. */
const SHOWN_CHARS = 2_000;

/** A stored message as the status shows it. */
export interface StoredMessageInfo {
  readonly messageId: string;
  /** The payload's text, cut at 2,000 characters. */
  readonly payload: string;
}

/** What the runtime's status says of one store. */
export interface MessageStoreStatus {
  readonly name: string;
  /** Messages in it now. */
  readonly size: number;
  /** The most it holds (`mediate.store.capacity`). */
  readonly capacity: number;
  /** The oldest ten messages (InMemoryStore.get(index)). */
  readonly oldest: readonly StoredMessageInfo[];
}

/** One in-memory store: a FIFO queue of message copies, refusing more than `capacity`. */
export class InMemoryMessageStore {
  constructor(
    readonly name: string,
    readonly capacity: number,
    /** The queue; a redeploy of the same store hands it on, so stored messages stay. */
    readonly messages: MessageContext[] = [],
    /** MessageStoreMediator: with guaranteed delivery, where a refused message goes. */
    readonly failover?: string,
    /** The class of a store Mediate does not run (JMS, RabbitMQ, JDBC…): it refuses every message. */
    readonly unsupportedClass?: string,
  ) {}

  /** InMemoryProducer.storeMessage: false when the store is full (MI's queue never is). */
  offer(ctx: MessageContext): boolean {
    if (this.messages.length >= this.capacity) return false;
    this.messages.push(ctx);
    return true;
  }

  get size(): number {
    return this.messages.length;
  }

  /** The status row of this store. */
  status(): MessageStoreStatus {
    return {
      name: this.name,
      size: this.size,
      capacity: this.capacity,
      oldest: this.messages
        .slice(0, SHOWN)
        .map((m) => ({ messageId: m.messageId, payload: m.payload.textPrefix(SHOWN_CHARS) })),
    };
  }
}

/**
 * The stores of a project's `messageStore` artifacts: in-memory ones hold messages; one of
 * another class (validation warns) refuses each message with an error naming its class. A store
 * of the same name in `before` (the running deployment) hands its queue on.
 */
export function messageStoresOf(
  project: Project,
  before?: ReadonlyMap<string, InMemoryMessageStore>,
): Map<string, InMemoryMessageStore> {
  const stores = new Map<string, InMemoryMessageStore>();
  for (const a of project.artifacts) {
    if (a.type !== 'messageStore') continue;
    if (!isInMemoryStore(a.className)) {
      stores.set(a.name, new InMemoryMessageStore(a.name, 0, [], undefined, a.className ?? ''));
      continue;
    }
    const param = (name: string) => a.parameters.find((p) => p.name === name)?.value.trim();
    const capacity = Number(param(STORE_CAPACITY_PARAMETER) || DEFAULT_STORE_CAPACITY);
    const guaranteed = (param(GUARANTEED_DELIVERY) ?? '').toLowerCase() === 'true';
    const failover = guaranteed ? param(FAILOVER_STORE) || undefined : undefined;
    stores.set(a.name, new InMemoryMessageStore(a.name, capacity, before?.get(a.name)?.messages, failover));
  }
  return stores;
}
