/**
 * The one way a message runs: `Dispatcher.dispatch` runs a context through a sequence (or an
 * entry point's compiled flow) with Synapse's fault path around it. An error anywhere sets
 * ERROR_CODE, ERROR_MESSAGE and ERROR_DETAIL, logs them, and runs the innermost fault handler (a
 * sequence's onError, the entry point's fault sequence, or the global `fault`). The WebSocket
 * inbound endpoint, the HTTP listener, back-end frames (through `dispatchOutflow`) and HTTP
 * back-end responses (through `resume`) all come here.
 */
import type { Counters } from './counters.js';
import type { EventBus } from './log/event-bus.js';
import type { FaultHandler, MessageContext } from './message/message-context.js';
import { Payload } from './message/payload.js';
import { slotHandler } from './mediation/compile.js';
import type { SequenceSlot, Step } from './mediation/mediation-types.js';

/** An inbound endpoint's outflow sequences (`ws.outflow.dispatch.sequence`, `….fault.sequence`). */
export interface OutflowSequences {
  readonly dispatch?: SequenceSlot;
  readonly fault?: SequenceSlot;
}

/** What the dispatcher needs from the runtime. */
export interface DispatcherDeps {
  readonly bus: EventBus;
  /** `main`: what runs when a sequence has nothing deployed (MI's injectToSequence). */
  readonly main: SequenceSlot;
  /** The global `fault` sequence: the handler of last resort. */
  readonly fault: SequenceSlot;
  /** The counters of the current deployment (replaced by each deploy). */
  counters(): Counters;
}

export class Dispatcher {
  private readonly handlers = new WeakMap<SequenceSlot, FaultHandler>();
  private readonly globalFault: FaultHandler;
  /**
   * `[transport.ws] sender.outflow_dispatch_sequence` and `…_fault_sequence`: the outflow of
   * HTTP-originated sends. Set by each deploy.
   */
  transportOutflow: Required<OutflowSequences>;

  constructor(
    private readonly deps: DispatcherDeps,
    transportOutflow: Required<OutflowSequences>,
  ) {
    this.globalFault = slotHandler(deps.fault);
    this.transportOutflow = transportOutflow;
  }

  /**
   * Runs a new message through `flow` (a sequence slot, `main` when it has nothing deployed, or
   * an entry point's compiled step) with `fault` as its fault handler, and counts it for its
   * artifact. Never throws; the promise, if any, settles when mediation ends.
   */
  dispatch(
    ctx: MessageContext,
    flow: SequenceSlot | Step,
    fault: SequenceSlot | undefined,
  ): void | Promise<void> {
    if (ctx.artifact) this.deps.counters().forScope(ctx.artifact).messages++;
    if (fault) ctx.baseFault = this.handlerFor(fault);
    return this.guarded(ctx, flow);
  }

  /**
   * Runs a back-end frame's context through its outflow sequence. For a connection an inbound
   * client opened (`own` is its endpoint's outflow): the endpoint's `ws.outflow.dispatch.sequence`
   * with its fault sequence, else `main` and the global fault sequence, as MI's
   * WebsocketConnectionFactory hands the client handler the inbound's (possibly null) names and
   * WebSocketClientHandler.injectToSequence falls back to main. For an HTTP-originated one
   * (`'transport'`): the `[transport.ws]` sender's outflow sequences.
   */
  dispatchOutflow(ctx: MessageContext, own: OutflowSequences | 'transport'): void | Promise<void> {
    if (own === 'transport') {
      const transport = this.transportOutflow;
      return this.dispatch(ctx, transport.dispatch, transport.fault);
    }
    return this.dispatch(ctx, own.dispatch ?? this.deps.main, own.fault ?? this.deps.fault);
  }

  /**
   * Runs more of a message already dispatched (an HTTP back end's response) with the fault path
   * around it; not counted again, and under the fault handlers it already has.
   */
  resume(ctx: MessageContext, step: Step): void | Promise<void> {
    return this.guarded(ctx, step);
  }

  private guarded(ctx: MessageContext, flow: SequenceSlot | Step): void | Promise<void> {
    try {
      let r: boolean | Promise<boolean>;
      if (typeof flow === 'function') r = flow(ctx);
      else {
        const seq = flow.current ?? this.deps.main.current;
        r = seq ? seq.run(ctx) : true;
      }
      if (typeof r !== 'boolean') return r.then(noop, (e: unknown) => this.fault(ctx, e));
    } catch (e) {
      this.fault(ctx, e);
    }
    return undefined;
  }

  /** The (cached) fault handler of a sequence slot, so nothing is allocated per message. */
  private handlerFor(slot: SequenceSlot): FaultHandler {
    let h = this.handlers.get(slot);
    if (!h) this.handlers.set(slot, (h = slotHandler(slot)));
    return h;
  }

  /**
   * The fault path of a context (an error in its flow, or a send that failed after the flow went
   * on): sets the error properties and runs the innermost fault handler.
   */
  fault(ctx: MessageContext, error: unknown, code = '0'): void {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    if (ctx.artifact) this.deps.counters().forScope(ctx.artifact).errors++;
    if (ctx.property('default', 'ERROR_CODE') === undefined) {
      ctx.setProperty('default', 'ERROR_CODE', code);
      ctx.setProperty('default', 'ERROR_MESSAGE', message);
      ctx.setProperty('default', 'ERROR_DETAIL', error instanceof Error ? (error.stack ?? message) : message);
    }
    // FaultHandler.handleFault writes this summary to the service log at WARN.
    this.deps.bus.emit({
      kind: 'error',
      level: 'WARN',
      category: 'FaultHandler',
      text: `ERROR_CODE : ${String(ctx.property('default', 'ERROR_CODE'))} ERROR_MESSAGE : ${String(ctx.property('default', 'ERROR_MESSAGE'))}`,
      ...(ctx.artifact ? { artifact: ctx.artifact } : {}),
      messageId: ctx.messageId,
    });
    const handler = ctx.faults?.pop() ?? ctx.baseFault ?? this.globalFault;
    // A fault handler runs once: an error inside it goes to the next one out.
    if (handler === ctx.baseFault) ctx.baseFault = undefined;
    const after = () => this.answerHttp(ctx);
    // FaultHandler.handleFault: an error inside a fault handler (an onError sequence) goes to the
    // next handler out on the stack (the proxy's faultSequence); the last one only logs it.
    const failedInside = (e: unknown) => {
      if (ctx.faults?.length || ctx.baseFault) this.fault(ctx, e);
      else {
        this.failed(ctx, handler, e);
        after();
      }
    };
    try {
      const r = handler.run(ctx);
      if (typeof r !== 'boolean') {
        r.then(after, failedInside);
        return;
      }
    } catch (e) {
      failedInside(e);
      return;
    }
    after();
  }

  private failed(ctx: MessageContext, handler: FaultHandler, e: unknown): void {
    this.deps.bus.emit({
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
   * socket timeout). Not for a clone's copy: another copy may still answer (MI leaves it to them).
   */
  private answerHttp(ctx: MessageContext): void {
    if (!ctx.responsePending || ctx.responded || ctx.isCopy || ctx.responder?.kind !== 'http') return;
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
