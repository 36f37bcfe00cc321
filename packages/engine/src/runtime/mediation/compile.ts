/**
 * Compiles artifacts' mediator lists into steps, once per deploy. Compile problems become
 * diagnostics; nothing here runs per message.
 */
import type { Artifact } from '../../model/artifacts/artifact-types.js';
import {
  CATALOG,
  resolveValues,
  type EndpointValue,
  type FieldsOf,
  type MediatorKind,
} from '../../model/catalog/index.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { formatPath, type MediatorNode, type MediatorNodeOf } from '../../model/mediators/mediator-types.js';
import type { ProjectConfig } from '../../model/project/project-config.js';
import { elementChildren } from '../../model/xml/xml-query.js';
import type { XmlElement } from '../../model/xml/xml-types.js';
import { compileExpression } from '../expressions/compile-expression.js';
import type { CompiledExpression } from '../expressions/expression-types.js';
import type { EventBus } from '../log/event-bus.js';
import type { FaultHandler, MessageContext } from '../message/message-context.js';
import type { Counter, Counters } from '../counters.js';
import { HANDLERS } from './handlers/index.js';
import type { LocalEntryContent } from '../deploy/local-entries.js';
import type {
  CompileEnv,
  CompiledSequence,
  CompileNode,
  EndpointTarget,
  MediatorCompiler,
  SequenceSlot,
  Step,
  TemplateSlot,
} from './mediation-types.js';
import { sequenceOf } from './run-list.js';
import type { InMemoryMessageStore } from '../deploy/message-stores.js';

/** What compilation needs from the deployment being built. */
export interface CompilerDeps {
  readonly config: ProjectConfig;
  readonly bus: EventBus;
  sequence(name: string): SequenceSlot;
  /** A target for an endpoint value (inline, or `key` naming an endpoint artifact). */
  endpoint(ep: EndpointValue): EndpointTarget | undefined;
  /** The project's local entries by key. */
  readonly localEntries?: ReadonlyMap<string, LocalEntryContent>;
  /** The slot of a sequence template by name (absent: no templates in this build). */
  template?(name: string): TemplateSlot;
  /** The deployment's in-memory message stores by name (absent: none). */
  readonly messageStores?: ReadonlyMap<string, InMemoryMessageStore>;
  /** Per-mediator counters of the deployment being built. */
  readonly counters?: Counters;
  /** Runs a message apart from its parent's flow with the fault path (the dispatcher's `resume`). */
  readonly spawn?: (ctx: MessageContext, step: Step) => void | Promise<void>;
  /** Registers what to release when this deployment is replaced or the runtime stops. */
  readonly onRetire?: (release: () => void) => void;
}

/** Without a dispatcher (a build that is only inspected): run the flow, and log what fails. */
function spawnAlone(bus: EventBus): (ctx: MessageContext, step: Step) => void | Promise<void> {
  const told = (e: unknown) =>
    bus.emit({
      kind: 'error',
      level: 'ERROR',
      category: 'FaultHandler',
      text: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '',
    });
  return (ctx, step) => {
    try {
      const r = step(ctx);
      if (typeof r !== 'boolean') return r.then(() => undefined, told);
    } catch (e) {
      told(e);
    }
    return undefined;
  };
}

/**
 * Counts messages and errors of one mediator around its step. Errors are counted where they
 * are raised and passed on unchanged (the fault path handles them).
 */
function counted(step: Step, c: Counter): Step {
  return (ctx) => {
    c.messages++;
    try {
      const r = step(ctx);
      if (typeof r === 'boolean') return r;
      return r.catch((e: unknown) => {
        c.errors++;
        throw e;
      });
    } catch (e) {
      c.errors++;
      throw e;
    }
  };
}

/** Adds an element's own `xmlns:prefix` declarations (and `xmlns` as '' with `withDefault`) to `ns`. */
function takeNamespaces(e: XmlElement, ns: Record<string, string>, withDefault = false): void {
  for (const a of e.attributes) {
    if (a.name.startsWith('xmlns:')) ns[a.name.slice(6)] = a.value;
    else if (withDefault && a.name === 'xmlns') ns[''] = a.value;
  }
}

/** In-scope `xmlns:prefix` declarations (and the default one, if asked) from the root down to an element. */
function namespacesAt(
  root: XmlElement,
  xmlPath: readonly number[],
  withDefault = false,
): Record<string, string> {
  const ns: Record<string, string> = {};
  let el: XmlElement | undefined = root;
  takeNamespaces(root, ns, withDefault);
  for (const i of xmlPath) {
    el = el ? elementChildren(el)[i] : undefined;
    if (el) takeNamespaces(el, ns, withDefault);
  }
  return ns;
}

/** Compiles the mediator lists of one artifact. */
export class ArtifactCompiler {
  readonly diagnostics: Diagnostic[] = [];
  private readonly env: CompileEnv;
  /** Per mediator element, the rest of the list that holds it (see CompileEnv.restAfter). */
  private readonly rests = new WeakMap<
    XmlElement,
    { readonly steps: readonly Step[]; readonly at: number }
  >();

