/**
 * Running mediation with Synapse's fault path around it: an error anywhere sets ERROR_CODE,
 * ERROR_MESSAGE and ERROR_DETAIL, logs them, and runs the innermost fault handler (a
 * sequence's onError, the proxy's fault sequence, or the global `fault`).
 */
import type { Counters } from './counters.js';
import type { EventBus } from './log/event-bus.js';
import type { FaultHandler, MessageContext } from './message/message-context.js';
import { Payload } from './message/payload.js';
import { slotHandler } from './mediation/compile.js';
import type { SequenceSlot, Step } from './mediation/mediation-types.js';

export class FaultRunner {
  private readonly handlers = new WeakMap<SequenceSlot, FaultHandler>();

  constructor(
    private readonly bus: EventBus,
    private readonly globalFault: FaultHandler,
    private readonly counters: () => Counters,
  ) {}

  /** The (cached) fault handler of a sequence slot, so nothing is allocated per message. */
  handlerFor(slot: SequenceSlot): FaultHandler {
    let h = this.handlers.get(slot);
    if (!h) this.handlers.set(slot, (h = slotHandler(slot)));
    return h;
  }

  /** Runs a step with a fault handler; errors go down the fault path. Never throws. */
  run(ctx: MessageContext, step: Step, handler: FaultHandler | undefined): void | Promise<void> {
    if (handler) ctx.baseFault = handler;
    try {
      const r = step(ctx);
      if (typeof r !== 'boolean') return r.then(noop, (e: unknown) => this.fault(ctx, e));
    } catch (e) {
      this.fault(ctx, e);
    }
    return undefined;
  }

  /** Handles an error of a context: sets the error properties and runs the fault handler. */
  fault(ctx: MessageContext, error: unknown, code = '0'): void {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    if (ctx.artifact) this.counters().forScope(ctx.artifact).errors++;
    if (ctx.property('default', 'ERROR_CODE') === undefined) {
      ctx.setProperty('default', 'ERROR_CODE', code);
      ctx.setProperty('default', 'ERROR_MESSAGE', message);
      ctx.setProperty('default', 'ERROR_DETAIL', error instanceof Error ? (error.stack ?? message) : message);
    }
    this.bus.emit({
      kind: 'error',
      level: 'ERROR',
      category: 'FaultHandler',
      text: `ERROR_CODE : ${String(ctx.property('default', 'ERROR_CODE'))} ERROR_MESSAGE : ${String(ctx.property('default', 'ERROR_MESSAGE'))}`,
      ...(ctx.artifact ? { artifact: ctx.artifact } : {}),
      messageId: ctx.messageId,
    });
    const handler = ctx.faults?.pop() ?? ctx.baseFault ?? this.globalFault;
    // A fault handler runs once: an error inside it goes to the next one out.
    if (handler === ctx.baseFault) ctx.baseFault = undefined;
    const after = () => this.answerHttp(ctx);
    try {
      const r = handler.run(ctx);
      if (typeof r !== 'boolean') {
        r.then(after, (e: unknown) => {
          this.failed(ctx, handler, e);
          after();
        });
        return;
      }
    } catch (e) {
      this.failed(ctx, handler, e);
    }
    after();
  }

  private failed(ctx: MessageContext, handler: FaultHandler, e: unknown): void {
    this.bus.emit({
      kind: 'error',
      level: 'ERROR',
      category: 'FaultHandler',
      text: `The fault sequence '${handler.name}' failed: ${(e as Error).message ?? String(e)}`,
      messageId: ctx.messageId,
    });
  }

  /**
   * An HTTP client still waiting for a back end's reply after the fault path is answered with
   * 502 (or the context's `failStatus`) rather than left hanging (MI would hold it until its
   * socket timeout).
   */
  private answerHttp(ctx: MessageContext): void {
    if (!ctx.responsePending || ctx.responded || ctx.responder?.kind !== 'http') return;
    ctx.responded = true;
    ctx.response = true;
    ctx.setProperty('axis2', 'HTTP_SC', ctx.failStatus ?? 502);
    ctx.setProperty('axis2', 'NO_ENTITY_BODY', undefined);
    ctx.payload = new Payload(
      String(ctx.property('default', 'ERROR_MESSAGE') ?? 'Bad gateway'),
      'text/plain',
    );
    ctx.responder.respond(ctx);
  }
}

function noop(): void {}
