/**
 * `createRuntime`: the transport-free API of the embedded runtime. Deploys are transactions,
 * run one at a time; events stream through the bus.
 */
import type { Artifact } from '../model/artifacts/artifact-types.js';
import { hasErrors, type Diagnostic } from '../model/diagnostics.js';
import type { RetryInfo } from '../model/api-types.js';
import type { ProjectConfig, RetrySettings } from '../model/project/project-config.js';
import { DEFAULT_CONFIG } from '../model/project/project-config.js';
import type { Project } from '../model/project/project.js';
import { serializeXml } from '../model/xml/xml-serialize.js';
import { validateProject } from '../model/validate/validate-project.js';
import { buildDeployment } from './deploy/build-deployment.js';
import { ListenerSet, type ListenerInfo } from './deploy/listener-set.js';
import { EventBus, type EventSubscriber, type SubscribeOptions } from './log/event-bus.js';
import type { SequenceSlot } from './mediation/mediation-types.js';
import { Dispatcher } from './dispatch.js';
import { targetForUri, type TargetDeps } from './transports/endpoint-targets.js';
import { HttpPools } from './transports/http-pools.js';
import type { HttpRoutes } from './transports/http-routes.js';
import { WsSender } from './transports/ws-sender.js';
import { DEFAULT_FLOW_LIMITS, type FlowLimits } from './transports/flow-control.js';
import { ConnectionBudget } from './transports/connection-guard.js';
import { DEFAULT_LIMITS } from '../model/project/project-config.js';
import { seedSystemProperties } from './message/system-properties.js';
import { Counters } from './counters.js';
import { loadXsdLibrary } from './mediation/handlers/xsd-schema.js';
import type { InMemoryMessageStore, MessageStoreStatus } from './deploy/message-stores.js';

/** A validate mediator in an artifact's text (any prefix). */
const VALIDATE_ELEMENT = /<(?:[\w.-]+:)?validate[\s/>]/;

export interface RuntimeOptions {
  /** Address the runtime's listeners bind (default 127.0.0.1). */
  readonly host?: string;
  /** Folder relative TLS paths are read from (the project folder). */
  readonly baseDir?: string;
  /** Events kept for replay (default 2,000). */
  readonly eventRing?: number;
}

/** What changed in a deploy, as `type:name` keys. */
export interface DeployChanges {
  readonly added: string[];
  readonly updated: string[];
  readonly removed: string[];
  readonly unchanged: string[];
}

export interface DeployResult {
  readonly ok: boolean;
  readonly diagnostics: Diagnostic[];
  readonly changes: DeployChanges;
}

export interface RuntimeStatus {
  readonly deployed: boolean;
  /** Messages and errors per artifact and per mediator since the last deploy. */
  readonly counters: ReturnType<Counters['snapshot']>;
  readonly listeners: ListenerInfo[];
  readonly backendConnections: number;
  readonly artifacts: number;
  /** The retry buffer of HTTP-originated WebSocket sends (`[mediate.retry]`). */
  readonly retry: RetryInfo;
  /** The deployment's in-memory message stores: how many messages each holds. */
  readonly messageStores: readonly MessageStoreStatus[];
}

export interface Runtime {
  deploy(project: Project): Promise<DeployResult>;
  status(): RuntimeStatus;
  readonly events: {
    subscribe(fn: EventSubscriber, options?: SubscribeOptions): () => void;
    readonly bus: EventBus;
  };
  stop(): Promise<void>;
}

const key = (a: Artifact) => `${a.type}:${a.name}`;