  constructor(
    private readonly artifact: Artifact,
    private readonly deps: CompilerDeps,
  ) {
    // Every sequence gets its slot now, so the commit fills it even when no mediator names it
    // literally: a dynamic `<sequence key="{…}"/>` looks slots up by name at run time.
    if (artifact.type === 'sequence') deps.sequence(artifact.name);
    this.env = {
      config: deps.config,
      bus: deps.bus,
      sequence: (name) => deps.sequence(name),
      endpoint: (ep) => (ep ? deps.endpoint(ep) : undefined),
      expression: (source, node, child): CompiledExpression => {
        const ns = namespacesAt(artifact.doc.root, node.xmlPath);
        // A child element (a log property) may declare prefixes of its own, as in Synapse.
        if (child) takeNamespaces(child, ns);
        return compileExpression(source, ns);
      },
      namespaces: (node, child) => {
        const ns = namespacesAt(artifact.doc.root, node.xmlPath, true);
        if (child) takeNamespaces(child, ns, true);
        return ns;
      },
      localEntry: (key) => deps.localEntries?.get(key),
      template: (name) => deps.template?.(name) ?? { name, current: undefined },
      messageStore: (name) => deps.messageStores?.get(name),
      list: (nodes) => this.list(nodes),
      restAfter: (node) => {
        let rest: Step | undefined;
        return () => {
          const place = this.rests.get(node.element);
          return place ? (rest ??= sequenceOf(place.steps.slice(place.at + 1))) : undefined;
        };
      },
      spawn: deps.spawn ?? spawnAlone(deps.bus),
      // A build that is only inspected never runs a message, so it holds nothing to release.
      onRetire: deps.onRetire ?? (() => undefined),
      diagnostics: this.diagnostics,
      artifactName: artifact.name,
    };
  }

  /** Compiles a list of mediators into one step. */
  list(nodes: readonly MediatorNode[]): Step {
    const steps = nodes.map((n) => this.mediator(n));
    nodes.forEach((n, at) => this.rests.set(n.element, { steps, at }));
    return sequenceOf(steps);
  }

  private mediator(node: MediatorNode): Step {
    const at = {
      artifact: this.artifact.name,
      path: node.path,
      line: node.element.pos?.line,
      column: node.element.pos?.column,
    };
    if (node.kind === 'raw') {
      this.diagnostics.push({
        severity: 'error',
        code: 'MEDIATOR_UNSUPPORTED',
        message: `<${node.tag}> is not a mediator Mediate can run.`,
        ...at,
      });
      return () => true;
    }
    try {
      const step = compileKind(node as MediatorNodeOf<typeof node.kind>, this.env);
      const counters = this.deps.counters;
      return counters ? counted(step, counters.mediator(this.artifact.name, formatPath(node.path))) : step;
    } catch (e) {
      this.diagnostics.push({
        severity: 'error',
        code: 'COMPILE_ERROR',
        message: `<${node.tag}>: ${(e as Error).message}`,
        ...at,
      });
      return () => true;
    }
  }

  /** The step for a top-level list by key, or undefined when the artifact has no such list. */
  listByKey(key: string): Step | undefined {
    const list = this.artifact.lists.find((l) => l.key === key);
    return list ? this.list(list.mediators) : undefined;
  }
}

/**
 * Resolves a mediator's values once (defaults, types, `{…}` names) and hands it to its kind's
 * compiler. Throws what resolving or compiling found wrong.
 */
function compileKind<K extends MediatorKind>(node: MediatorNodeOf<K>, env: CompileEnv): Step {
  const fields: FieldsOf<K> = CATALOG[node.kind].fields;
  const values = resolveValues(fields, node.values, `<${node.tag}>`);
  const compiled: CompileNode<K> = { ...node, values, written: node.values };
  return (HANDLERS[node.kind] as MediatorCompiler<K>)(compiled, env);
}

/**
 * Wraps a list as a sequence that pushes its `onError` handler while it runs. The handler stays
 * on the stack if the list fails, so the fault path finds it (Synapse's fault-handler stack).
 */
export function namedSequence(name: string, body: Step, onError: SequenceSlot | undefined): CompiledSequence {
  if (!onError) return { name, run: body };
  const handler = slotHandler(onError);
  return {
    name,
    run: (ctx) => {
      (ctx.faults ??= []).push(handler);
      const r = body(ctx);
      if (typeof r === 'boolean') {
        ctx.faults?.pop();
        return r;
      }
      return r.then((v) => {
        ctx.faults?.pop();
        return v;
      });
    },
  };
}

/** A fault handler that runs a sequence slot. */
export function slotHandler(slot: SequenceSlot): FaultHandler {
  return {
    name: slot.name,
    run: (ctx) => {
      const seq = slot.current;
      if (!seq) throw new Error(`Fault sequence '${slot.name}' does not exist.`);
      return seq.run(ctx);
    },
  };
}
