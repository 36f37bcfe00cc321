/**
 * Builds a deployment from a validated project: compiled sequences, HTTP routes and inbound
 * endpoint settings. Nothing here touches a socket or changes what is running.
 */
import type {
  ApiArtifact,
  Artifact,
  InboundEndpointArtifact,
  ProxyArtifact,
} from '../../model/artifacts/artifact-types.js';
import { failingTarget } from '../transports/endpoint-targets.js';
import { INBOUND_ON_ERROR_DEFAULT } from '../../model/artifacts/inbound-endpoint.js';
import { wsInboundSettings } from '../../model/artifacts/ws-inbound-parameters.js';
import type { EndpointValue } from '../../model/catalog/index.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { Project } from '../../model/project/project.js';
import { ArtifactCompiler, namedSequence, type CompilerDeps } from '../mediation/compile.js';
import type {
  CompiledSequence,
  EndpointTarget,
  SequenceSlot,
  Step,
  TemplateSlot,
} from '../mediation/mediation-types.js';
import { sequenceOf } from '../mediation/run-list.js';
import { attribute } from '../../model/xml/xml-query.js';
import type { ApiResourceRoute, ApiRoute, HttpEntry, HttpScheme } from '../transports/http-routes.js';
import { resourceMatcher } from '../transports/http-routes.js';
import type { InboundConfig } from '../transports/ws-inbound.js';
import { DEFAULT_SEQUENCES } from './default-sequences.js';
import { localEntriesOf } from './local-entries.js';
import { bindingsOf, httpInboundConfig, pemFile } from './http-inbound-config.js';
import type { HttpInboundConfig } from '../transports/http-inbound.js';
import { compileTemplates } from './templates.js';
import { messageStoresOf, type InMemoryMessageStore } from './message-stores.js';

/** What a build needs from the runtime. */
export interface BuildDeps extends Omit<CompilerDeps, 'endpoint'> {
  /** The target for an address URI. */
  targetForUri(uri: string): EndpointTarget;
  /** Folder that relative TLS file paths are read from. */
  readonly baseDir: string;
  /** The running deployment's message stores: one of the same name hands its messages on. */
  readonly storesBefore?: ReadonlyMap<string, InMemoryMessageStore>;
}

/** A deployment ready to commit. */
export interface BuiltDeployment {
  readonly sequences: ReadonlyMap<string, CompiledSequence>;
  readonly proxies: ReadonlyMap<string, HttpEntry>;
  readonly apis: readonly ApiRoute[];
  readonly inbounds: readonly InboundConfig[];
  /** HTTP and HTTPS inbound endpoints, each a listener of its own. */
  readonly httpInbounds: readonly HttpInboundConfig[];
  /** The in-memory message stores, by name. */
  readonly messageStores: ReadonlyMap<string, InMemoryMessageStore>;
  readonly diagnostics: Diagnostic[];
}

/** A slot that is not in the registry (an inline sequence of a proxy or API). */
function fixedSlot(name: string, run: Step | undefined): SequenceSlot | undefined {
  return run ? { name, current: { name, run } } : undefined;
}

