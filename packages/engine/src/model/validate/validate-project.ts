/**
 * `validateProject`: every check that can be made without running anything.
 */
import type { Artifact, ProxyArtifact } from '../artifacts/artifact-types.js';
import type { Diagnostic } from '../diagnostics.js';
import { findArtifact, type Project } from '../project/project.js';
import { portUsers, type PortUser } from '../project/project-ports.js';
import { childElement } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import {
  BUILT_IN_SEQUENCES,
  checkEndpoint,
  validateMediators,
  type ReferenceIndex,
} from './validate-mediators.js';
import type { ArtifactEmit } from './artifact-emit.js';
import { validateInbound } from './validate-inbound.js';
import { NameChecks } from './validate-names.js';
import { validateNamespaces } from './validate-namespaces.js';
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

function emitterFor(a: Artifact, out: Diagnostic[]): ArtifactEmit {
  const label = a.name || a.file || '(unnamed)';
  return (severity, code, message, el = a.doc.root, field) =>
    out.push({
      severity,
      code,
      message,
      artifact: label,
      ...(field ? { field } : {}),
      line: el.pos?.line,
      column: el.pos?.column,
    });
}

/** Validates a whole project. Never throws. */
export function validateProject(project: Project): Diagnostic[] {
  const out: Diagnostic[] = [];
  const refs: ReferenceIndex = {
    sequences: new Set(project.artifacts.filter((a) => a.type === 'sequence').map((a) => a.name)),
    endpoints: new Set(project.artifacts.filter((a) => a.type === 'endpoint').map((a) => a.name)),
  };
  const names = new NameChecks();
  for (const a of project.artifacts) {
    const emit = emitterFor(a, out);
    validateNamespaces(a, emit);
    names.check(a, emit);
    if (a.type === 'unsupported') {
      emit(
        'warning',
        'ARTIFACT_UNSUPPORTED',
        `<${a.rootTag}> artifacts are kept as written but not run by Mediate.`,
      );
      continue;
    }
    for (const list of a.lists) validateMediators(list.mediators, a.name || a.file || '(unnamed)', refs, out);
    const seqRef = (name: string | undefined, what: string, el?: XmlElement) => {
      if (name !== undefined && !refs.sequences.has(name) && !BUILT_IN_SEQUENCES.has(name)) {
        emit(
          'error',
          'REF_SEQUENCE_MISSING',
          `${what} names sequence '${name}', which does not exist in this project.`,
          el,
        );
      }
    };
    switch (a.type) {
      case 'sequence':
        seqRef(a.onError, 'onError');
        break;
      case 'proxy':
        validateProxy(a, refs, emit, seqRef);
        break;
      case 'api': {
        if (!a.context)
          emit('error', 'REQUIRED_FIELD', `API '${a.name}' needs a context.`, undefined, 'context');
        else if (!a.context.startsWith('/'))
          emit(
            'error',
            'API_CONTEXT',
            `API context '${a.context}' must begin with '/'.`,
            undefined,
            'context',
          );
        if (a.resources.length === 0)
          emit('error', 'API_NO_RESOURCE', `API '${a.name}' needs at least one <resource>.`);
        for (const [i, r] of a.resources.entries()) {
          for (const m of r.methods) {
            if (!HTTP_METHODS.includes(m))
              emit(
                'error',
                'ENUM_VALUE',
                `Resource #${i + 1} has method '${m}'; expected ${HTTP_METHODS.join(', ')}.`,
              );
          }
          if (new Set(r.methods).size !== r.methods.length)
            emit('error', 'API_METHODS', `Resource #${i + 1} lists a method twice.`);
          seqRef(r.inSequence, `Resource #${i + 1} inSequence`);
          seqRef(r.outSequence, `Resource #${i + 1} outSequence`);
          seqRef(r.faultSequence, `Resource #${i + 1} faultSequence`);
        }
        break;
      }
      case 'inboundEndpoint':
        validateInbound(a, emit, seqRef);
        break;
      case 'endpoint':
        checkEndpoint(a.endpoint, a.doc.root, refs, (s, c, m, el, f) => emit(s, c, m, el, f));
        break;
      default:
        break;
    }
  }
  checkSharedPorts(project, out);
  return out;
}

function validateProxy(
  a: ProxyArtifact,
  refs: ReferenceIndex,
  emit: ArtifactEmit,
  seqRef: (name: string | undefined, what: string, el?: XmlElement) => void,
): void {
  const targetEl = childElement(a.doc.root, 'target');
  const t = a.target;
  if (!t || !targetEl) {
    emit('error', 'PROXY_NO_TARGET', `Proxy '${a.name}' needs a <target>.`);
    return;
  }
  const hasIn = t.inSequence !== undefined || t.hasInline.inSequence;
  const hasEndpoint = t.endpointKey !== undefined || t.endpoint !== undefined;
  if (!hasIn && !hasEndpoint) {
    emit(
      'error',
      'PROXY_TARGET_EMPTY',
      'Target of the proxy service must declare either an inSequence or endpoint or both.',
      targetEl,
    );
  }
  seqRef(t.inSequence, 'Target inSequence', targetEl);
  seqRef(t.outSequence, 'Target outSequence', targetEl);
  seqRef(t.faultSequence, 'Target faultSequence', targetEl);
  if (t.endpointKey !== undefined && !refs.endpoints.has(t.endpointKey)) {
    emit(
      'error',
      'REF_ENDPOINT_MISSING',
      `Target endpoint '${t.endpointKey}' does not exist in this project.`,
      targetEl,
    );
  }
  if (t.endpoint) checkEndpoint(t.endpoint, targetEl, refs, (s, c, m, el, f) => emit(s, c, m, el, f));
  for (const tr of a.transports) {
    if (!['http', 'https', 'ws', 'wss', 'local'].includes(tr)) {
      emit(
        'warning',
        'PROXY_TRANSPORT',
        `Transport '${tr}' is not served by Mediate; the proxy listens on http and https.`,
      );
    }
  }
}

/**
 * Two listeners may not share a port: MI refuses the second inbound endpoint, and the HTTP(S)
 * listener would fail to start.
 */
function checkSharedPorts(project: Project, out: Diagnostic[]): void {
  const first = new Map<number, PortUser>();
  for (const u of portUsers(project)) {
    const other = first.get(u.port);
    if (!other) {
      first.set(u.port, u);
      continue;
    }
    const a = u.inbound !== undefined && findArtifact(project, { type: 'inboundEndpoint', name: u.inbound });
    if (!a) continue;
    const message =
      other.inbound !== undefined
        ? `Inbound endpoints '${other.inbound}' and '${u.inbound}' both listen on port ${u.port}; give each its own inbound.ws.port.`
        : `Inbound endpoint '${u.inbound}' listens on port ${u.port}, which ${other.who} uses (deployment.toml); give it another inbound.ws.port.`;
    emitterFor(a, out)('error', 'INBOUND_PORT_IN_USE', message, undefined, 'inbound.ws.port');
  }
}
