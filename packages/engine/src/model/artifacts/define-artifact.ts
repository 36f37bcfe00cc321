/**
 * The shape of an artifact definition. One definition per artifact type (`sequence.ts`,
 * `proxy.ts`, …) says everything Mediate knows about it: its root element and the attribute that
 * names it, its project folder, its labels, the attributes the studio's form edits, where its
 * inline mediator lists are, its parameters, the text of a new one, how to read its typed
 * properties and the checks beyond what its fields imply. Reading, validation, the project's
 * folders, deployment defaults, the studio's explorer, templates and forms walk these
 * definitions, as they walk the mediator catalog for mediators.
 */
import type { EndpointValue, RuleIssue } from '../catalog/catalog-types.js';
import type { Severity } from '../diagnostics.js';
import type { MediatorList } from '../mediators/mediator-types.js';
import { attribute, elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import type { Artifact, ArtifactType } from './artifact-types.js';

/** The Synapse namespace. */
export const SYNAPSE_NS = 'http://ws.apache.org/ns/synapse';

/** The declaration new artifact files start with, as MI's tooling writes it. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The artifact types that have a definition (every type but `unsupported`). */
export type DefinedArtifactType = Exclude<ArtifactType, 'unsupported'>;

/** The artifact of one type. */
export type ArtifactOf<T extends ArtifactType> = Extract<Artifact, { type: T }>;

/** What every artifact has, whatever its type; the rest comes from its definition's `read`. */
type CommonProperties = 'type' | 'name' | 'doc' | 'layout' | 'lists' | 'file';

/** The typed properties an artifact of type `T` adds to the common ones. */
export type ArtifactProperties<T extends DefinedArtifactType> = Omit<ArtifactOf<T>, CommonProperties>;

/**
 * An attribute of the artifact, on its root (no `at`) or on a child element named by local names
 * from the root (`at: ['target']`). The form shows one input per field; validation checks
 * `required` fields and that `sequence` and `endpoint` fields name one that exists.
 */
export interface ArtifactField<A extends Artifact = ArtifactOf<DefinedArtifactType>> {
  readonly attribute: string;
  readonly at?: readonly string[];
  readonly label: string;
  /** `sequence`/`endpoint`: the name of a sequence or endpoint artifact (checked, linked). */
  readonly type: 'text' | 'sequence' | 'endpoint';
  /** What Synapse (or Mediate's runtime) assumes when the attribute is absent. */
  readonly default?: string;
  /** Absent or empty is an error (`<Label> '<name>' needs a <attribute>.`). */
  readonly required?: boolean;
  /**
   * A check of this field beyond `required` and references, in the field's turn (after `required`
   * passed; the value may be absent when the field is not required). The issue's `field` is the
   * diagnostic's.
   */
  readonly check?: (value: string | undefined, artifact: A) => RuleIssue | undefined;
}

/** The key of a field: its element path and attribute joined by dots (`target.inSequence`). */
export function fieldKey(f: ArtifactField<never>): string {
  return [...(f.at ?? []), f.attribute].join('.');
}

/**
 * How messages name a field: the attribute on the root (`onError`), else the element path,
 * capitalized, and the attribute (`Target inSequence`).
 */
export function fieldWords(f: ArtifactField<never>): string {
  const at = (f.at ?? []).join(' ');
  return at ? `${at[0]?.toUpperCase()}${at.slice(1)} ${f.attribute}` : f.attribute;
}

/** The element a field's attribute lives on, if it is there (the first one of each name). */
export function fieldElement(root: XmlElement, f: ArtifactField<never>): XmlElement | undefined {
  let el: XmlElement | undefined = root;
  for (const name of f.at ?? []) el = el && elementChildren(el).find((c) => localName(c.name) === name);
  return el;
}

/** The value of a field as written, or undefined when the attribute (or its element) is absent. */
export function fieldValue(root: XmlElement, f: ArtifactField<never>): string | undefined {
  const el = fieldElement(root, f);
  return el && attribute(el, f.attribute);
}

/**
 * Where an artifact's mediator lists are.
 * - `body`: the root's own mediator children form one list (a sequence).
 * - `inline`: in/out/fault sequences written inline as children of an `owner` element (a proxy's
 *   `<target>`), or of every `owner` element when `each` is set (an API's `<resource>`s, keyed
 *   `resource.<n>.inSequence`). With `addable`, the form offers to add the missing ones.
 */
export type ArtifactLists =
  | {
      readonly kind: 'body';
      readonly key: string;
      readonly label: string;
      /** Children that are not mediators (`<description>`). */
      readonly skip?: readonly string[];
      /**
       * The child element of the root whose children are the mediators (a template's
       * `<sequence>`); absent: the root's own children.
       */
      readonly element?: string;
    }
  | {
      readonly kind: 'inline';
      readonly owner: string;
      readonly each?: boolean;
      readonly elements: readonly string[];
      readonly addable?: boolean;
    };

/** One known `<parameter>` of an artifact: what it means, its type and default, who reads it. */
export interface ParameterDefinition {
  readonly name: string;
  /** How the value is read: a whole number, `true`/`false`, text, a sequence's name, a PEM file. */
  readonly type: 'integer' | 'boolean' | 'string' | 'sequence' | 'pemFile';
  /**
   * What is assumed when the parameter is absent (and, for integers and booleans, blank), in the
   * parameter's text form.
   */
  readonly default?: string;
  /** Needed (present and not blank); with `protocols`, only for those protocols. */
  readonly required?: boolean;
  /** The protocols it means something for; absent: all of them. */
  readonly protocols?: readonly string[];
  readonly meaning: string;
  /** The MI class that reads it, or why only Mediate does. */
  readonly readBy: string;
  /** MI reads it for Java or Netty machinery that Node has no use for: accepted with a warning. */
  readonly ignored?: boolean;
  /** A check of a value that is there (possibly blank), beyond `required`. */
  readonly check?: (value: string) => RuleIssue | undefined;
}

/** The `<parameter name="…">value</parameter>` rows of an artifact. */
export interface ArtifactParameters {
  /** The element holding the rows (`parameters`); absent when they are the root's children. */
  readonly wrapper?: 'parameters';
  /** The parameters Mediate knows: the form offers them, validation checks them. */
  readonly known?: readonly ParameterDefinition[];
}

/**
 * The known parameters a form offers to add: those not ignored and not there yet, in the
 * definition's order; with `protocol`, only those that mean something for it.
 */
export function offeredParameters(
  parameters: ArtifactParameters | undefined,
  present: readonly { readonly name: string }[],
  protocol?: string,
): ParameterDefinition[] {
  return (parameters?.known ?? []).filter(
    (p) =>
      !p.ignored &&
      !present.some((r) => r.name === p.name) &&
      (protocol === undefined || !p.protocols || p.protocols.includes(protocol)),
  );
}

/** A reporter bound to one artifact: at `el` (default its root), about `field`. */
export type ArtifactEmit = (
  severity: Severity,
  code: string,
  message: string,
  el?: XmlElement,
  field?: string,
) => void;

/** What an artifact's checks are given: a reporter and the project's references. */
export interface ArtifactChecks {
  readonly emit: ArtifactEmit;
  /** Reports `name` when neither the project nor the runtime has such a sequence. */
  sequenceRef(name: string | undefined, what: string, el?: XmlElement): void;
  /** True when the project has an endpoint artifact of that name. */
  hasEndpoint(name: string): boolean;
  /** Checks an endpoint written inline or by key, as for the send mediator. */
  checkEndpoint(ep: EndpointValue, el: XmlElement): void;
}

/** What a new artifact's template is given besides its name. */
export interface TemplateOptions {
  /** For an inbound endpoint: a port no listener of the project uses. */
  readonly port: number;
}

/** Everything Mediate knows about one artifact type. */
export interface ArtifactDefinition<
  T extends DefinedArtifactType = DefinedArtifactType,
  F extends string = string,
> {
  readonly type: T;
  /** The root element's local name in the Synapse namespace. */
  readonly tag: string;
  /**
   * Whether a root with this tag is of this type (a `<template>` holding a `<sequence>`, not an
   * endpoint template); absent: every root with the tag. Other roots are kept as `unsupported`.
   */
  readonly accepts?: (root: XmlElement) => boolean;
  /** The project folder: `artifacts/<folder>/<name>.xml`, as in MI's projects. */
  readonly folder: F;
  /** Its `type` in a CApp's `artifact.xml` (what an import of a `.car` takes). */
  readonly cappType: string;
  /** People's name for one (`Proxy service`) and for several (`Proxy services`). */
  readonly label: string;
  readonly plural: string;
  /** The root attribute that names it. */
  readonly nameAttribute: 'name' | 'key';
  /** Sequences, endpoints and local entries share one key space in MI (its local registry). */
  readonly registry?: boolean;
  readonly fields: readonly ArtifactField<ArtifactOf<T>>[];
  readonly lists?: ArtifactLists;
  readonly parameters?: ArtifactParameters;
  /** The text of a new artifact with this name. */
  readonly template: (name: string, options: TemplateOptions) => string;
  /** Its typed properties, from the root and the mediator lists read from it. */
  readonly read: (root: XmlElement, lists: readonly MediatorList[]) => ArtifactProperties<T>;
  /** Checks beyond its fields' (required, references) and its known parameters'. */
  readonly rules?: (artifact: ArtifactOf<T>, check: ArtifactChecks) => void;
}

/** Makes an artifact definition, keeping its literal types (the folder name, for the API). */
export function defineArtifact<T extends DefinedArtifactType, const F extends string>(
  definition: ArtifactDefinition<T, F>,
): ArtifactDefinition<T, F> {
  return definition;
}

/** The check of an inbound endpoint's port parameter (`inbound.ws.port`, `inbound.http.port`). */
export function checkInboundPort(port: string): RuleIssue | undefined {
  return !/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535
    ? {
        code: 'INBOUND_PORT',
        message: `Validation failed for the port parameter ${port}: use a number from 1 to 65535.`,
      }
    : undefined;
}