export function buildDeployment(project: Project, deps: BuildDeps): BuiltDeployment {
  const diagnostics: Diagnostic[] = [];
  const endpoints = new Map<string, EndpointTarget>();
  const endpointFor = (ep: EndpointValue): EndpointTarget | undefined => {
    // IndirectEndpoint.send: a key nothing defines faults the message at run time (informFailure).
    if (ep.key !== undefined)
      return (
        endpoints.get(ep.key) ?? failingTarget(ep.key, `Couldn't find the endpoint with the key : ${ep.key}`)
      );
    return ep.uri !== undefined ? deps.targetForUri(ep.uri) : undefined;
  };
  const templates = new Map<string, TemplateSlot>();
  const messageStores = messageStoresOf(project, deps.storesBefore);
  const compilerDeps: CompilerDeps = {
    ...deps,
    messageStores,
    endpoint: endpointFor,
    localEntries: localEntriesOf(project),
    template: (name) => templates.get(name) ?? templates.set(name, { name, current: undefined }).get(name)!,
  };
  for (const a of project.artifacts) {
    if (a.type === 'endpoint' && a.endpoint.uri) endpoints.set(a.name, deps.targetForUri(a.endpoint.uri));
  }
  const compiler = (a: Artifact) => {
    const c = new ArtifactCompiler(a, compilerDeps);
    return c;
  };
  const sequences = new Map<string, CompiledSequence>();
  const seqArtifacts = [
    ...DEFAULT_SEQUENCES.values(),
    ...project.artifacts.filter((a) => a.type === 'sequence'),
  ];
  for (const a of seqArtifacts) {
    if (a.type !== 'sequence') continue;
    const c = compiler(a);
    const body = c.listByKey('sequence') ?? (() => true);
    sequences.set(a.name, namedSequence(a.name, body, a.onError ? deps.sequence(a.onError) : undefined));
    diagnostics.push(...c.diagnostics);
  }
  diagnostics.push(...compileTemplates(project, compilerDeps));
  const globalFault = deps.sequence('fault');
  const refOrInline = (
    c: ArtifactCompiler,
    ref: string | undefined,
    listKey: string | undefined,
  ): Step | undefined => {
    if (ref !== undefined) {
      const slot = deps.sequence(ref);
      return (ctx) => (slot.current ? slot.current.run(ctx) : true);
    }
    return listKey ? c.listByKey(listKey) : undefined;
  };
  const proxies = new Map<string, HttpEntry>();
  for (const a of project.artifacts) {
    if (a.type !== 'proxy' || !a.startOnLoad || !servesHttp(a)) continue;
    const c = compiler(a);
    proxies.set(a.name, proxyEntry(a, c, refOrInline, endpointFor, globalFault));
    diagnostics.push(...c.diagnostics);
  }
  const apis: ApiRoute[] = [];
  // APIs bound to inbound endpoints (binds-to), by endpoint name (InboundApiUtils.populateBindsTo).
  const bound = new Map<string, ApiRoute[]>();
  const mismatch = deps.sequence('_resource_mismatch_handler_');
  for (const a of project.artifacts) {
    if (a.type !== 'api') continue;
    const c = compiler(a);
    const r = apiRoute(a, c, refOrInline, globalFault, mismatch);
    const bindsTo = bindingsOf(a);
    if (bindsTo.includes('default')) apis.push(r);
    for (const name of bindsTo) if (name !== 'default') bound.set(name, [...(bound.get(name) ?? []), r]);
    diagnostics.push(...c.diagnostics);
  }
  // The most specific context first, so `/shop/admin` is not taken by `/shop`.
  const specificFirst = (x: ApiRoute, y: ApiRoute) => y.context.length - x.context.length;
  apis.sort(specificFirst);
  const inbounds: InboundConfig[] = [];
  const httpInbounds: HttpInboundConfig[] = [];
  for (const a of project.artifacts) {
    if (a.type !== 'inboundEndpoint' || a.suspend) continue;
    if (a.protocol === 'http' || a.protocol === 'https') {
      const own = (bound.get(a.name) ?? []).sort(specificFirst);
      const config = httpInboundConfig(a, own, deps, diagnostics);
      if (config) httpInbounds.push(config);
      continue;
    }
    const config = inboundConfig(a, deps, diagnostics);
    if (config) inbounds.push(config);
  }
  return { sequences, proxies, apis, inbounds, httpInbounds, messageStores, diagnostics };
}

function servesHttp(a: ProxyArtifact): boolean {
  return a.transports.length === 0 || a.transports.includes('http') || a.transports.includes('https');
}

/** The HTTP listeners a proxy is exposed on; undefined when it is on all transports. */
function httpTransports(a: ProxyArtifact): ReadonlySet<HttpScheme> | undefined {
  if (a.transports.length === 0) return undefined;
  return new Set(a.transports.filter((t): t is HttpScheme => t === 'http' || t === 'https'));
}

type RefOrInline = (
  c: ArtifactCompiler,
  ref: string | undefined,
  listKey: string | undefined,
) => Step | undefined;

function proxyEntry(
  a: ProxyArtifact,
  c: ArtifactCompiler,
  refOrInline: RefOrInline,
  endpointFor: (ep: EndpointValue) => EndpointTarget | undefined,
  globalFault: SequenceSlot,
): HttpEntry {
  const t = a.target;
  const inSeq = refOrInline(c, t?.inSequence, t?.hasInline.inSequence ? 'inSequence' : undefined);
  const outSeq = refOrInline(c, t?.outSequence, t?.hasInline.outSequence ? 'outSequence' : undefined);
  const faultSeq = refOrInline(c, t?.faultSequence, t?.hasInline.faultSequence ? 'faultSequence' : undefined);
  const ep =
    t?.endpointKey !== undefined
      ? endpointFor({ key: t.endpointKey })
      : t?.endpoint
        ? endpointFor(t.endpoint)
        : undefined;
  // The target endpoint receives whatever the in-sequence lets through.
  const toEndpoint: Step | undefined = ep
    ? (ctx) => {
        ep.send(ctx, {});
        return false;
      }
    : undefined;
  const run = sequenceOf([inSeq, toEndpoint].filter((s): s is Step => s !== undefined));
  const transports = httpTransports(a);
  return {
    type: 'proxy',
    name: a.name,
    run,
    ...(transports ? { transports } : {}),
    fault: fixedSlot(`${a.name}/faultSequence`, faultSeq) ?? globalFault,
    ...(outSeq ? { responsePath: outSeq } : {}),
  };
}