/** Creates a runtime with nothing deployed. */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const bus = new EventBus({ ...(options.eventRing ? { ringSize: options.eventRing } : {}) });
  const slots = new Map<string, SequenceSlot>();
  const slot = (name: string): SequenceSlot => {
    let s = slots.get(name);
    if (!s) slots.set(name, (s = { name, current: undefined }));
    return s;
  };
  let config: ProjectConfig = DEFAULT_CONFIG;
  // One object shared by every connection, updated in place by each deploy.
  const flow: FlowLimits = { ...DEFAULT_FLOW_LIMITS };
  // The file descriptors the runtime's connections may use; the reserve is the project's.
  const budget = ConnectionBudget.forProcess(DEFAULT_LIMITS.reserveConnections);
  const retry: { -readonly [K in keyof RetrySettings]: RetrySettings[K] } = { ...DEFAULT_CONFIG.retry };
  // Replaced whole on each deploy: compiled steps hold the counter objects of their deployment.
  let counters = new Counters();
  const transportOutflow = (c: ProjectConfig) => ({
    dispatch: slot(c.wsSender.outflowDispatchSequence),
    fault: slot(c.wsSender.outflowDispatchFaultSequence),
  });
  const dispatcher = new Dispatcher(
    { bus, main: slot('main'), fault: slot('fault'), counters: () => counters },
    transportOutflow(config),
  );
  const sender = new WsSender({ bus, flow, budget, retry, dispatcher });
  const pools = new HttpPools();
  const targetDeps: TargetDeps = { sender, pools, config: () => config, dispatcher };
  const listeners = new ListenerSet(
    options.host ?? '127.0.0.1',
    { bus, budget, dispatcher },
    { bus, sender, dispatcher, flow, budget },
    options.baseDir ?? process.cwd(),
  );
  let deployed: Map<string, string> | undefined;
  // The running deployment's message stores; a redeploy hands a kept store's messages on.
  let stores: ReadonlyMap<string, InMemoryMessageStore> = new Map();
  /** What the deployment now running releases when it is replaced or the runtime stops. */
  let retirement: (() => void)[] = [];
  const retire = (releases: readonly (() => void)[]) => {
    for (const release of releases) {
      try {
        release();
      } catch (e) {
        bus.emit({
          kind: 'error',
          level: 'ERROR',
          category: 'Deployer',
          text: `Releasing a deployment: ${(e as Error).message}`,
        });
      }
    }
  };
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function deployNow(project: Project): Promise<DeployResult> {
    const texts = new Map(project.artifacts.map((a) => [key(a), serializeXml(a.doc)]));
    const changes: DeployChanges = { added: [], updated: [], removed: [], unchanged: [] };
    for (const [k, text] of texts) {
      const before = deployed?.get(k);
      (before === undefined ? changes.added : before === text ? changes.unchanged : changes.updated).push(k);
    }
    for (const k of deployed?.keys() ?? []) if (!texts.has(k)) changes.removed.push(k);
    const fail = (diagnostics: Diagnostic[]): DeployResult => {
      bus.emit({
        kind: 'deploy.failed',
        level: 'ERROR',
        category: 'Deployer',
        text: `Deployment failed: ${diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => `${d.artifact}: ${d.message}`)
          .join('; ')}`,
      });
      return { ok: false, diagnostics, changes };
    };
    if (stopped)
      return fail([
        {
          severity: 'error',
          code: 'RUNTIME_STOPPED',
          message: 'The runtime has been stopped.',
          artifact: '',
        },
      ]);
    const diagnostics = validateProject(project);
    if (hasErrors(diagnostics)) return fail(diagnostics);
    // The XSD library loads asynchronously (WebAssembly), so it is loaded here, before the
    // synchronous compile, and only for a project that has a validate mediator.
    for (const text of texts.values())
      if (VALIDATE_ELEMENT.test(text)) {
        await loadXsdLibrary();
        break;
      }
    const nextCounters = new Counters();
    const nextRetirement: (() => void)[] = [];
    const built = buildDeployment(project, {
      config: project.config,
      bus,
      counters: nextCounters,
      sequence: slot,
      targetForUri: (uri) => targetForUri(uri, targetDeps),
      spawn: (ctx, step) => dispatcher.resume(ctx, step),
      onRetire: (release) => nextRetirement.push(release),
      storesBefore: stores,
      baseDir: options.baseDir ?? process.cwd(),
    });
    diagnostics.push(...built.diagnostics);
    if (hasErrors(diagnostics)) {
      retire(nextRetirement);
      return fail(diagnostics);
    }
    const routes: HttpRoutes = {
      proxies: built.proxies,
      apis: built.apis,
      main: slot('main'),
      fault: slot('fault'),
    };
    let commit: () => Promise<void>;
    try {
      commit = await listeners.prepare(project.config, routes, built.inbounds, built.httpInbounds);
    } catch (e) {
      retire(nextRetirement);
      return fail([
        ...diagnostics,
        {
          severity: 'error',
          code: 'LISTENER_START',
          message: (e as Error).message,
          artifact: 'deployment.toml',
        },
      ]);
    }
    // Commit: every slot at once, between two messages.
    config = project.config;
    dispatcher.transportOutflow = transportOutflow(config);
    bus.payloadCap = project.config.logPayloadCap;
    budget.setReserve(project.config.limits.reserveConnections);
    flow.highWater = project.config.limits.sendBufferHighWater;
    flow.hardLimit = project.config.limits.sendBufferHardLimit;
    Object.assign(retry, project.config.retry);
    seedSystemProperties(project.config.systemProperties ?? new Map());
    // Every built sequence gets a slot (a dynamic `<sequence key="{…}"/>` may name any of them).
    for (const name of built.sequences.keys()) slot(name);
    for (const [name, s] of slots) s.current = built.sequences.get(name);
    counters = nextCounters;
    stores = built.messageStores;
    const retiring = retirement;
    retirement = nextRetirement;
    retire(retiring);
    await commit();
    deployed = new Map(texts);
    for (const k of changes.removed)
      bus.emit({ kind: 'undeployed', level: 'INFO', category: 'Deployer', text: `Artifact ${k} undeployed` });
    for (const k of [...changes.added, ...changes.updated]) {
      const [type, name] = k.split(/:(.*)/s) as [string, string];
      bus.emit({
        kind: 'deployed',
        level: 'INFO',
        category: 'Deployer',
        text: `${label(type)} named '${name}' has been deployed`,
        artifact: { type, name },
      });
    }
    return { ok: true, diagnostics, changes };
  }

  return {
    deploy(project) {
      const run = queue.then(() => deployNow(project));
      queue = run.catch(() => undefined);
      return run;
    },
    status: () => ({
      counters: counters.snapshot(),
      deployed: deployed !== undefined,
      listeners: listeners.info(),
      backendConnections: sender.open,
      artifacts: deployed?.size ?? 0,
      retry: sender.retryStatus(),
      messageStores: [...stores.values()]
        .filter((s) => s.unsupportedClass === undefined)
        .map((s) => s.status()),
    }),
    events: { subscribe: (fn, opts) => bus.subscribe(fn, opts), bus },
    async stop() {
      stopped = true;
      await queue;
      sender.stop();
      pools.stop();
      await listeners.stop();
      for (const s of slots.values()) s.current = undefined;
      retire(retirement);
      retirement = [];
      // A stopped runtime holds no messages (MI's in-memory stores die with the server).
      for (const s of stores.values()) s.messages.length = 0;
      stores = new Map();
    },
  };
}

function label(type: string): string {
  switch (type) {
    case 'sequence':
      return 'Sequence';
    case 'proxy':
      return 'ProxyService';
    case 'api':
      return 'API';
    case 'inboundEndpoint':
      return 'Inbound Endpoint';
    case 'endpoint':
      return 'Endpoint';
    default:
      return 'Artifact';
  }
}
