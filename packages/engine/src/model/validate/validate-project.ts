/**
 * `validateProject`: every check that can be made without running anything.
 */
import type { Artifact } from '../artifacts/artifact-types.js';
import type { ArtifactChecks, ArtifactEmit } from '../artifacts/define-artifact.js';
import type { Diagnostic } from '../diagnostics.js';
import { findArtifact, type Project } from '../project/project.js';
import { portUsers, type PortUser } from '../project/project-ports.js';
import type { XmlElement } from '../xml/xml-types.js';
import { validateArtifact } from './validate-artifact.js';
import { validateBindsTo } from './validate-binds-to.js';
import { validateCallTemplates } from './validate-call-template.js';
import {
  BUILT_IN_SEQUENCES,
  checkEndpoint,
  validateMediators,
  type ReferenceIndex,
} from './validate-mediators.js';
import { NameChecks } from './validate-names.js';
import { validateNamespaces } from './validate-namespaces.js';

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
    localEntries: new Set(project.artifacts.filter((a) => a.type === 'localEntry').map((a) => a.name)),
    templates: new Set(project.artifacts.filter((a) => a.type === 'template').map((a) => a.name)),
    messageStores: new Set(project.artifacts.filter((a) => a.type === 'messageStore').map((a) => a.name)),
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
    for (const list of a.lists)
      validateMediators(list.mediators, a.name || a.file || '(unnamed)', refs, out, a.doc.root);
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
    const checks: ArtifactChecks = {
      emit,
      sequenceRef: seqRef,
      hasEndpoint: (name) => refs.endpoints.has(name),
      checkEndpoint: (ep, el) => checkEndpoint(ep, el, refs, (s, c, m, at, f) => emit(s, c, m, at, f)),
    };
    validateArtifact(a, checks);
  }
  checkSharedPorts(project, out);
  validateCallTemplates(project.artifacts, out);
  validateBindsTo(project.artifacts, out);
  return out;
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
    if (!a || a.type !== 'inboundEndpoint') continue;
    const param = a.protocol === 'http' || a.protocol === 'https' ? 'inbound.http.port' : 'inbound.ws.port';
    const message =
      other.inbound !== undefined
        ? `Inbound endpoints '${other.inbound}' and '${u.inbound}' both listen on port ${u.port}; give each its own ${param}.`
        : `Inbound endpoint '${u.inbound}' listens on port ${u.port}, which ${other.who} uses (deployment.toml); give it another ${param}.`;
    emitterFor(a, out)('error', 'INBOUND_PORT_IN_USE', message, undefined, param);
  }
}