function apiRoute(
  a: ApiArtifact,
  c: ArtifactCompiler,
  refOrInline: RefOrInline,
  globalFault: SequenceSlot,
  mismatch: SequenceSlot,
): ApiRoute {
  // version-type="context": the context carries a {version} placeholder (VersionStrategyFactory).
  let context = (a.context ?? '/').replace(/\{version\}/g, a.version ?? '').replace(/\/+$/, '');
  if (a.version && a.versionType === 'url') context = `${context}/${a.version}`;
  const resources: ApiResourceRoute[] = a.resources.map((r, i) => {
    const inSeq = refOrInline(c, r.inSequence, r.listKeys.inSequence);
    const outSeq = refOrInline(c, r.outSequence, r.listKeys.outSequence);
    const faultSeq = refOrInline(c, r.faultSequence, r.listKeys.faultSequence);
    return {
      type: 'api',
      name: a.name,
      run: inSeq ?? (() => true),
      fault: fixedSlot(`${a.name}/resource.${i}/faultSequence`, faultSeq) ?? globalFault,
      ...(outSeq ? { responsePath: outSeq } : {}),
      methods: new Set(r.methods),
      match: resourceMatcher(r.uriTemplate, r.urlMapping),
    };
  });
  // APIFactory accepts transports="http" or "https" (one listener only); anything else is both.
  const t = attribute(a.doc.root, 'transports')?.trim().toLowerCase();
  const transports = t === 'http' || t === 'https' ? new Set<HttpScheme>([t]) : undefined;
  return { name: a.name, context, resources, mismatch, ...(transports ? { transports } : {}) };
}

function inboundConfig(
  a: InboundEndpointArtifact,
  deps: BuildDeps,
  diagnostics: Diagnostic[],
): InboundConfig | undefined {
  // Every parameter once, typed, defaults applied (the list in ws-inbound-parameters.ts).
  const p = wsInboundSettings(a.parameters);
  const at = { artifact: a.name, line: a.doc.root.pos?.line, column: a.doc.root.pos?.column };
  const protocol = a.protocol === 'wss' ? 'wss' : 'ws';
  let tls: InboundConfig['tls'];
  if (protocol === 'wss') {
    try {
      const file = (param: 'wss.ssl.key.file' | 'wss.ssl.cert.file'): Buffer =>
        pemFile(p[param], param, deps.baseDir);
      const passphrase = p['wss.ssl.cert.pass'];
      tls = {
        key: file('wss.ssl.key.file'),
        cert: file('wss.ssl.cert.file'),
        ...(passphrase ? { passphrase } : {}),
      };
    } catch (e) {
      diagnostics.push({
        severity: 'error',
        code: 'TLS_FILE',
        message: `Inbound endpoint ${a.name}: cannot read its key or certificate: ${(e as Error).message}.`,
        ...at,
      });
      return undefined;
    }
  }
  const level = p['ws.client.side.broadcast.level'];
  const code = p['ws.shutdown.status.code'];
  const dispatch = p['ws.outflow.dispatch.sequence'];
  const dispatchFault = p['ws.outflow.dispatch.fault.sequence'];
  const defaultType = p['ws.default.content.type'];
  return {
    name: a.name,
    // ws.use.port.offset adds the server's port offset, as MI does.
    port: p['inbound.ws.port'] + (p['ws.use.port.offset'] ? deps.config.portOffset : 0),
    protocol,
    ...(tls ? { tls } : {}),
    sequence: deps.sequence(a.sequence ?? 'main'),
    ...(p['dispatch.custom.sequence']
      ? { pathSequence: (path: string) => deps.sequence(pathSequenceName(path)) }
      : {}),
    fault: deps.sequence(a.onError ?? INBOUND_ON_ERROR_DEFAULT),
    broadcastLevel: level === 1 || level === 2 ? level : 0,
    outflow: {
      ...(dispatch ? { dispatch: deps.sequence(dispatch) } : {}),
      ...(dispatchFault ? { fault: deps.sequence(dispatchFault) } : {}),
    },
    ...(defaultType ? { defaultContentType: defaultType } : {}),
    shutdownCode: Number.isInteger(code) && code >= 1000 && code <= 4999 ? code : 1001,
    shutdownMessage: p['ws.shutdown.status.message'],
    maxFrameSize: p['ws.max.frame.size'],
    limits: deps.config.limits,
  };
}

/** dispatch.custom.sequence: `/a/b?x` → `a-b` (MI's path-derived sequence name). */
export function pathSequenceName(path: string): string {
  return (path.split('?')[0] ?? '').replace(/^\/+/, '').replace(/\//g, '-');
}
