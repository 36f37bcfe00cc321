/**
 * Artifacts: the top-level Synapse configuration units, each one XML document.
 */
import type { EndpointValue } from '../catalog/index.js';
import type { MediatorList } from '../mediators/mediator-types.js';
import type { Layout } from '../xml/xml-edit.js';
import type { XmlDocument } from '../xml/xml-types.js';

/** The artifact types Mediate models. `unsupported` roots are kept verbatim. */
export type ArtifactType =
  | 'sequence'
  | 'proxy'
  | 'api'
  | 'inboundEndpoint'
  | 'endpoint'
  | 'localEntry'
  | 'template'
  | 'messageStore'
  | 'unsupported';

/** What every artifact has. */
interface ArtifactBase {
  readonly name: string;
  /** The document, source of truth for serialization and edits. */
  readonly doc: XmlDocument;
  readonly layout: Layout;
  /** The mediator lists it holds inline, for the canvas and the runtime. */
  readonly lists: readonly MediatorList[];
  /** Where it came from (a project-relative file path), for diagnostics. */
  readonly file?: string;
}

export interface SequenceArtifact extends ArtifactBase {
  readonly type: 'sequence';
  readonly onError?: string;
  readonly description?: string;
}

/** The `<target>` of a proxy: referenced or inline sequences and endpoint. */
export interface ProxyTarget {
  readonly inSequence?: string;
  readonly outSequence?: string;
  readonly faultSequence?: string;
  /** Name of an endpoint artifact (`endpoint` attribute). */
  readonly endpointKey?: string;
  /** An inline `<endpoint>`. */
  readonly endpoint?: EndpointValue;
  readonly hasInline: {
    readonly inSequence: boolean;
    readonly outSequence: boolean;
    readonly faultSequence: boolean;
  };
}

export interface ProxyArtifact extends ArtifactBase {
  readonly type: 'proxy';
  /** Lower-cased transports; empty means all. */
  readonly transports: readonly string[];
  readonly startOnLoad: boolean;
  readonly target?: ProxyTarget;
  readonly parameters: readonly { readonly name: string; readonly value: string }[];
}

export interface ApiResource {
  readonly methods: readonly string[];
  readonly uriTemplate?: string;
  readonly urlMapping?: string;
  readonly inSequence?: string;
  readonly outSequence?: string;
  readonly faultSequence?: string;
  /** List keys of its inline sequences, e.g. `resource.0.inSequence`. */
  readonly listKeys: {
    readonly inSequence?: string;
    readonly outSequence?: string;
    readonly faultSequence?: string;
  };
}

export interface ApiArtifact extends ArtifactBase {
  readonly type: 'api';
  readonly context?: string;
  readonly version?: string;
  readonly versionType?: string;
  readonly resources: readonly ApiResource[];
}

/** A `<parameter>` of an inbound endpoint. */
export interface InboundParameter {
  readonly name: string;
  readonly value: string;
  /** `key="…"`: resolved from a local entry. */
  readonly key?: string;
}

export interface InboundEndpointArtifact extends ArtifactBase {
  readonly type: 'inboundEndpoint';
  readonly protocol?: string;
  readonly className?: string;
  readonly sequence?: string;
  readonly onError?: string;
  readonly suspend: boolean;
  readonly parameters: readonly InboundParameter[];
}

export interface EndpointArtifact extends ArtifactBase {
  readonly type: 'endpoint';
  readonly endpoint: EndpointValue;
}

export interface LocalEntryArtifact extends ArtifactBase {
  readonly type: 'localEntry';
  readonly src?: string;
}

/** A `<parameter>` of a sequence template (TemplateParam). */
export interface TemplateParameter {
  readonly name: string;
  /** `isMandatory="true"`: a call-template that gives no value and no default faults. */
  readonly mandatory: boolean;
  /** `defaultValue`: used when the caller gives none. */
  readonly defaultValue?: string;
  readonly description?: string;
}

/** A sequence template: parameters and an inline `<sequence>` that call-template runs. */
export interface TemplateArtifact extends ArtifactBase {
  readonly type: 'template';
  readonly params: readonly TemplateParameter[];
  readonly onError?: string;
}

/** A `<parameter name>value</parameter>` row of a message store. */
export interface ArtifactParameter {
  readonly name: string;
  readonly value: string;
}

/** A message store: MI's in-memory store runs; other classes are kept as written. */
export interface MessageStoreArtifact extends ArtifactBase {
  readonly type: 'messageStore';
  /** `class`; absent means MI's in-memory store. */
  readonly className?: string;
  readonly parameters: readonly ArtifactParameter[];
  readonly description?: string;
}

/** A root Mediate does not model (endpoint template, task, messageProcessor, …): kept as it is. */
export interface UnsupportedArtifact extends ArtifactBase {
  readonly type: 'unsupported';
  readonly rootTag: string;
}

export type Artifact =
  | SequenceArtifact
  | ProxyArtifact
  | ApiArtifact
  | InboundEndpointArtifact
  | EndpointArtifact
  | LocalEntryArtifact
  | TemplateArtifact
  | MessageStoreArtifact
  | UnsupportedArtifact;

/** A parameter value of an inbound endpoint, by name. */
export function inboundParameter(a: InboundEndpointArtifact, name: string): string | undefined {
  return a.parameters.find((p) => p.name === name)?.value;
}
