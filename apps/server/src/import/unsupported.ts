/**
 * What Mediate does not import, and the reason the report gives: by an XML root's tag, by a
 * CApp artifact's type, or by where a file sits in an MI project.
 */
import { ARTIFACT_TYPES, ARTIFACTS } from '@mediate/engine';

/** What a thing is and why it stays behind. */
export interface Unsupported {
  readonly what: string;
  readonly reason: string;
}

const NOT_RUN = 'Mediate does not run';

/** Root tags of Synapse artifacts Mediate does not model. */
const ROOTS: Readonly<Record<string, Unsupported>> = {
  // Sequence templates are an artifact type; a <template> read as unsupported holds an endpoint.
  template: { what: 'endpoint template', reason: `${NOT_RUN} endpoint templates.` },
  messageProcessor: { what: 'message processor', reason: `${NOT_RUN} message processors.` },
  task: { what: 'scheduled task', reason: `${NOT_RUN} scheduled tasks.` },
  eventSource: { what: 'event source', reason: `${NOT_RUN} event sources.` },
  data: { what: 'data service', reason: `${NOT_RUN} data services.` },
  datasource: { what: 'data source', reason: `${NOT_RUN} data sources.` },
  registry: { what: 'registry definition', reason: 'Mediate has no registry.' },
  executor: { what: 'priority executor', reason: `${NOT_RUN} priority executors.` },
  priorityExecutor: { what: 'priority executor', reason: `${NOT_RUN} priority executors.` },
  import: { what: 'connector import', reason: `${NOT_RUN} connectors.` },
};

/** An XML artifact whose root Mediate does not model (`<template name="x">`). */
export function unsupportedRoot(tag: string): Unsupported {
  return (
    ROOTS[tag] ?? {
      what: `<${tag}>`,
      reason: `<${tag}> is not a Synapse artifact Mediate knows (${ARTIFACT_TYPES.map((t) => ARTIFACTS[t].tag).join(', ')}).`,
    }
  );
}

/**
 * CApp artifact types (`artifact.xml` `type`) Mediate imports: those of its artifact definitions,
 * and `synapse/template`, which MI's tooling writes for sequence and endpoint templates alike
 * (an endpoint template in one is parsed, then reported as unsupported).
 */
export const CAPP_TYPES: ReadonlySet<string> = new Set([
  ...ARTIFACT_TYPES.map((t) => ARTIFACTS[t].cappType),
  'synapse/template',
]);

const CAPP_UNSUPPORTED: Readonly<Record<string, Unsupported>> = {
  'synapse/endpointTemplate': ROOTS.template!,
  'synapse/message-processors': ROOTS.messageProcessor!,
  'synapse/task': ROOTS.task!,
  'synapse/event-source': ROOTS.eventSource!,
  'service/dataservice': ROOTS.data!,
  'datasource/datasource': ROOTS.datasource!,
  'lib/synapse/mediator': { what: 'class mediator', reason: `${NOT_RUN} Java class mediators.` },
  'synapse/lib': { what: 'connector', reason: `${NOT_RUN} connectors.` },
  'registry/resource': { what: 'registry resource', reason: 'Mediate has no registry.' },
  'synapse/metadata': { what: 'API metadata', reason: 'Mediate does not use API metadata (Swagger).' },
};

/** A CApp artifact type Mediate does not import. */
export function unsupportedCappType(type: string): Unsupported {
  return (
    CAPP_UNSUPPORTED[type] ?? {
      what: `CApp artifact of type ${type || '(none)'}`,
      reason: `Mediate imports ${[...CAPP_TYPES].join(', ')}.`,
    }
  );
}

/**
 * A file of an MI project that is not a Synapse XML artifact, by its place and extension:
 * `src/main/wso2mi/resources/registry/...`, `.../connectors/x.zip`, `src/main/java/...`, `.dbs`.
 */
export function unsupportedFile(rel: string): Unsupported {
  const parts = rel.split('/');
  const has = (segment: string) => parts.includes(segment);
  const ext = extension(rel);
  if (ext === 'dbs') return ROOTS.data!;
  if (ext === 'java' || ext === 'class' || has('java'))
    return { what: 'class mediator', reason: `${NOT_RUN} Java class mediators.` };
  if (ext === 'jar') return { what: 'library (jar)', reason: 'Mediate runs no Java libraries.' };
  if (has('connectors') || (ext === 'zip' && rel.toLowerCase().includes('connector')))
    return { what: 'connector', reason: `${NOT_RUN} connectors.` };
  if (has('registry')) return { what: 'registry resource', reason: 'Mediate has no registry.' };
  if (has('metadata'))
    return { what: 'API metadata', reason: 'Mediate does not use API metadata (Swagger).' };
  if (has('api-definitions'))
    return { what: 'API definition', reason: 'Mediate does not use OpenAPI definitions.' };
  if (has('data-sources')) return ROOTS.datasource!;
  if (has('data-services')) return ROOTS.data!;
  return { what: 'file', reason: 'Mediate imports Synapse XML artifacts and deployment.toml only.' };
}

function extension(rel: string): string {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot === -1 ? '' : base.slice(dot + 1).toLowerCase();
}
