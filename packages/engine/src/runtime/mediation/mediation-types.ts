/**
 * The compiled form of mediation: every mediator becomes a `Step`, a plain function run per
 * message. Compilation happens once per deploy; steps hold direct references (sequence slots,
 * endpoint targets, compiled expressions), never names to look up.
 */
import type { MediatorNode, MediatorNodeOf } from '../../model/mediators/mediator-types.js';
import type { XmlElement } from '../../model/xml/xml-types.js';
import type { EndpointValue, MediatorKind, ResolvedValuesOf } from '../../model/catalog/index.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { ProjectConfig } from '../../model/project/project-config.js';
import type { EventBus } from '../log/event-bus.js';
import type { CompiledExpression } from '../expressions/expression-types.js';
import type { FaultHandler, MessageContext } from '../message/message-context.js';
import type { LocalEntryContent } from '../deploy/local-entries.js';
import type { TemplateParameter } from '../../model/artifacts/artifact-types.js';
import type { InMemoryMessageStore } from '../deploy/message-stores.js';

/**
 * One mediator, compiled. Returns true to continue the list, false to stop the flow (send,
 * respond, drop, loopback), or a promise of either when it has to wait (call).
 */
export type Step = (ctx: MessageContext) => boolean | Promise<boolean>;

/** A named sequence, compiled. */
export interface CompiledSequence {
  readonly name: string;
  readonly run: Step;
}

/**
 * A stable handle on a sequence by name. Deploy fills in `current`; compiled steps and
 * long-lived connections keep the slot, so a redeploy takes effect at the next message.
 */
export interface SequenceSlot {
  readonly name: string;
  current: CompiledSequence | undefined;
}

/** A sequence template, compiled once per deploy: what call-template runs. */
export interface CompiledTemplate {
  readonly name: string;
  /** Its declared parameters, in order (TemplateParam). */
  readonly params: readonly TemplateParameter[];
  /** Its `<sequence>`. */
  readonly body: Step;
  /** Its `onError` sequence, if it names one, and the fault handler that runs it. */
  readonly onError?: { readonly slot: SequenceSlot; readonly handler: FaultHandler };
}

/** A handle on a template by name, filled when the deployment's templates are compiled. */
export interface TemplateSlot {
  readonly name: string;
  current: CompiledTemplate | undefined;
}

/** Where a `send` or `call` delivers a message. */
export interface EndpointTarget {
  /** Human description for logs, e.g. the URI. */
  readonly label: string;
  /** `send`: fire and forget; a response (HTTP) continues on the response path. */
  send(ctx: MessageContext, options: SendOptions): void;
  /** `call`: resolves when the response has replaced the payload (HTTP) or at once (ws, out-only). */
  call(ctx: MessageContext, outOnly: boolean): Promise<void>;
}

export interface SendOptions {
  /** The `receive` sequence for the response, if any. */
  readonly receive?: SequenceSlot;
}

/** Where a mediator sits in its artifact: what its expressions' namespace context comes from. */
export type NodePlace = Pick<MediatorNode, 'xmlPath'>;

/** Everything the mediator compilers need. */
export interface CompileEnv {
  readonly config: ProjectConfig;
  readonly bus: EventBus;
  /** The slot of a sequence by name (created on first request). */
  sequence(name: string): SequenceSlot;
  /** A target for an endpoint: an inline element's values or a named endpoint artifact. */
  endpoint(endpoint: EndpointValue | undefined): EndpointTarget | undefined;
  /**
   * Compiles an expression in the namespace context of a mediator element, or of `child`, a
   * child element of it (a log property) whose own `xmlns:` declarations are added.
   */
  expression(source: string, node: NodePlace, child?: XmlElement): CompiledExpression;
  /**
   * The namespace declarations in scope at a mediator element, or at `child` inside it: prefix
   * to URI, `''` for the default namespace. For inline XML that is read as MI reads it (an
   * unprefixed element in a mediator's content is in the Synapse namespace unless reset).
   */
  namespaces(node: NodePlace, child?: XmlElement): Readonly<Record<string, string>>;
  /** A local entry of the project by key, resolved at deploy time (undefined when absent). */
  localEntry(key: string): LocalEntryContent | undefined;
  /** The slot of a sequence template by name (filled once the deployment's templates compile). */
  template(name: string): TemplateSlot;
  /** The deployment's in-memory message store of that name (undefined when there is none). */
  messageStore(name: string): InMemoryMessageStore | undefined;
  /** Compiles a nested mediator list. */
  list(nodes: readonly MediatorNode[]): Step;
  /**
   * The mediators after `node` in the list that holds it, as one step (read once that list has
   * compiled, so ask at run time): where a clone or iterate copy resumed by a `call` goes on.
   */
  restAfter(node: { readonly element: XmlElement }): () => Step | undefined;
  /**
   * Runs a message apart from the current flow (a clone target's copy) with the fault path
   * around it, as the dispatcher runs every message. Never throws; the promise, if any, settles
   * when that flow ends.
   */
  spawn(ctx: MessageContext, step: Step): void | Promise<void>;
  /**
   * Registers what to release when this deployment is replaced or the runtime stops: a
   * mediator holding state between messages (an aggregate's open gathers and their timers, a
   * throttle's counters, a cache) lets it go here, so nothing outlives its deployment.
   */
  onRetire(release: () => void): void;
  /** Compile problems (the deploy fails if any is an error). */
  readonly diagnostics: Diagnostic[];
  /** The artifact being compiled, for diagnostics and log events. */
  readonly artifactName: string;
}

/**
 * A mediator as its compiler sees it: `values` resolved once from its kind's definition
 * (defaults applied, enums, booleans, numbers and `{…}` names read), typed by that kind's
 * fields, so reading a field the kind does not have does not compile.
 */
export type CompileNode<K extends MediatorKind> = Omit<MediatorNodeOf<K>, 'values'> & {
  readonly values: ResolvedValuesOf<K>;
  /** The values as written, for a rule that depends on whether a field was given at all. */
  readonly written: MediatorNodeOf<K>['values'];
};

/** Compiles one mediator kind. */
export type MediatorCompiler<K extends MediatorKind> = (node: CompileNode<K>, env: CompileEnv) => Step;

/** The handler table: a kind without a compiler does not compile. */
export type HandlerTable = { readonly [K in MediatorKind]: MediatorCompiler<K> };
