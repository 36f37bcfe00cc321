/**
 * store: puts a copy of the message into an in-memory message store (MessageStoreMediator.mediate).
 *
 * The store is named literally or by a `{…}` expression per message; one the deployment does
 * not have faults the message ("Message Store does not exist."). The onStore `sequence`, when
 * deployed, runs on the message first (its result is ignored, as in MI); then a copy goes into
 * the store. A store that refuses it (full) sends it to the failover store when guaranteed
 * delivery is on, else faults the message with HTTP_SC 500 and MI's words. The flow continues;
 * the client gets no 202 (MI sets RESPONSE_WRITTEN to SKIP) unless FORCE_SC_ACCEPTED says so.
 */
import type { InMemoryMessageStore } from '../../deploy/message-stores.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, MediatorCompiler } from '../mediation-types.js';
import { compileDynamic } from './dynamic.js';

/** MessageStoreMediator's error text for a message a store refused. */
function refused(ctx: MessageContext, store: string, failover?: string): Error {
  ctx.setProperty('axis2', 'HTTP_SC', 500);
  return new Error(
    failover === undefined
      ? `Failed to store message [${ctx.messageId}] in store [${store}].`
      : `Failed to store message [${ctx.messageId}] in failover store [${failover}].`,
  );
}

/** The producer's storeMessage, then the failover store when guaranteed delivery is on. */
function put(ctx: MessageContext, store: InMemoryMessageStore, env: CompileEnv): void {
  if (store.unsupportedClass !== undefined) {
    ctx.setProperty('axis2', 'HTTP_SC', 500);
    throw new Error(
      `Failed to store message [${ctx.messageId}] in store [${store.name}]: its class ${store.unsupportedClass} is not run by Mediate (only the in-memory store is).`,
    );
  }
  const copy = ctx.copy();
  if (store.offer(copy)) return;
  if (store.failover === undefined) throw refused(ctx, store.name);
  if (!env.messageStore(store.failover)?.offer(copy)) throw refused(ctx, store.name, store.failover);
}

export const compileStore: MediatorCompiler<'store'> = (node, env) => {
  const name = compileDynamic(node.values.messageStore, node, env);
  const storeOf =
    typeof name === 'string'
      ? () => env.messageStore(name)
      : (ctx: MessageContext) => env.messageStore(name.string(ctx));
  const onStore = node.values.sequence !== undefined ? env.sequence(node.values.sequence) : undefined;
  return (ctx) => {
    const store = storeOf(ctx);
    if (!store) throw new Error('Message Store does not exist.');
    const finish = () => {
      put(ctx, store, env);
      ctx.responsePending = true;
      return true;
    };
    // An onStore sequence that is not deployed is skipped (synCtx.getSequence gives null).
    const r = onStore?.current?.run(ctx);
    return r instanceof Promise ? r.then(finish) : finish();
  };
};
